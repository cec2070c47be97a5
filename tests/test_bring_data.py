"""Bring your data from another copy of coffeechat: a JSON export uploaded into one's own empty
account on a server that holds other accounts, under new ids, all or nothing.

Runs on whichever database the suite runs on (SQLite, and PostgreSQL in CI).
"""

from __future__ import annotations

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.urls import reverse

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import Conversation
from coffeechat.exports.json_export import COLLECTIONS, dumps, export_json
from coffeechat.people.models import Contact
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Question
from coffeechat.search.query import search
from tests.factories import make_contact, make_contact_address, make_one_of_everything, make_user

MARKER = "Qwertzuiop"
FIXED = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
URL = "/exports/bring-your-data/"
COLLECTION_OF = {model: name for name, model in COLLECTIONS}


def _export(user) -> bytes:
    return dumps(export_json(user, exported_at=FIXED)).encode("utf-8")


@pytest.fixture
def original(seeker):
    """The seeker who started locally: one linked row of everything, a referrer further down
    (a reference to a later row), a second address and a filled-in profile."""
    rows = make_one_of_everything(seeker, MARKER)
    contact = rows[Contact]
    referrer = make_contact(seeker, first_name="Referrer", organization=None)
    contact.referred_by = referrer
    contact.save()
    make_contact_address(seeker, contact=contact, kind="email", value="ada@example.org")
    SeekerProfile.objects.filter(owner=seeker).update(
        display_name="Sam Seeker", school="Northside University", time_zone="Europe/Berlin"
    )
    return seeker


@pytest.fixture
def newcomer(db):
    """The seeker's new, empty account on the career center's server."""
    return make_user("newcomer", email="newcomer@center.example")


def _upload(client, data: bytes, name: str = "mine.json"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "application/json")})


