"""Restore from the JSON export: export → restore into an empty account → export is identical.

Runs on whichever database the suite runs on (SQLite, and PostgreSQL in CI).
"""

from __future__ import annotations

import base64
import datetime
import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.exports.json_export import COLLECTIONS, dumps, export_json
from coffeechat.exports.restore import RestoreError, parse_document, restore_document
from coffeechat.people.models import Contact, ContactAddress, Interaction
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Question
from coffeechat.search.query import search
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_contact_address,
    make_conversation,
    make_field,
    make_interaction,
    make_job_lead,
    make_link,
    make_message,
    make_news,
    make_open_question,
    make_organization,
    make_pitch,
    make_question,
    make_tag,
    make_takeaway,
    make_task,
    make_user,
)

FIXED = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
_usernames = itertools.count(1)

# Text that has broken exporters before: any Unicode (no NUL, which databases refuse), line
# breaks, quotes, and cells a spreadsheet would run as formulas.
FORMULAS = ["=SUM(A1:A9)", "+1 (555) 010", "-2+3", "@cmd", "\t=1", '=HYPERLINK("x")']
tricky_text = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=60,
    ),
    st.sampled_from(FORMULAS),
    st.lists(st.sampled_from(['"', "'", "\n", "\r\n", "é", "名", "🙂", "\\", ","]), max_size=8).map(
        "".join
    ),
)
short_text = tricky_text.map(lambda text: text[:60])


def _export_bytes(user) -> bytes:
    return dumps(export_json(user, exported_at=FIXED)).encode("utf-8")


def _restore_into_fresh_account(text: bytes, *, take_identity: bool = True):
    """Restore into a brand-new account, as in a fresh data folder."""
    document = parse_document(text)
    fresh = get_user_model().objects.create_user(f"restored{next(_usernames)}")
    restore_document(document, fresh, take_identity=take_identity)
    fresh.refresh_from_db()
    return fresh


def _delete_account(user) -> None:
    user.delete()  # every row goes with it, so the ids are free again


PDF_HEAD = b"%PDF-1.7\n"


def _store_document(owner, data: bytes, **kw) -> Document:
    """A PDF whose bytes after the header are `data`, stored as an upload would be."""
    data = data if data.startswith(b"%PDF-") else PDF_HEAD + data
    return Document.objects.create(
        owner=owner,
        original_name=kw.pop("original_name", "résumé.pdf"),
        content_type="application/pdf",
        size=len(data),
        sha256=documents.digest(data),
        stored_name=documents.store(data, "résumé.pdf"),
        **{"title": "Résumé", **kw},
    )


def _rich_account(texts: list[str], blob: bytes):
    """An account with every collection filled, text fields drawn from `texts`."""
    user = make_user(f"seeker{next(_usernames)}", email="seeker@example.com")
    text = itertools.cycle(texts or [""])
    field = make_field(user, name=f"Field {next(text)}", notes=next(text), fit_interest=4)
    organization = make_organization(user, name=f"Org {next(text)}", notes=next(text))
    organization.fields.add(field)
    tags = [make_tag(user, name=f"t{i}-{next(text)}"[:50]) for i in range(2)]
    # The referrer is created after the person they referred: a reference to a later row.
    referred = make_contact(
        user, first_name=next(text)[:100], notes=next(text), organization=organization
    )
    referrer = make_contact(user, first_name="Ref", last_name=next(text)[:100], organization=None)
    referred.referred_by = referrer
    referred.save()
    referred.tags.add(*tags)
    make_contact_address(
        user, contact=referred, kind="phone", label="fax", value=next(text)[:400] or "0"
    )
    make_contact_address(
        user, contact=referred, kind="link", value=f"https://x.example/{next(text)}"
    )
    conversation = make_conversation(user, contact=referred, field=field, goals=next(text))
    make_interaction(user, contact=referrer, summary=next(text), conversation=conversation)
    open_question = make_open_question(user, field=field, text=next(text)[:300] or "?")
    question = make_question(user, text=next(text)[:500] or "?")
    make_agenda_item(user, conversation=conversation, question=question, text=next(text))
    make_takeaway(user, conversation=conversation, text=next(text), answers=open_question)
    make_message(user, contact=referred, conversation=conversation, body=next(text))
    make_task(user, title=next(text)[:200] or "task", contact=referred)
    make_job_lead(user, role=next(text)[:200] or "role", organization=organization)
    make_news(user, organization=organization, summary=next(text))
    make_link(user, field=field, title=next(text)[:300] or "link")
    make_pitch(user, contact=referred, who_i_am=next(text))
    _store_document(user, blob, notes=next(text))
    SeekerProfile.objects.filter(owner=user).update(display_name=next(text)[:200])
    return user


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(short_text, min_size=1, max_size=12), blob=st.binary(max_size=2048))
def test_export_restore_export_is_byte_identical(texts, blob):
    user = _rich_account(texts, blob)
    first = _export_bytes(user)
    _delete_account(user)

    restored = _restore_into_fresh_account(first)

    assert _export_bytes(restored) == first


