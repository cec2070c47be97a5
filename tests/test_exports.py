"""Getting your data out: the JSON backup, the contacts CSV and vCard, their pages and command."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from click.testing import CliRunner
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from coffeechat.accounts.models import SeekerProfile
from coffeechat.core.cli_support import EXIT_UNAVAILABLE
from coffeechat.core.models import OwnedModel
from coffeechat.exports.commands import export
from coffeechat.exports.contacts_files import (
    CSV_HEADER,
    UID_NAMESPACE,
    contacts_csv,
    contacts_vcard,
    fold,
)
from coffeechat.exports.json_export import COLLECTIONS, NOT_EXPORTED, dumps, export_json
from coffeechat.lib import atomic_file
from coffeechat.people.models import Contact, Source, Tier
from coffeechat.prepare.models import Question
from coffeechat.research.models import Organization
from tests.factories import (
    make_contact,
    make_conversation,
    make_one_of_everything,
    make_organization,
    make_tag,
)

MARK = "Qwertzuiop"  # the seeker's rows
STRANGE = "Markerstrangerxyz"  # the stranger's rows: must never appear in the seeker's files
DOC = Path(__file__).resolve().parents[1] / "docs" / "export-format.md"
FIXED_TIME = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
COLLECTION_NAMES = [name for name, _ in COLLECTIONS]
MODEL_COLLECTION = {model: name for name, model in COLLECTIONS}
TRICKY = 'Zoë "the quote" Ñúñez, Jr.; 日本語 😀\nsecond line\r\nthird\ttab \\ backslash =SUM(A1)'


def _json(user) -> dict:
    return json.loads(dumps(export_json(user, exported_at=FIXED_TIME)))


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def _cards(text: str) -> list:
    return list(vobject.readComponents(text))


def _without_builtin_questions(user):
    """New accounts get the built-in question bank; these tests count exactly one of each."""
    Question.objects.filter(owner=user).exclude(builtin_key="").delete()
    return user


@pytest.fixture
def everything(seeker):
    return make_one_of_everything(_without_builtin_questions(seeker), MARK)


@pytest.fixture
def strangers_everything(stranger):
    return make_one_of_everything(_without_builtin_questions(stranger), STRANGE)


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_the_header_and_every_collection_in_the_documented_order(seeker, everything):
    data = _json(seeker)
    assert list(data) == ["format", "version", "exported_at", "user", "profile"] + (
        COLLECTION_NAMES
    )
    assert data["format"] == "coffeechat-export"
    assert data["version"] == 2
    assert data["exported_at"] == "2026-11-21T08:00:00.000000Z"
    assert data["user"] == {"username": "seeker", "email": "seeker@example.com"}
    for name in COLLECTION_NAMES:
        assert len(data[name]) == 1, f"{name} should hold the one row of make_one_of_everything"
    assert data["career_fields"][0]["name"] == f"{MARK} field"
    assert data["job_leads"][0]["role"] == f"{MARK} role"


def test_every_owned_model_is_exported_or_deliberately_left_out():
    owned = {
        m
        for m in apps.get_models()
        if issubclass(m, OwnedModel) and m._meta.label_lower not in NOT_EXPORTED
    }
    assert owned == set(MODEL_COLLECTION), (
        "add the new owned model to COLLECTIONS and docs/export-format.md, "
        "or to NOT_EXPORTED with the reason"
    )


def test_rows_have_every_field_but_the_owner_and_the_derived_keys(seeker, everything):
    data = _json(seeker)
    for name, model in COLLECTIONS:
        row = data[name][0]
        assert list(row)[:3] == ["id", "created_at", "updated_at"]
        assert "owner" not in row and "owner_id" not in row
        for field in model._meta.concrete_fields:
            if field.name in (
                "owner",
                "id",
                "normalized_name",
                "linkedin_key",
                "key",
                "stored_name",
                "last_held_at",
                "last_touch_at",
            ):
                continue
            assert field.attname in row, f"{name} lacks {field.attname}"
    assert "normalized_name" not in data["organizations"][0]
    assert "linkedin_key" not in data["contacts"][0]
    # Kept by the database from the conversations and interactions, which the file holds.
    assert "last_held_at" not in data["contacts"][0]
    assert "last_touch_at" not in data["contacts"][0]
    assert "stored_name" not in data["documents"][0]  # the file travels as content_base64


def test_contacts_carry_names_of_their_organization_and_referrer(seeker):
    acme = make_organization(seeker, name="Acme Analytics")
    referrer = make_contact(seeker, first_name="Grace", last_name="Hopper", organization=None)
    contact = make_contact(
        seeker,
        first_name="Ada",
        last_name="Byron",
        email="ada@example.com",
        title="Data Scientist",
        linkedin_url="https://www.linkedin.com/in/ada-byron",
        source=Source.REFERRAL,
        tier=Tier.SENIOR,
        organization=acme,
        referred_by=referrer,
    )
    rows = {row["id"]: row for row in _json(seeker)["contacts"]}
    row = rows[contact.pk]
    assert row["name"] == "Ada Byron"
    assert row["email"] == "ada@example.com"
    assert row["organization"] == "Acme Analytics"
    assert row["organization_id"] == acme.pk
    assert row["title"] == "Data Scientist"
    assert row["linkedin_url"] == "https://www.linkedin.com/in/ada-byron"
    assert row["source"] == "referral"  # the stored value, not the label
    assert row["tier"] == "senior"
    assert row["referred_by"] == "Grace Hopper"
    assert row["referred_by_id"] == referrer.pk
    assert list(row)[-3:] == ["name", "organization", "referred_by"]
    assert rows[referrer.pk]["organization"] is None
    assert rows[referrer.pk]["referred_by"] is None


def test_ids_cross_reference_rows_of_the_same_file(seeker, everything):
    data = _json(seeker)
    ids = {name: {row["id"] for row in data[name]} for name in COLLECTION_NAMES}
    checked = 0
    for name, model in COLLECTIONS:
        for row in data[name]:
            for key, value in row.items():
                if key.endswith("_ids"):
                    target = model._meta.get_field(key[: -len("_ids")]).related_model
                    assert value == sorted(value)
                    targets = value
                elif key.endswith("_id") and value is not None:
                    target = model._meta.get_field(key[: -len("_id")]).related_model
                    targets = [value]
                else:
                    continue
                for target_id in targets:
                    checked += 1
                    assert target_id in ids[MODEL_COLLECTION[target]], f"{name}.{key}"
    assert checked >= 20
    # And they are the right rows, not merely existing ones.
    takeaway = data["takeaways"][0]
    assert takeaway["conversation_id"] == data["conversations"][0]["id"]
    assert takeaway["answers_id"] == data["open_questions"][0]["id"]
    contact = data["contacts"][0]
    assert contact["tags_ids"] == [data["tags"][0]["id"]]
    assert data["organizations"][0]["fields_ids"] == [data["career_fields"][0]["id"]]
    assert data["agenda_items"][0]["question_id"] == data["questions"][0]["id"]
    assert data["conversations"][0]["contact_id"] == contact["id"]


def test_many_to_many_ids_are_sorted_whatever_order_they_were_added(seeker):
    # SQLite often hands the links back in index order anyway; PostgreSQL need not.
    tags = [make_tag(seeker) for _ in range(4)]
    contact = make_contact(seeker)
    for tag in (tags[3], tags[1], tags[2], tags[0]):
        contact.tags.add(tag)
    (row,) = _json(seeker)["contacts"]
    assert row["tags_ids"] == sorted(tag.pk for tag in tags)


def test_rows_are_sorted_by_id(seeker):
    for last in ("Zeta", "Alpha", "Mu"):
        make_contact(seeker, last_name=last)
    ids = [row["id"] for row in _json(seeker)["contacts"]]
    assert ids == sorted(ids) and len(ids) == 3


def test_dates_datetimes_and_choices_in_their_documented_form(seeker):
    berlin = datetime(2026, 3, 1, 10, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    contact = make_contact(seeker, connected_on=date(2025, 12, 24))
    make_conversation(seeker, contact=contact, scheduled_at=berlin, held_at=None)
    make_organization(seeker, motivation=Organization.Motivation.DREAM)
    data = _json(seeker)
    (conversation,) = data["conversations"]
    assert conversation["scheduled_at"] == "2026-03-01T09:00:00.000000Z"
    assert conversation["held_at"] is None
    assert conversation["status"] == "scheduled"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", conversation["created_at"])
    row = next(r for r in data["contacts"] if r["id"] == contact.pk)
    assert row["connected_on"] == "2025-12-24"
    assert row["do_not_contact"] is False
    assert 3 in [org["motivation"] for org in data["organizations"]]


def test_profile_is_exported_with_its_fields(seeker):
    SeekerProfile.objects.filter(owner=seeker).update(display_name="Sam Seeker", school="Uni Ö")
    profile = _json(seeker)["profile"]
    assert profile["display_name"] == "Sam Seeker"
    assert profile["school"] == "Uni Ö"
    assert "owner_id" not in profile and "id" not in profile
    assert profile["time_zone"] == "UTC"


def test_text_is_kept_exactly(seeker):
    contact = make_contact(seeker, first_name="=cmd|' /C calc'!A0", notes=TRICKY)
    make_organization(seeker, name="+Plus & <Minus> GmbH", notes=TRICKY)
    text = dumps(export_json(seeker))
    assert "Zoë" in text and "日本語 😀" in text  # written as themselves, not \u escapes
    data = json.loads(text)
    (row,) = data["contacts"]
    assert row["notes"] == TRICKY
    assert row["first_name"] == "=cmd|' /C calc'!A0"
    assert row["name"] == contact.name
    assert any(org["name"] == "+Plus & <Minus> GmbH" for org in data["organizations"])


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_text_survives_the_json_export(seeker, notes):
    contact = Contact.objects.filter(owner=seeker).first() or make_contact(seeker)
    Contact.objects.filter(pk=contact.pk).update(notes=notes)
    text = dumps(export_json(seeker))
    assert json.loads(text)["contacts"][0]["notes"] == notes


def test_the_same_data_gives_the_same_bytes(seeker, everything):
    first = dumps(export_json(seeker, exported_at=FIXED_TIME))
    second = dumps(export_json(seeker, exported_at=FIXED_TIME))
    assert first == second
    assert first.endswith("}\n") and not first.endswith("\n\n")
    assert first.startswith('{\n  "format": "coffeechat-export",\n  "version": 2,\n')
    # Reading the file and writing it again changes nothing: what a restore relies on.
    assert dumps(json.loads(first)) == first
    # A changed row does change the file.
    Contact.objects.filter(owner=seeker).update(notes="changed")
    assert dumps(export_json(seeker, exported_at=FIXED_TIME)) != first


def _make_contacts(owner, count: int) -> None:
    for _ in range(count):
        previous = Contact.objects.filter(owner=owner).order_by("-pk").first()
        contact = make_contact(owner, referred_by=previous)
        contact.tags.add(make_tag(owner))


@pytest.mark.parametrize(
    "build",
    [lambda u: dumps(export_json(u)), contacts_csv, contacts_vcard],
    ids=["json", "csv", "vcard"],
)
def test_queries_do_not_grow_with_the_number_of_contacts(seeker, build, django_assert_num_queries):
    make_one_of_everything(seeker, MARK)
    _make_contacts(seeker, 2)
    with CaptureQueriesContext(connection) as with_few:
        build(seeker)
    _make_contacts(seeker, 28)
    assert Contact.objects.filter(owner=seeker).count() == 31
    with django_assert_num_queries(len(with_few)):
        build(seeker)


def test_the_format_doc_describes_every_key(seeker, everything):
    data = _json(seeker)
    doc = DOC.read_text(encoding="utf-8")

    def section(title: str) -> str:
        start = doc.index(f"### `{title}`\n")
        end = doc.find("\n### ", start + 1)
        return doc[start:end]

    common = doc[doc.index("### Fields every row has") :]
    for key in ("id", "created_at", "updated_at"):
        assert f"| `{key}` |" in common
    for key in data["profile"]:
        assert f"| `{key}` |" in section("profile"), f"profile.{key} is not documented"
    for name in COLLECTION_NAMES:
        text = section(name)
        for key in data[name][0]:
            if key not in ("id", "created_at", "updated_at"):
                assert f"| `{key}` |" in text, f"{name}.{key} is not in docs/export-format.md"
    for column in CSV_HEADER:
        assert f"| {column} |" in doc


# --- isolation --------------------------------------------------------------------------------


def test_another_users_rows_never_appear_in_any_export(
    seeker, stranger, everything, strangers_everything
):
    stranger_data = _json(stranger)
    assert STRANGE in json.dumps(stranger_data)  # the marker is there to be found
    files = {
        "json": dumps(export_json(seeker)),
        "csv": contacts_csv(seeker),
        "vcard": contacts_vcard(seeker),
    }
    for kind, text in files.items():
        assert MARK in text, f"the {kind} export lacks the seeker's own rows"
        assert STRANGE not in text, f"the {kind} export shows the stranger's rows"
        assert "stranger@example.com" not in text
    seeker_data = json.loads(files["json"])
    for name in COLLECTION_NAMES:
        own = {row["id"] for row in seeker_data[name]}
        theirs = {row["id"] for row in stranger_data[name]}
        assert own and theirs and not own & theirs, name


def test_a_contact_pointing_at_a_foreign_row_does_not_leak_its_name(seeker, stranger):
    foreign_org = make_organization(stranger, name=f"{STRANGE} Org")
    foreign_person = make_contact(stranger, first_name=STRANGE, organization=None)
    make_contact(seeker, organization=foreign_org, referred_by=foreign_person, notes=MARK)
    for text in (dumps(export_json(seeker)), contacts_csv(seeker), contacts_vcard(seeker)):
        assert MARK in text
        assert STRANGE not in text


# --- CSV --------------------------------------------------------------------------------------


def test_csv_has_the_documented_columns_and_values(seeker):
    acme = make_organization(seeker, name="Acme, Inc.")
    grace = make_contact(seeker, first_name="Grace", last_name="Hopper", organization=None)
    ada = make_contact(
        seeker,
        first_name="Ada",
        last_name="Byron",
        email="ada@example.com",
        phone="030 1234",
        organization=acme,
        title="Engineer",
        department="R&D",
        linkedin_url="https://www.linkedin.com/in/ada",
        location="London, UK",
        source=Source.LINKEDIN_1ST,
        tier=Tier.MID,
        referred_by=grace,
        do_not_contact=True,
        connected_on=date(2024, 2, 29),
        notes='She said "call me"\nafter, the talk',
    )
    ada.tags.add(make_tag(seeker, name="python"), make_tag(seeker, name="alumni"))
    rows = _csv_rows(contacts_csv(seeker))
    assert rows[0] == list(CSV_HEADER)
    assert rows[0][:4] == ["First Name", "Last Name", "Display Name", "Email"]
    assert [row[1] for row in rows[1:]] == ["Byron", "Hopper"]  # by last name
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "First Name": "Ada",
        "Last Name": "Byron",
        "Display Name": "",
        "Email": "ada@example.com",
        "Email Label": "",
        "Phone": "030 1234",
        "Phone Label": "",
        "More Emails": "",
        "More Phones": "",
        "Web Links": "",
        "Organization": "Acme, Inc.",
        "Title": "Engineer",
        "Department": "R&D",
        "LinkedIn URL": "https://www.linkedin.com/in/ada",
        "Location": "London, UK",
        "How you know them": "LinkedIn 1st degree",
        "How you know them, in detail": "",
        "Referred by": "Grace Hopper",
        "Your own first sentence": "",
        "Seniority": "Mid-career",
        "Tags": "alumni\npython",
        "Do not contact": "yes",
        "Connected on": "2024-02-29",
        "Keep in touch every (days)": "",
        "Background": "",
        "Notes": 'She said "call me"\nafter, the talk',
    }
    grace_row = dict(zip(rows[0], rows[2], strict=True))
    assert grace_row["Do not contact"] == "no"
    assert grace_row["Organization"] == grace_row["Connected on"] == grace_row["Tags"] == ""


def test_csv_is_utf8_with_bom_and_crlf_rows(seeker):
    make_contact(seeker, first_name="Zoë", last_name="日本")
    text = contacts_csv(seeker)
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbfFirst Name,")
    assert "Zoë,日本" in text
    assert text.count("\r\n") == 2 and text.endswith("\r\n")


def test_csv_neutralizes_formula_cells(seeker):
    make_contact(
        seeker,
        first_name='=HYPERLINK("http://evil.example","x")',
        last_name="@SUM(1+1)",
        phone="+1 555 0100",
        title="-2+3",
        department="\t=cmd",
        location="\r=1",
        notes="=1+1",
        organization=make_organization(seeker, name="=Evil Corp"),
    )
    (row,) = _csv_rows(contacts_csv(seeker))[1:]
    cells = dict(zip(CSV_HEADER, row, strict=True))
    assert cells["First Name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert cells["Last Name"] == "'@SUM(1+1)"
    assert cells["Phone"] == "'+1 555 0100"
    assert cells["Title"] == "'-2+3"
    assert cells["Department"] == "'\t=cmd"
    assert cells["Location"] == "'\r=1"
    assert cells["Notes"] == "'=1+1"
    assert cells["Organization"] == "'=Evil Corp"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_notes_survive_a_csv_round_trip(seeker, notes):
    from coffeechat.lib.spreadsheet_safety import safe_cell

    contact = Contact.objects.filter(owner=seeker).first() or make_contact(seeker)
    Contact.objects.filter(pk=contact.pk).update(notes=notes)
    (row,) = _csv_rows(contacts_csv(seeker))[1:]
    assert row[-1] == safe_cell(notes)


# --- vCard ------------------------------------------------------------------------------------


def test_vcard_parses_back_with_every_mapped_property(seeker):
    acme = make_organization(seeker, name="Acme; Widgets, Inc.")
    zoe = make_contact(
        seeker,
        first_name="Zoë",
        last_name="Ñúñez-日本",
        email="zoe@example.com",
        phone="+49 30 1234",
        organization=acme,
        department="R&D",
        title="Head of Data, EMEA",
        linkedin_url="https://www.linkedin.com/in/zoe",
        location="Berlin, Germany",
        notes="Met at PyCon; said: call me, maybe\nSecond line \\ with backslash",
    )
    zoe.tags.add(make_tag(seeker, name="ml, ai"), make_tag(seeker, name="berlin"))
    make_contact(seeker, first_name="", last_name="Solo", email="", organization=None)
    text = contacts_vcard(seeker)
    cards = _cards(text)
    assert len(cards) == 2
    card = next(c for c in cards if c.fn.value == "Zoë Ñúñez-日本")
    assert card.version.value == "4.0"
    assert card.n.value.given == "Zoë" and card.n.value.family == "Ñúñez-日本"
    assert card.email.value == "zoe@example.com"
    assert card.tel.value == "+49 30 1234"
    assert card.org.value == ["Acme; Widgets, Inc.", "R&D"]
    assert card.title.value == "Head of Data, EMEA"
    assert card.url.value == "https://www.linkedin.com/in/zoe"
    assert card.adr.value.city == "Berlin, Germany"
    assert card.note.value == "Met at PyCon; said: call me, maybe\nSecond line \\ with backslash"
    assert sorted(card.categories.value) == ["berlin", "ml, ai"]
    expected_uid = uuid.uuid5(UID_NAMESPACE, f"{seeker.pk}:{zoe.pk}")
    assert card.uid.value == f"urn:uuid:{expected_uid}"
    assert re.fullmatch(r"\d{8}T\d{6}Z", card.rev.value)
    solo = next(c for c in cards if c.fn.value == "Solo")
    assert "email" not in solo.contents and "org" not in solo.contents
    assert "VERSION:4.0\r\n" in text and "VERSION:3.0" not in text


def test_vcard_uids_are_stable_and_distinct(seeker):
    make_contact(seeker)
    make_contact(seeker)
    first = [card.uid.value for card in _cards(contacts_vcard(seeker))]
    second = [card.uid.value for card in _cards(contacts_vcard(seeker))]
    assert first == second
    assert len(set(first)) == 2


def test_vcard_lines_are_crlf_and_folded_at_75_octets(seeker):
    long_name = "é" * 70  # 140 octets in 70 characters: vobject alone leaves it unfolded
    make_contact(seeker, first_name=long_name, notes="日本語のメモ。" * 40)
    text = contacts_vcard(seeker)
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # something was folded
    (card,) = _cards(text)
    assert card.n.value.given == long_name
    assert card.note.value == "日本語のメモ。" * 40


def test_fold_keeps_characters_whole():
    line = "NOTE:" + "a😀" * 60
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert fold("FN:short") == "FN:short"


# --- pages ------------------------------------------------------------------------------------

DOWNLOADS = [
    ("exports:json", "application/json", r"coffeechat-\d{4}-\d\d-\d\d\.json"),
    (
        "exports:contacts_csv",
        "text/csv; charset=utf-8",
        r"coffeechat-contacts-\d{4}-\d\d-\d\d\.csv",
    ),
    (
        "exports:contacts_vcard",
        "text/vcard; charset=utf-8",
        r"coffeechat-contacts-[\d-]{10}\.vcf",
    ),
]


def test_index_page_offers_the_three_downloads(seeker_client):
    response = seeker_client.get(reverse("exports:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for name, _, _ in DOWNLOADS:
        assert f'href="{reverse(name)}"' in page
    assert "Export your data" in page


@pytest.mark.parametrize(("name", "content_type", "filename"), DOWNLOADS)
def test_downloads_are_dated_uncached_attachments_of_own_data(
    name, content_type, filename, client, seeker, everything, strangers_everything
):
    client.force_login(seeker)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert re.fullmatch(rf'attachment; filename="{filename}"', disposition), disposition
    assert response["Cache-Control"] == "no-store"
    body = response.getvalue().decode("utf-8")
    assert MARK in body
    assert STRANGE not in body


def test_json_download_is_the_json_export(seeker_client, seeker, everything):
    data = json.loads(seeker_client.get(reverse("exports:json")).getvalue())
    assert data["format"] == "coffeechat-export"
    assert data["contacts"][0]["name"] == f"{MARK} Person"


@pytest.mark.parametrize("name", ["exports:index"] + [d[0] for d in DOWNLOADS])
def test_anonymous_visitors_are_sent_to_login(name, client, everything):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert MARK not in response.getvalue().decode()


@pytest.mark.parametrize("name", ["exports:index"] + [d[0] for d in DOWNLOADS])
def test_exports_answer_get_only(name, seeker_client):
    assert seeker_client.post(reverse(name)).status_code == 405


# --- command ----------------------------------------------------------------------------------


@pytest.fixture
def local_owner(db, settings):
    settings.LOCAL_MODE = True
    owner = get_user_model().objects.create_superuser("owner", "owner@example.com", "x" * 12)
    make_one_of_everything(_without_builtin_questions(owner), MARK)
    return owner


def _run(*args: str):
    return CliRunner().invoke(export, list(args), catch_exceptions=False)


def test_command_writes_json_to_standard_output_for_the_local_owner(
    local_owner, strangers_everything
):
    result = _run("json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout_bytes.decode("utf-8"))
    assert data["user"]["username"] == "owner"
    assert data["contacts"][0]["first_name"] == MARK
    assert STRANGE not in result.stdout
    assert result.stderr == ""


def test_command_needs_a_user_in_server_mode(db, settings, seeker):
    settings.LOCAL_MODE = False
    result = _run("csv")
    assert result.exit_code == 2
    assert "--user" in result.stderr
    assert result.stdout == ""


def test_command_exports_the_named_user(db, settings, seeker, everything, strangers_everything):
    settings.LOCAL_MODE = False
    result = _run("vcard", "--user", "seeker")
    assert result.exit_code == 0, result.stderr
    (card,) = _cards(result.stdout_bytes.decode("utf-8"))
    assert card.fn.value == f"{MARK} Person"
    assert STRANGE not in result.stdout


def test_command_reports_an_unknown_user(db, settings):
    settings.LOCAL_MODE = False
    result = _run("json", "--user", "nobody")
    assert result.exit_code == 2
    assert "There is no active account named 'nobody'." in result.stderr


def test_command_writes_a_file_and_says_what_it_wrote(local_owner, tmp_path):
    target = tmp_path / "contacts.csv"
    result = _run("csv", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Wrote 1 contact to" in result.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == contacts_csv(local_owner)
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.csv"]  # no temporary file left


def test_command_json_file_counts_contacts_and_rows(local_owner, tmp_path):
    target = tmp_path / "backup.json"
    result = _run("json", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert f"Wrote 1 contact ({len(COLLECTIONS)} rows in all) to {target}." in result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["contacts"][0]["first_name"] == MARK


def test_command_refuses_to_overwrite_without_force(local_owner, tmp_path):
    target = tmp_path / "contacts.vcf"
    target.write_text("my old address book", encoding="utf-8")
    result = _run("vcard", "-o", str(target))
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my old address book"

    result = _run("vcard", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    (card,) = _cards(target.read_text(encoding="utf-8"))
    assert card.fn.value == f"{MARK} Person"


def test_a_failed_write_leaves_the_old_file_and_no_debris(local_owner, tmp_path, monkeypatch):
    target = tmp_path / "backup.json"
    target.write_text("yesterday's backup", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", broken_replace)
    result = _run("json", "-o", str(target), "--force")
    assert result.exit_code == EXIT_UNAVAILABLE  # the disk failed, not the command line
    assert "Cannot write" in result.stderr and "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "yesterday's backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_command_reports_a_missing_folder(local_owner, tmp_path):
    result = _run("json", "-o", str(tmp_path / "no-such-folder" / "backup.json"))
    assert result.exit_code == 2
    assert "Cannot write" in result.stderr


def test_command_rejects_an_unknown_kind(db):
    result = CliRunner().invoke(export, ["xml"])
    assert result.exit_code == 2
    assert "json" in result.stderr and "vcard" in result.stderr


def test_command_in_local_mode_still_honours_user(local_owner, seeker, settings):
    make_contact(seeker, first_name="Only", last_name="Seekers")
    result = _run("csv", "--user", "seeker")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    assert "Only,Seekers" in text and MARK not in text


def test_the_streamed_json_download_is_the_export_byte_for_byte(seeker, everything):
    from coffeechat.exports.json_export import dumps, export_json, stream_json

    moment = timezone.now()
    whole = dumps(export_json(seeker, exported_at=moment))
    parts = list(stream_json(seeker, exported_at=moment))
    assert len(parts) > 10  # sent collection by collection
    assert "".join(parts) == whole