def _error(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select_one(".error, .notice")
    return found.get_text(" ", strip=True) if found else ""


def _positions(data: dict) -> dict[str, dict[int, int]]:
    return {name: {row["id"]: i for i, row in enumerate(data[name])} for name, _ in COLLECTIONS}


def _without_ids(data: dict) -> dict:
    """The export with every id, and every reference, replaced by the row's place in its
    collection: two exports of the same data under other ids become equal. The account's
    name and email are its own, not the data's."""
    positions = _positions(data)
    for name, model in COLLECTIONS:
        for row in data[name]:
            row["id"] = positions[name][row["id"]]
            for key, value in list(row.items()):
                if key.endswith("_ids"):
                    target = COLLECTION_OF[model._meta.get_field(key[:-4]).related_model]
                    row[key] = [positions[target][v] for v in value]
                elif key.endswith("_id") and value is not None:
                    target = COLLECTION_OF[model._meta.get_field(key[:-3]).related_model]
                    row[key] = positions[target][value]
    del data["user"]
    return data


def _ids(user) -> dict[str, set[int]]:
    return {
        name: set(model.objects.filter(owner=user).values_list("pk", flat=True))
        for name, model in COLLECTIONS
    }


def _upload_folder() -> set[str]:
    return {p.name for p in documents.path("x").parent.iterdir() if not p.name.startswith(".")}


# The round trip -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_brought_data_exports_as_the_original_did_under_new_ids(client, original, newcomer):
    before = _export(original)
    client.force_login(newcomer)

    response = _upload(client, before)

    assert response.status_code == 302, _error(response)
    assert response["Location"] == reverse("today:today")
    after = _export(newcomer)
    assert _without_ids(json.loads(after)) == _without_ids(json.loads(before))
    # The account keeps its own name and email; the original is untouched.
    assert json.loads(after)["user"] == {
        "username": "newcomer",
        "email": "newcomer@center.example",
    }
    assert _export(original) == before
    # Every row is new: none of the file's ids was reused, all are the new account's own.
    theirs, ours = _ids(original), _ids(newcomer)
    for name, _model in COLLECTIONS:
        assert theirs[name].isdisjoint(ours[name]), name
        assert len(ours[name]) == len(json.loads(before)[name]), name


@pytest.mark.django_db
def test_the_new_accounts_pages_search_and_documents_show_the_data(client, original, newcomer):
    client.force_login(newcomer)
    _upload(client, _export(original))

    told = BeautifulSoup(client.get(reverse("today:today")).content, "html.parser").get_text()
    assert re.search(r"Brought in mine\.json: \d+ rows and 1 document file, with your", told)
    contact = Contact.objects.get(owner=newcomer, first_name=MARKER)
    page = client.get(contact.get_absolute_url())
    assert page.status_code == 200
    assert MARKER in page.content.decode()
    assert contact.referred_by.first_name == "Referrer"
    assert contact.referred_by.owner == newcomer
    conversation = Conversation.objects.get(owner=newcomer)
    assert conversation.contact == contact
    assert MARKER in client.get(conversation.get_absolute_url()).content.decode()
    assert sorted(tag.name for tag in contact.tags.all()) == [f"{MARKER}-tag"]
    # The search index knows the new rows, and only the new account's.
    groups = {group["kind"]: group["rows"] for group in search(newcomer, MARKER)}
    assert [c.pk for c in groups["contact"]] == [contact.pk]
    # The document's file was stored anew, with the same bytes.
    mine, theirs = Document.objects.get(owner=newcomer), Document.objects.get(owner=original)
    assert mine.stored_name != theirs.stored_name
    assert documents.read(mine.stored_name) == documents.read(theirs.stored_name)
    profile = SeekerProfile.objects.get(owner=newcomer)
    assert (profile.display_name, profile.time_zone) == ("Sam Seeker", "Europe/Berlin")


@pytest.mark.django_db
def test_other_requests_keep_their_timestamps_while_a_file_comes_in(client, original, newcomer):
    """Restore switches Django's created_at/updated_at stamping off for its own process; on a
    server other requests share those fields, so the import writes the file's times back
    after inserting instead, and stamping stays on throughout."""
    seen = []

    def during_import(sender, instance, **kwargs):
        seen.append(Contact._meta.get_field("updated_at").auto_now)

    post_save.connect(during_import, sender=SeekerProfile, dispatch_uid="bring-data-test")
    try:
        client.force_login(newcomer)
        assert _upload(client, _export(original)).status_code == 302
    finally:
        post_save.disconnect(sender=SeekerProfile, dispatch_uid="bring-data-test")
    assert seen == [True]


@pytest.mark.django_db
def test_the_question_bank_comes_from_the_file_not_doubled(client, original, newcomer):
    client.force_login(newcomer)
    _upload(client, _export(original))
    assert Question.objects.filter(owner=newcomer).count() == (
        Question.objects.filter(owner=original).count()
    )


@pytest.mark.django_db
def test_a_file_whose_ids_are_free_here_still_gets_new_ids(client, original, newcomer):
    """Ids are never taken from the file, even where nothing here holds them."""
    data = json.loads(_export(original))
    shift = 10**9
    for name, _model in COLLECTIONS:
        for row in data[name]:
            for key, value in list(row.items()):
                if key == "id" or (key.endswith("_id") and isinstance(value, int)):
                    row[key] = value + shift
                elif key.endswith("_ids"):
                    row[key] = [v + shift for v in value]
    client.force_login(newcomer)

    response = _upload(client, json.dumps(data).encode())

    assert response.status_code == 302, _error(response)
    assert all(pk < shift for ids in _ids(newcomer).values() for pk in ids)
    assert Contact.objects.filter(owner=newcomer).count() == 2


# Refusals: one sentence, nothing written ------------------------------------------------------


def _assert_nothing_written(user, files_before: set[str]) -> None:
    for name, model in COLLECTIONS:
        if model is not Question:
            assert not model.objects.filter(owner=user).exists(), name
    assert _upload_folder() == files_before


def _tampered(text: bytes, change) -> bytes:
    data = json.loads(text)
    change(data)
    return json.dumps(data).encode()


def _first_contact(**values):
    return lambda data: next(c for c in data["contacts"] if c["first_name"] == MARKER).update(
        values
    )


DAMAGED = [
    (
        "javascript-url",
        _first_contact(linkedin_url="javascript:alert(1)"),
        r"^contacts row \d \(id \d+\): linkedin_url is not a web address \(http or https\): "
        r"'javascript:alert\(1\)'\.$",
    ),
    (
        "dangling-reference",
        lambda data: data["conversations"][0].update(contact_id=987654321),
        r"^“contact_id” of row \d+ in “conversations” points at row 987654321 of “contacts”, "
        r"which is not in the file\.$",
    ),
    (
        "dangling-later-reference",
        _first_contact(referred_by_id=987654321),
        r"^“referred_by_id” of row \d+ in “contacts” points at row 987654321 of “contacts”, "
        r"which is not in the file\.$",
    ),
    (
        "dangling-tag",
        _first_contact(tags_ids=[987654321]),
        r"^“tags_ids” of row \d+ in “contacts” names row 987654321, which is not in the file\.$",
    ),
    (
        "damaged-document",
        lambda data: data["documents"][0].update(content_base64="QUJD"),
        r"^The file of document \d+ \(.*\) does not match its SHA-256 or size; the export is "
        r"damaged\.$",
    ),
    (
        "newer-version",
        lambda data: data.update(version=99),
        r"^The file is a version 99 export; this coffeechat reads versions 1 and 2; "
        r"update coffeechat to restore it\.$",
    ),
    (
        "other-format",
        lambda data: data.update(format="something-else"),
        r"^The file is JSON but not a coffeechat export\.$",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "sentence"), [d[1:] for d in DAMAGED], ids=[d[0] for d in DAMAGED]
)
def test_a_damaged_file_is_refused_naming_the_row_and_nothing_is_written(
    client, original, newcomer, change, sentence
):
    files_before = _upload_folder()
    client.force_login(newcomer)

    response = _upload(client, _tampered(_export(original), change))

    assert response.status_code == 200
    assert _error(response) != ""
    assert re.match(sentence, _error(response)), _error(response)
    _assert_nothing_written(newcomer, files_before)
    assert SeekerProfile.objects.get(owner=newcomer).display_name == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"name,email\nAda,ada@example.com\n", "not valid JSON"),
        (b"\xff\xfe\x00\x01binary", "not UTF-8"),
        (b"[1, 2, 3]", "not a coffeechat export"),
        (b"PK\x03\x04rest of a zip", "ZIP file"),
        (b"SQLite format 3\x00pages", "SQLite database file"),
    ],
    ids=["csv", "binary", "json-list", "zip", "sqlite"],
)
def test_a_file_that_is_not_an_export_gets_one_sentence(client, newcomer, data, words):
    client.force_login(newcomer)
    response = _upload(client, data)
    assert response.status_code == 200
    sentence = _error(response)
    assert words in sentence
    assert sentence.endswith(".") and "Traceback" not in sentence
    assert not Contact.objects.filter(owner=newcomer).exists()