@pytest.mark.django_db
def test_every_collection_is_exercised_by_the_round_trip():
    user = _rich_account(["x"], b"resume")
    data = json.loads(_export_bytes(user))
    empty = [name for name, _ in COLLECTIONS if not data[name]]
    assert empty == [], "the round-trip property would not cover these collections"


@pytest.mark.django_db
def test_restored_rows_keep_their_links_files_and_timestamps():
    user = _rich_account(["alpha"], b"%PDF-1.4 resume bytes")
    old_created = Contact.objects.get(owner=user, first_name="Ref").created_at
    first = _export_bytes(user)
    _delete_account(user)

    restored = _restore_into_fresh_account(first)

    referred = Contact.objects.get(owner=restored, referred_by__isnull=False)
    assert referred.referred_by.first_name == "Ref"
    assert referred.referred_by.created_at == old_created
    assert sorted(tag.name for tag in referred.tags.all()) == ["t0-alpha", "t1-alpha"]
    interaction = Interaction.objects.get(owner=restored)
    assert interaction.conversation == Conversation.objects.get(owner=restored)
    assert Takeaway.objects.get(owner=restored).answers.text == "alpha"
    document = Document.objects.get(owner=restored)
    assert documents.read(document.stored_name) == b"%PDF-1.4 resume bytes"
    assert restored.username.startswith("seeker") and restored.email == "seeker@example.com"
    # The search index knows the restored rows.
    groups = {group["kind"]: group["rows"] for group in search(restored, "Ref")}
    assert [contact.first_name for contact in groups["contact"]] == ["Ref"]


@pytest.mark.django_db
def test_restore_beside_other_accounts_gives_new_ids_and_keeps_every_link(seeker):
    """Restoring while the original rows still exist: ids are taken, so references move."""
    user = _rich_account(["beta"], b"x")
    text = _export_bytes(user)

    restored = _restore_into_fresh_account(text, take_identity=False)

    assert restored.username.startswith("restored")
    assert Contact.objects.filter(owner=user).count() == 2  # the original is untouched
    again = json.loads(_export_bytes(restored))
    original = json.loads(text)
    assert {c["id"] for c in again["contacts"]}.isdisjoint({c["id"] for c in original["contacts"]})
    assert [c["referred_by"] for c in again["contacts"]] == [
        c["referred_by"] for c in original["contacts"]
    ]
    assert Takeaway.objects.get(owner=restored).answers.owner == restored


@pytest.mark.django_db
def test_a_new_accounts_question_bank_is_replaced_not_doubled():
    user = _rich_account(["gamma"], b"x")
    text = _export_bytes(user)
    questions_before = Question.objects.filter(owner=user).count()
    _delete_account(user)

    restored = _restore_into_fresh_account(text)

    assert Question.objects.filter(owner=restored).count() == questions_before


# Bad files: one sentence, nothing written ----------------------------------------------------


def _nothing_written(user, files_before: set[str]) -> None:
    assert Contact.objects.filter(owner=user).count() == 0
    assert Document.objects.filter(owner=user).count() == 0
    assert set(documents.path("x").parent.iterdir()) <= files_before | {
        p for p in documents.path("x").parent.iterdir() if p.name.startswith(".")
    }


@pytest.fixture
def export_text(db):
    user = _rich_account(["delta"], b"file bytes")
    text = _export_bytes(user)
    _delete_account(user)
    return text


