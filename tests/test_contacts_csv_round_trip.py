"""coffeechat's own contact files come back: exported as CSV or vCard, then imported into an
empty account with the default format, every field the file carries is what it was (every
address with its label, the whole notes, tags with commas, how the seeker knows them and
who referred them), the spreadsheet-formula guard undone; imported again, nothing changes."""

from __future__ import annotations

import datetime

import pytest

from coffeechat.exports.contacts_files import contacts_csv, contacts_vcard
from coffeechat.lib.contact_files import parse
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ContactAddress, Source, Tier
from tests.factories import (
    make_contact,
    make_contact_address,
    make_organization,
    make_tag,
    make_user,
)

COLUMNS = (
    "first_name",
    "last_name",
    "display_name",
    "email",
    "email_label",
    "phone",
    "phone_label",
    "title",
    "department",
    "linkedin_url",
    "location",
    "notes",
    "connected_on",
)
# What vCard has no property for (the vCard export writes them as X-COFFEECHAT- properties).
CSV_ONLY = (
    "source",
    "source_detail",
    "connection_sentence",
    "tier",
    "tier_inferred",
    "do_not_contact",
    "keep_in_touch_days",
    "background",
)


def _rows(owner, columns) -> list[tuple]:
    rows = []
    for contact in Contact.objects.owned_by(owner).order_by("last_name", "first_name"):
        organization = contact.organization.name if contact.organization_id else ""
        referrer = contact.referred_by.name if contact.referred_by_id else ""
        tags = sorted(contact.tags.values_list("name", flat=True))
        addresses = list(
            ContactAddress.objects.filter(contact=contact)
            .order_by("position")
            .values_list("kind", "label", "value")
        )
        values = tuple(getattr(contact, c) for c in columns)
        rows.append((*values, organization, referrer, tags, addresses))
    return rows


def _account():
    seeker = make_user("exporter")
    acme = make_organization(seeker, name="Acme, Inc.")
    mentor = make_contact(
        seeker,
        first_name="太郎",
        last_name="山田",
        display_name="山田 太郎",
        organization=None,
        email="taro@example.jp",
        email_label="work",
        phone="",
        tier=Tier.SENIOR,
        source=Source.PROFESSOR,
    )
    ada = make_contact(
        seeker,
        first_name="Ada",
        last_name="Ng",
        email="ada@example.com",
        email_label="work",
        phone="+1 555 0100",
        phone_label="mobile",
        organization=acme,
        title="Head of Data, Analytics",
        department="-Platform",
        linkedin_url="https://www.linkedin.com/in/ada-ng",
        location="Chicago, IL",
        notes='=SUM(A1) is how she jokes\nMet at the fair, twice; "really" twice',
        connected_on=datetime.date(2024, 3, 5),
        source=Source.REFERRAL,
        source_detail="Through the data meetup, 2024",
        referred_by=mentor,
        connection_sentence="Taro Yamada suggested I write to you.",
        tier="",
        do_not_contact=True,
        keep_in_touch_days=45,
        background="Physics, then five years, at two banks.",
    )
    make_contact_address(seeker, contact=ada, kind="email", label="home", value="ada@home.example")
    make_contact_address(seeker, contact=ada, kind="email", label="", value="ada.ng@old.example")
    make_contact_address(seeker, contact=ada, kind="phone", label="fax", value="+1 555 0199")
    make_contact_address(seeker, contact=ada, kind="phone", label="pager", value="+1 555 0177")
    make_contact_address(
        seeker, contact=ada, kind="link", label="home", value="https://ada.example/blog"
    )
    ada.tags.set([make_tag(seeker, name="mentor"), make_tag(seeker, name="data, analytics")])
    make_contact(seeker, first_name="Şükrü", last_name="Yılmaz", organization=None, phone="@home")
    return seeker


def test_the_csv_re_imports_with_the_default_format_and_keeps_every_field(db):
    seeker = _account()
    text = contacts_csv(seeker)

    result = parse(text.encode("utf-8"))
    assert result.format == "coffeechat"
    newcomer = make_user("importer")
    summary = import_contacts(newcomer, result)
    assert summary.created == 3
    columns = (*COLUMNS, *CSV_ONLY)
    theirs, ours = _rows(seeker, columns), _rows(newcomer, columns)
    assert ours == theirs
    ada = Contact.objects.get(owner=newcomer, last_name="Ng")
    assert ada.tier == Tier.SENIOR and ada.tier_inferred  # inferred again from "Head of"
    assert sorted(ada.tags.values_list("name", flat=True)) == ["data, analytics", "mentor"]

    again = import_contacts(newcomer, parse(text.encode("utf-8")))
    assert (again.created, again.updated) == (0, 0)
    assert _rows(newcomer, columns) == ours


def test_the_vcard_re_imports_with_every_field_address_and_label(db):
    seeker = _account()
    text = contacts_vcard(seeker)

    result = parse(text.encode("utf-8"))
    assert result.format == "vcard"
    newcomer = make_user("importer")
    assert import_contacts(newcomer, result).created == 3
    # What vCard has no property for travels as coffeechat's own X- properties.
    columns = (*COLUMNS, *CSV_ONLY)
    theirs, ours = _rows(seeker, columns), _rows(newcomer, columns)
    assert ours == theirs

    again = import_contacts(newcomer, parse(text.encode("utf-8")))
    assert (again.created, again.updated) == (0, 0)
    assert _rows(newcomer, columns) == ours


@pytest.mark.parametrize("export", [contacts_csv, contacts_vcard])
def test_importing_the_export_into_the_same_account_changes_nothing(db, export):
    seeker = _account()
    before = _rows(seeker, (*COLUMNS, *CSV_ONLY))
    summary = import_contacts(seeker, parse(export(seeker).encode("utf-8")))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert _rows(seeker, (*COLUMNS, *CSV_ONLY)) == before