@pytest.mark.django_db
def test_a_file_over_the_upload_limit_is_refused(client, original, newcomer, settings):
    text = _export(original)
    settings.MAX_UPLOAD_BYTES = len(text) - 1
    client.force_login(newcomer)

    response = _upload(client, text)

    assert "can be brought in" in _error(response)
    assert not Contact.objects.filter(owner=newcomer).exists()


@pytest.mark.django_db
def test_documents_over_the_accounts_quota_are_refused(client, original, newcomer, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENTS", 0)
    files_before = _upload_folder()
    client.force_login(newcomer)

    response = _upload(client, _export(original))

    assert "one account keeps at most 0 documents" in _error(response)
    _assert_nothing_written(newcomer, files_before)


@pytest.mark.django_db
def test_an_account_that_holds_data_is_refused_and_keeps_it(client, original, newcomer):
    make_contact(newcomer, first_name="Already", organization=None)
    files_before = _upload_folder()
    client.force_login(newcomer)

    response = _upload(client, _export(original))

    assert response.status_code == 200
    assert _error(response).startswith("Your account already holds data (1 contacts)")
    assert list(Contact.objects.filter(owner=newcomer).values_list("first_name", flat=True)) == [
        "Already"
    ]
    assert not Document.objects.filter(owner=newcomer).exists()
    assert _upload_folder() == files_before


@pytest.mark.django_db
def test_a_filled_in_profile_is_not_overwritten(client, original, newcomer):
    SeekerProfile.objects.filter(owner=newcomer).update(display_name="Typed here")
    client.force_login(newcomer)

    response = _upload(client, _export(original))

    assert "profile here is already filled in" in _error(response)
    assert SeekerProfile.objects.get(owner=newcomer).display_name == "Typed here"
    assert not Contact.objects.filter(owner=newcomer).exists()


@pytest.mark.django_db
def test_sending_the_file_twice_brings_it_in_once(client, original, newcomer):
    text = _export(original)
    client.force_login(newcomer)

    assert _upload(client, text).status_code == 302
    again = _upload(client, text)

    assert "already holds data" in _error(again)
    assert Contact.objects.filter(owner=newcomer).count() == 2


# Whose account ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_upload_writes_only_the_uploaders_account(client, original, stranger):
    """A stranger who gets hold of the seeker's file copies it into their own account; the
    seeker's rows are neither read nor changed, and nobody else's account is written."""
    before = _export(original)
    everyone_else = {
        name: model.objects.exclude(owner=stranger).count() for name, model in COLLECTIONS
    }
    client.force_login(stranger)

    assert _upload(client, before).status_code == 302

    assert _export(original) == before
    assert {
        name: model.objects.exclude(owner=stranger).count() for name, model in COLLECTIONS
    } == everyone_else
    assert Contact.objects.filter(owner=stranger, first_name=MARKER).count() == 1


@pytest.mark.django_db
def test_the_page_shows_nothing_of_other_accounts(client, original, stranger):
    client.force_login(stranger)
    response = client.get(URL)
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


# The page ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_empty_account_gets_the_upload_form(client, newcomer):
    client.force_login(newcomer)
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    form = soup.select_one("form[enctype='multipart/form-data'][method='post']")
    assert form is not None
    assert form.select_one("input[type='file'][name='file']") is not None
    assert soup.select_one(".notice") is None


@pytest.mark.django_db
def test_an_account_with_data_is_told_so_instead_of_a_form(client, original):
    client.force_login(original)
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    assert soup.select_one("input[type='file']") is None
    assert "already holds data" in soup.select_one(".notice").get_text()


@pytest.mark.django_db
def test_the_export_page_links_to_it(client, newcomer):
    client.force_login(newcomer)
    soup = BeautifulSoup(client.get(reverse("exports:index")).content, "html.parser")
    assert soup.select_one(f"a[href='{URL}']") is not None