def _mutated(text: bytes, change) -> bytes:
    data = json.loads(text)
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=3), "update coffeechat"),
        (lambda d: d.update(format="other"), "not a coffeechat export"),
        (lambda d: d["contacts"][0].update(shoe_size=42), "newer version"),
        (lambda d: d["contacts"][0].update(referred_by_id=999999), "not in the file"),
        (lambda d: d["takeaways"][0].update(created_at="yesterday"), "wrong kind"),
        (lambda d: d["documents"][0].update(content_base64="QUJD"), "damaged"),
        (lambda d: d["contacts"].append(dict(d["contacts"][0])), "same id"),
        (lambda d: d["conversations"][0].update(contact_id=None), "must point at a row"),
        (lambda d: d["documents"][0].update(original_name="page.html"), "refused"),
    ],
    ids=[
        "newer",
        "format",
        "unknown-field",
        "dangling",
        "bad-date",
        "damaged-file",
        "dup-id",
        "required-ref",
        "html-file",
    ],
)
def test_a_damaged_file_is_refused_and_writes_nothing(export_text, change, message):
    folder = documents.path("x").parent
    files_before = set(folder.iterdir())
    fresh = get_user_model().objects.create_user(f"target{next(_usernames)}")

    with pytest.raises(RestoreError, match=message):
        restore_document(parse_document(_mutated(export_text, change)), fresh)

    _nothing_written(fresh, files_before)
    # The rejected file's document is not left behind on disk.
    assert {p for p in folder.iterdir() if not p.name.startswith(".")} <= files_before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"format": "coffeechat-export", ', "not valid JSON"),
        (b"[1, 2]", "not a coffeechat export"),
    ],
)
def test_a_file_that_is_not_an_export_gets_one_sentence(data, message):
    with pytest.raises(RestoreError, match=message):
        parse_document(data)


@pytest.mark.django_db
def test_restore_refuses_an_account_that_holds_data(export_text, seeker):
    make_contact(seeker, first_name="Already")
    with pytest.raises(RestoreError, match=r"already holds data \(.*1 contacts"):
        restore_document(parse_document(export_text), seeker)
    assert list(Contact.objects.filter(owner=seeker).values_list("first_name", flat=True)) == [
        "Already"
    ]


@pytest.mark.django_db
def test_restore_refuses_an_account_whose_bank_was_edited(export_text, seeker):
    question = Question.objects.filter(owner=seeker).exclude(builtin_key="").first()
    question.text = "My own wording?"
    question.save()
    with pytest.raises(RestoreError, match="1 questions"):
        restore_document(parse_document(export_text), seeker)
    assert Question.objects.get(pk=question.pk).text == "My own wording?"


@pytest.mark.django_db
def test_restore_takes_a_name_no_other_account_has(export_text):
    data = json.loads(export_text)
    make_user(data["user"]["username"])  # someone else already has the name
    fresh = get_user_model().objects.create_user(f"target{next(_usernames)}")
    with pytest.raises(RestoreError, match="Another account is already named"):
        restore_document(parse_document(export_text), fresh)


@pytest.mark.django_db
def test_the_exported_file_content_is_base64_of_the_upload(export_text):
    data = json.loads(export_text)
    assert base64.b64decode(data["documents"][0]["content_base64"]) == PDF_HEAD + b"file bytes"
    assert "stored_name" not in data["documents"][0]


@pytest.mark.django_db
def test_a_version_1_export_still_restores_with_one_email_and_phone_per_contact():
    user = _rich_account(["v1"], b"resume")
    document = json.loads(_export_bytes(user))
    # What a version 1 file held: no other addresses, no labels, no display names.
    document["version"] = 1
    del document["contact_addresses"]
    for contact in document["contacts"]:
        for key in ("display_name", "email_label", "phone_label"):
            del contact[key]
    expected = sorted((c["first_name"], c["email"], c["phone"]) for c in document["contacts"])
    _delete_account(user)

    restored = _restore_into_fresh_account(json.dumps(document).encode("utf-8"))

    contacts = Contact.objects.filter(owner=restored)
    assert sorted(contacts.values_list("first_name", "email", "phone")) == expected
    assert not ContactAddress.objects.filter(owner=restored).exists()
    assert set(contacts.values_list("email_label", "phone_label", "display_name")) == {("", "", "")}
