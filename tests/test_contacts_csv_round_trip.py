"""coffeechat's own contacts CSV comes back: exported, then imported into an empty account with
the default format, every column the file carries is what it was, the spreadsheet-formula
guard undone; imported again, nothing changes."""

from __future__ import annotations

import datetime

from coffeechat.exports.contacts_files import contacts_csv
from coffeechat.lib.contact_files import parse
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact
from tests.factories import make_contact, make_organization, make_tag, make_user

COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "title",
    "department",
    "linkedin_url",
    "location",
    "notes",
    "connected_on",
)


def _rows(owner) -> list[tuple]:
    rows = []
    for contact in Contact.objects.owned_by(owner).order_by("last_name", "first_name"):
        organization = contact.organization.name if contact.organization_id else ""
        tags = sorted(contact.tags.values_list("name", flat=True))
        rows.append((*(getattr(contact, c) for c in COLUMNS), organization, tags))
    return rows


def test_the_export_re_imports_with_the_default_format(db):
    seeker = make_user("exporter")
    acme = make_organization(seeker, name="Acme, Inc.")
    ada = make_contact(
        seeker,
        first_name="Ada",
        last_name="Ng",
        email="ada@example.com",
        phone="+1 555 0100",
        organization=acme,
        title="Head of Data, Analytics",
        department="-Platform",
        linkedin_url="https://www.linkedin.com/in/ada-ng",
        location="Chicago, IL",
        notes="=SUM(A1) is how she jokes\nMet at the fair, twice",
        connected_on=datetime.date(2024, 3, 5),
    )
    ada.tags.set([make_tag(seeker, name="mentor"), make_tag(seeker, name="data, analytics")])
    make_contact(seeker, first_name="Şükrü", last_name="Yılmaz", organization=None, phone="@home")
    text = contacts_csv(seeker)

    result = parse(text.encode("utf-8"))
    assert result.format == "coffeechat"
    newcomer = make_user("importer")
    summary = import_contacts(newcomer, result)
    assert summary.created == 2
    theirs, ours = _rows(seeker), _rows(newcomer)
    # Tags are one cell joined by ", ": a tag with a comma in it comes back as two.
    assert [row[:-1] for row in ours] == [row[:-1] for row in theirs]
    assert ours[0][-1] == ["analytics", "data", "mentor"]

    again = import_contacts(newcomer, parse(text.encode("utf-8")))
    assert (again.created, again.updated) == (0, 0)
    assert _rows(newcomer) == ours
