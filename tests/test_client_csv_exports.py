"""The contact list in Google's and Outlook's layouts: those products' headers, every address
in its place with its label, nothing dropped (what Outlook has no column for goes into the
notes), only the user's own contacts, and both files import back into coffeechat."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from coffeechat.exports.client_csv import render_google_csv, render_outlook_csv
from coffeechat.exports.contacts_files import contacts_for_export
from coffeechat.lib.contact_files import parse
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ContactAddress
from tests.factories import make_contact, make_contact_address, make_organization, make_user


def _table(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def ana(seeker):
    acme = make_organization(seeker, name="Acme, Inc.")
    ana = make_contact(
        seeker,
        first_name="Ana",
        last_name="Lee",
        organization=acme,
        title="Analyst",
        email="ana@work.example",
        email_label="work",
        phone="+1 555 0100",
        phone_label="mobile",
        linkedin_url="https://www.linkedin.com/in/ana-lee",
        location="Chicago, IL",
        notes="Met at the fair, twice",
    )
    for kind, label, value in [
        ("email", "home", "ana@home.example"),
        ("email", "", "ana@old.example"),
        ("email", "other", "ana@fourth.example"),
        ("phone", "work", "+1 555 0101"),
        ("phone", "fax", "+1 555 0199"),
        ("phone", "pager", "+1 555 0177"),
        ("phone", "mobile", "+1 555 0102"),
        ("link", "home", "https://ana.example/blog"),
    ]:
        make_contact_address(seeker, contact=ana, kind=kind, label=label, value=value)
    return ana


def test_google_layout_has_every_address_labelled_and_the_main_ones_marked(seeker, ana):
    (row,) = _table(render_google_csv(contacts_for_export(seeker)))
    assert (row["First Name"], row["Last Name"], row["Organization Name"]) == (
        "Ana",
        "Lee",
        "Acme, Inc.",
    )
    emails = [(row[f"E-mail {n} - Label"], row[f"E-mail {n} - Value"]) for n in range(1, 5)]
    assert emails == [
        ("* Work", "ana@work.example"),
        ("Home", "ana@home.example"),
        ("Other", "ana@old.example"),
        ("Other", "ana@fourth.example"),
    ]
    phones = [(row[f"Phone {n} - Label"], row[f"Phone {n} - Value"]) for n in range(1, 6)]
    assert phones[0] == ("* Mobile", "+1 555 0100")
    assert ("Fax", "+1 555 0199") in phones and ("Pager", "+1 555 0177") in phones
    assert (row["Website 1 - Label"], row["Website 1 - Value"]) == (
        "Profile",
        "https://www.linkedin.com/in/ana-lee",
    )
    assert row["Website 2 - Value"] == "https://ana.example/blog"


def test_outlook_layout_puts_each_number_in_its_column_and_the_rest_in_the_notes(seeker, ana):
    (row,) = _table(render_outlook_csv(contacts_for_export(seeker)))
    assert (row["E-mail Address"], row["E-mail 2 Address"], row["E-mail 3 Address"]) == (
        "ana@work.example",
        "ana@home.example",
        "ana@old.example",
    )
    assert (row["Mobile Phone"], row["Business Phone"], row["Business Fax"], row["Pager"]) == (
        "+1 555 0100",
        "+1 555 0101",
        "+1 555 0199",
        "+1 555 0177",
    )
    assert row["Other Phone"] == "+1 555 0102"  # a second mobile: Outlook has one such column
    assert row["Web Page"] == "https://www.linkedin.com/in/ana-lee"
    assert row["Personal Web Page"] == "https://ana.example/blog"
    # A fourth email address has no column: it is kept in the notes, not dropped.
    assert row["Notes"] == "Met at the fair, twice\n\nAlso:\nana@fourth.example (other)"


@pytest.mark.parametrize("render", [render_google_csv, render_outlook_csv])
def test_both_layouts_import_back_with_every_address(seeker, ana, render):
    text = render(contacts_for_export(seeker))
    result = parse(text.encode("utf-8"))
    assert result.format == ("google" if render is render_google_csv else "outlook")
    newcomer = make_user("newcomer")
    assert import_contacts(newcomer, result).created == 1
    copy = Contact.objects.get(owner=newcomer)
    assert (copy.email, copy.phone, copy.title, copy.organization.name) == (
        "ana@work.example",
        "+1 555 0100",
        "Analyst",
        "Acme, Inc.",
    )
    assert copy.linkedin_url == "https://www.linkedin.com/in/ana-lee"
    theirs = set(ContactAddress.objects.filter(contact=ana).values_list("kind", "value"))
    ours = set(ContactAddress.objects.filter(contact=copy).values_list("kind", "value"))
    if render is render_outlook_csv:  # the fourth address came back inside the notes
        theirs.discard(("email", "ana@fourth.example"))
        assert "ana@fourth.example" in copy.notes
    assert ours == theirs


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("exports:contacts_google", "coffeechat-contacts-google"),
        ("exports:contacts_outlook", "coffeechat-contacts-outlook"),
    ],
)
def test_the_downloads_hold_only_the_users_own_contacts(
    seeker_client, seeker, stranger, ana, name, prefix
):
    make_contact(stranger, first_name="Strangerxyz", email="x@their.example")
    response = seeker_client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="{prefix}-')
    text = response.content.decode("utf-8")
    assert "ana@home.example" in text and "Strangerxyz" not in text
