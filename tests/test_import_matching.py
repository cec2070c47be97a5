"""Matching a file against an account reads every contact's keys but, in full, only the
contacts the file's keys can reach: whichever key reaches a person, that person is filled, and
no one else is touched."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coffeechat.lib.addresses import EMAIL, Address
from coffeechat.lib.contact_files import ParsedContact, ParseResult
from coffeechat.people.import_matching import FileKeys
from coffeechat.people.importing import import_contacts, plan_import
from coffeechat.people.models import Contact
from tests.factories import make_contact, make_contact_address, make_organization


def _import(user, *rows: ParsedContact):
    return import_contacts(user, ParseResult(format="google", contacts=list(rows), skipped=[]))


def _untouched(user, but: set[int]):
    return sorted(
        Contact.objects.owned_by(user)
        .exclude(pk__in=but)
        .values_list("pk", "first_name", "title", "email", "updated_at")
    )


def _crowd(user, n: int = 30) -> None:
    """Contacts no row names, so the one a row does name is one among many."""
    for i in range(n):
        make_contact(user, first_name=f"Other{i}", email=f"other{i}@crowd.example", title="")


def test_a_row_whose_main_email_someone_lists_among_theirs_fills_that_person(seeker):
    _crowd(seeker)
    ana = make_contact(seeker, first_name="Ana", last_name="Lee", email="ana@work.example")
    make_contact_address(seeker, contact=ana, kind=EMAIL, value="ana@home.example")
    before = _untouched(seeker, {ana.pk})
    row = ParsedContact(
        line=2, first_name="Ana", last_name="Lee", email="ana@home.example", title="Analyst"
    )
    summary = _import(seeker, row)
    assert (summary.created, summary.updated) == (0, 1)
    ana.refresh_from_db()
    assert (ana.title, ana.email) == ("Analyst", "ana@work.example")
    assert _untouched(seeker, {ana.pk}) == before


def test_a_row_found_by_another_of_its_emails_when_the_name_is_the_same(seeker):
    _crowd(seeker)
    ann = make_contact(seeker, first_name="Ann", last_name="Archer", email="ann@old.example")
    make_contact_address(seeker, contact=ann, kind=EMAIL, value="ann.archer@home.example")
    row = ParsedContact(
        line=2,
        first_name="Ann",
        last_name="Archer",
        email="ann@new.example",
        addresses=[Address(EMAIL, "ann.archer@home.example", "home")],
        title="Curator",
    )
    summary = _import(seeker, row)
    assert (summary.created, summary.updated) == (0, 1)
    ann.refresh_from_db()
    assert ann.title == "Curator"
    # The new address is kept among hers; her main one stays.
    assert ann.email == "ann@old.example"
    assert "ann@new.example" in set(ann.addresses.values_list("value", flat=True))


def test_a_row_found_by_its_profile_alone_among_people_it_does_not_name(seeker):
    _crowd(seeker)
    grace = make_contact(
        seeker,
        first_name="Grace",
        email="",
        title="",
        linkedin_url="https://www.linkedin.com/in/grace-hopper",
    )
    before = _untouched(seeker, {grace.pk})
    rows = [
        ParsedContact(
            line=2,
            first_name="Grace",
            linkedin_url="https://linkedin.com/in/Grace-Hopper/",
            title="Rear Admiral",
        ),
        ParsedContact(line=3, first_name="New", email="new@person.example"),
    ]
    summary = _import(seeker, *rows)
    assert (summary.created, summary.updated) == (1, 1)
    grace.refresh_from_db()
    assert grace.title == "Rear Admiral"
    new = Contact.objects.get(owner=seeker, first_name="New")
    assert _untouched(seeker, {grace.pk, new.pk}) == before


def test_a_row_with_no_email_or_profile_is_matched_by_name_organization_and_phone(seeker):
    _crowd(seeker)
    press = make_organization(seeker, name="Daily Press")
    ida = make_contact(
        seeker,
        first_name="Ida",
        last_name="Wells",
        email="",
        phone="555-0100",
        organization=press,
        title="",
    )
    row = ParsedContact(
        line=2,
        first_name="Ida",
        last_name="Wells",
        phone="(555) 0100",
        organization="Daily Press",
        title="Journalist",
    )
    # A different number is a different person with the same name.
    namesake = ParsedContact(
        line=3, first_name="Ida", last_name="Wells", phone="555 0199", organization="Daily Press"
    )
    summary = _import(seeker, row, namesake)
    assert (summary.created, summary.updated) == (1, 1)
    ida.refresh_from_db()
    assert ida.title == "Journalist"


def test_a_person_named_twice_in_the_file_is_filled_from_both_rows(seeker):
    _crowd(seeker)
    bob = make_contact(seeker, first_name="Bob", email="bob@acme.example", title="", location="")
    rows = [
        ParsedContact(line=2, first_name="Bob", email="bob@acme.example", title="Engineer"),
        ParsedContact(line=3, first_name="Bob", email="bob@acme.example", location="Oslo"),
    ]
    summary = _import(seeker, *rows)
    assert (summary.created, summary.updated) == (0, 1)
    bob.refresh_from_db()
    assert (bob.title, bob.location) == ("Engineer", "Oslo")


def test_the_keys_of_a_file():
    keys = FileKeys()
    keys.add(["ann@a.example", "", "ann@b.example"], "")
    keys.add([""], "linkedin.com/in/bob")
    assert keys.emails == {"ann@a.example", "ann@b.example"}
    assert keys.linkedin == {"linkedin.com/in/bob"}
    assert not keys.by_identity
    keys.add(["", ""], "")  # a row with neither: matched by name, organization and phone
    assert keys.by_identity


def _full_reads(user, *rows: ParsedContact) -> list[str]:
    """The queries that read contacts' fields beyond their keys while planning rows."""
    result = ParseResult(format="google", contacts=list(rows), skipped=[])
    with CaptureQueriesContext(connection) as queries:
        plan_import(user, result)
    return [q["sql"] for q in queries if '"people_contact"."title"' in q["sql"]]


def test_planning_new_people_reads_no_existing_contact_in_full(seeker):
    _crowd(seeker)
    bob = make_contact(seeker, first_name="Bob", email="bob@acme.example")
    new = ParsedContact(line=2, first_name="New", email="new@person.example")
    assert _full_reads(seeker, new) == []
    # A row naming Bob reads Bob alone, by id.
    named = ParsedContact(line=3, first_name="Bob", email="bob@acme.example")
    (read,) = _full_reads(seeker, new, named)
    assert f"IN ({bob.pk})" in read
