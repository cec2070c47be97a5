"""Importing contact files into a user's contacts: matching, idempotence, all or nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import IntegrityError

from coffeechat.lib import contact_files
from coffeechat.lib.contact_files import ParsedContact, ParseResult
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ContactAddress, Source, Tag
from coffeechat.research.models import Organization
from coffeechat.search.query import search
from tests.factories import make_contact, make_organization

SAMPLES = Path(__file__).parent / "samples" / "contact_files"

LINKEDIN = (
    b"Notes:\r\n"
    b'"Some emails may be missing."\r\n'
    b"\r\n"
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Navy Labs LLC,Rear Admiral,"
    b"05 Mar 2024\r\n"
    b"Alan,Turing,https://www.linkedin.com/in/alan-turing/,alan@example.com,Bletchley Inc.,"
    b"Cryptanalyst,17 Jan 2023\r\n"
    b",,,,,,12 Feb 2023\r\n"
)


def _import(user, data: bytes, **kw):
    return import_contacts(user, contact_files.parse(data), **kw)


def _snapshot(user):
    contacts = sorted(
        Contact.objects.owned_by(user).values_list(
            "id", "first_name", "last_name", "email", "title", "organization_id", "updated_at"
        )
    )
    addresses = sorted(
        ContactAddress.objects.owned_by(user).values_list(
            "id", "contact_id", "kind", "label", "value", "position"
        )
    )
    return contacts, addresses


def test_linkedin_file_creates_contacts_and_organizations(seeker):
    summary = _import(seeker, LINKEDIN)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert [s.line for s in summary.skipped] == [7]
    grace = Contact.objects.get(owner=seeker, last_name="Hopper")
    assert grace.organization.name == "Navy Labs LLC"
    assert grace.source == Source.LINKEDIN_1ST
    assert grace.connected_on == datetime.date(2024, 3, 5)
    assert grace.linkedin_key == "linkedin.com/in/grace-hopper"
    assert summary.organizations_created == 2
    assert search(seeker, "hopper")[0]["rows"] == [grace]


def test_importing_the_same_file_twice_changes_nothing(seeker):
    _import(seeker, LINKEDIN)
    before = _snapshot(seeker)
    organizations = Organization.objects.count()
    summary = _import(seeker, LINKEDIN)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert _snapshot(seeker) == before
    assert Organization.objects.count() == organizations


# Every sample a person could import; malformed_* files are there to be refused.
IMPORTABLE = sorted(
    p.name
    for p in SAMPLES.iterdir()
    if p.suffix in (".csv", ".vcf") and not p.name.startswith("malformed")
)


@pytest.mark.parametrize("sample", IMPORTABLE)
def test_every_sample_format_is_idempotent(seeker, sample):
    data = (SAMPLES / sample).read_bytes()
    fmt = contact_files.detect_format(contact_files.decode(data))
    mapping = None
    if fmt == "csv":
        columns, _ = contact_files.csv_preview(data)
        mapping = contact_files.suggest_mapping(columns)
    result = contact_files.parse(data, fmt, mapping)
    first = import_contacts(seeker, result)
    assert first.created > 0
    before = _snapshot(seeker)
    again = import_contacts(seeker, contact_files.parse(data, fmt, mapping))
    assert again.created == 0 and again.updated == 0
    assert _snapshot(seeker) == before


def test_existing_organization_is_matched_without_legal_suffix(seeker):
    navy = make_organization(seeker, name="Navy Labs")
    _import(seeker, LINKEDIN)
    assert Contact.objects.get(owner=seeker, last_name="Hopper").organization == navy


def test_existing_values_are_never_overwritten_only_blanks_filled(seeker):
    alan = make_contact(
        seeker, first_name="Alan", last_name="T.", email="alan@example.com", title="", phone="1"
    )
    summary = _import(seeker, LINKEDIN)
    alan.refresh_from_db()
    assert summary.updated == 1
    assert alan.last_name == "T."  # the user's own spelling stays
    assert alan.title == "Cryptanalyst"  # a blank was filled
    assert alan.linkedin_key == "linkedin.com/in/alan-turing"


def test_same_profile_url_in_another_form_matches(seeker):
    existing = make_contact(
        seeker,
        first_name="Grace",
        last_name="H",
        email="",
        linkedin_url="HTTPS://linkedin.com/in/Grace-Hopper/?trk=x",
    )
    summary = _import(seeker, LINKEDIN)
    assert summary.created == 1  # only Alan is new
    assert Contact.objects.filter(owner=seeker, linkedin_key=existing.linkedin_key).count() == 1


def test_a_person_twice_in_one_file_is_merged(seeker):
    doubled = LINKEDIN + (
        b"Alan,Turing,https://www.linkedin.com/in/alan-turing,,,Professor,01 Jan 2020\r\n"
    )
    summary = _import(seeker, doubled)
    assert (summary.created, summary.merged) == (2, 1)


def test_people_with_the_same_name_are_not_merged(seeker):
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Maria,Garcia,https://www.linkedin.com/in/maria-garcia-1,,A,Analyst,01 Jan 2020\r\n"
        b"Maria,Garcia,https://www.linkedin.com/in/maria-garcia-2,,B,Nurse,01 Jan 2020\r\n"
    )
    assert _import(seeker, data).created == 2


def test_rows_without_email_or_url_match_on_name_organization_and_phone(seeker):
    rows = [ParsedContact(line=2, first_name="Ida", last_name="Wells", organization="Press")]
    result = ParseResult(format="google", contacts=rows, skipped=[])
    assert import_contacts(seeker, result).created == 1
    assert import_contacts(seeker, result).created == 0


def test_tags_are_added_and_reused(seeker):
    Tag.objects.create(owner=seeker, name="Mentors")
    rows = [
        ParsedContact(
            line=2,
            first_name="Ida",
            last_name="Wells",
            email="ida@example.com",
            tags=["mentors", "Press"],
        ),
    ]
    import_contacts(seeker, ParseResult(format="google", contacts=rows, skipped=[]))
    ida = Contact.objects.get(owner=seeker, email="ida@example.com")
    assert sorted(t.name for t in ida.tags.all()) == ["Mentors", "Press"]
    assert Tag.objects.filter(owner=seeker).count() == 2


def test_dry_run_writes_nothing(seeker):
    summary = _import(seeker, LINKEDIN, dry_run=True)
    assert summary.created == 2
    assert not Contact.objects.filter(owner=seeker).exists()
    assert not Organization.objects.filter(owner=seeker).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_middle_writes_nothing(seeker):
    rows = [
        ParsedContact(line=n, first_name=f"P{n}", last_name="X", organization=f"Org {n}")
        for n in range(2, 40)
    ]
    # A nameless row reaches the database only when a caller bypasses the parser; the
    # database refuses it halfway through the insert.
    rows.insert(20, ParsedContact(line=99, organization="Broken"))
    with pytest.raises(IntegrityError):
        import_contacts(seeker, ParseResult(format="google", contacts=rows, skipped=[]))
    assert not Contact.objects.filter(owner=seeker).exists()
    assert not Organization.objects.filter(owner=seeker).exists()


def test_another_users_contacts_are_neither_matched_nor_touched(seeker, stranger):
    theirs = make_contact(stranger, first_name="Alan", last_name="Turing", email="alan@example.com")
    _import(seeker, LINKEDIN)
    assert Contact.objects.filter(owner=seeker, email="alan@example.com").exists()
    theirs.refresh_from_db()
    assert theirs.title != "Cryptanalyst"


def test_organizations_created_by_an_import_are_searchable(seeker):
    _import(seeker, LINKEDIN)
    groups = {g["kind"]: [str(r) for r in g["rows"]] for g in search(seeker, "bletchley")}
    assert groups["organization"] == ["Bletchley Inc."]


def test_a_company_card_becomes_an_organization_once(seeker):
    data = (SAMPLES / "contacts_v4.vcf").read_bytes()
    summary = _import(seeker, data)
    assert summary.organizations_created == 1  # Initech: its own card and Amara's employer
    assert list(Organization.objects.owned_by(seeker).values_list("name", flat=True)) == ["Initech"]
    assert _import(seeker, data).organizations_created == 0


def test_a_profile_a_later_row_gives_a_new_person_is_matched_on_the_next_import(seeker):
    # The same person twice in one Google export: the second card brings the profile URL.
    data = (
        b"First Name,Last Name,E-mail 1 - Value,Website 1 - Value\r\n"
        b"Ada,Lovelace,ada@example.com,\r\n"
        b"Ada,Lovelace,ada@example.com,https://www.linkedin.com/in/Ada-Lovelace/\r\n"
    )
    assert _import(seeker, data).created == 1
    ada = Contact.objects.get(owner=seeker, last_name="Lovelace")
    assert ada.linkedin_key == "linkedin.com/in/ada-lovelace"
    # LinkedIn's file knows her only by that profile.
    again = _import(
        seeker,
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,"
        b"Analyst,10 Dec 1842\r\n",
    )
    assert (again.created, again.updated) == (0, 1)


def test_a_person_already_there_is_filled_by_rows_far_apart_in_a_long_file(seeker):
    ada = make_contact(
        seeker,
        first_name="Ada",
        last_name="Lovelace",
        title="",
        department="",
        email="",
        notes="Met at the Analytical Society",
        linkedin_url="https://www.linkedin.com/in/ada-lovelace",
    )
    header = "First Name,Last Name,E-mail 1 - Value,Website 1 - Value,Organization 1 - Title"
    header += ",Organization 1 - Department\r\n"
    profile = "https://www.linkedin.com/in/ada-lovelace"
    lines = [f"Ada,Lovelace,,{profile},Analyst,\r\n"]
    lines += [f"Person,Number {n},p{n}@example.org,,,\r\n" for n in range(1, 1200)]
    lines += [f"Ada,Lovelace,ada@example.org,{profile},,Engines\r\n"]
    summary = _import(seeker, (header + "".join(lines)).encode())
    assert (summary.created, summary.updated, summary.merged) == (1199, 1, 1)
    ada.refresh_from_db()
    assert (ada.title, ada.department, ada.email) == ("Analyst", "Engines", "ada@example.org")
    assert ada.notes == "Met at the Analytical Society"  # never overwritten
