"""The edges of every-address contacts: a shared inbox never makes two people one, a
company's LinkedIn page is no profile, odd links are never stored, edits are found in search
at once, and coffeechat's own CSV comes back exactly even in its corners."""

from __future__ import annotations

from django.urls import reverse

from coffeechat.exports.client_csv import render_google_csv
from coffeechat.exports.contacts_files import contacts_csv, contacts_for_export, contacts_vcard
from coffeechat.lib.contact_files import parse
from coffeechat.people.duplicates import exact_duplicate_groups
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ContactAddress
from coffeechat.search.models import SearchEntry
from tests.factories import make_contact, make_contact_address, make_tag, make_user
from tests.test_contact_addresses import _form_data

GOOGLE_HEADER = (
    b"First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value\r\n"
)


def test_two_people_who_share_an_inbox_stay_two_people(seeker):
    data = GOOGLE_HEADER + (
        b"Ann,Archer,* Work,ann@acme.example,Other,info@acme.example\r\n"
        b"Bob,Baker,* Work,bob@acme.example,Other,info@acme.example\r\n"
    )
    summary = import_contacts(seeker, parse(data))
    assert (summary.created, summary.merged) == (2, 0)
    assert exact_duplicate_groups(seeker) == []
    # A third file naming Bob by his main address finds Bob, not Ann.
    again = import_contacts(
        seeker, parse(GOOGLE_HEADER + b"Bob,Baker,,info@acme.example,Other,bob@acme.example\r\n")
    )
    assert (again.created, again.updated + again.unchanged) == (0, 1)
    assert Contact.objects.filter(owner=seeker).count() == 2


def test_someone_who_lists_another_persons_main_email_is_that_person(seeker):
    ana = make_contact(seeker, first_name="Ana", last_name="Lee", email="ana@work.example")
    data = GOOGLE_HEADER + b"Ana,Lee,* Home,ana@home.example,Work,ana@work.example\r\n"
    assert import_contacts(seeker, parse(data)).updated == 1
    assert list(ContactAddress.objects.filter(contact=ana).values_list("value", flat=True)) == [
        "ana@home.example"
    ]


def test_a_company_page_on_linkedin_is_no_profile_and_matches_nobody(seeker):
    for first, email in (("Ann", "ann@acme.example"), ("Bob", "bob@acme.example")):
        person = make_contact(seeker, first_name=first, email=email, linkedin_url="")
        make_contact_address(
            seeker, contact=person, kind="link", value="https://www.linkedin.com/company/acme"
        )
    newcomer = make_user("newcomer")
    for text in (contacts_vcard(seeker), render_google_csv(contacts_for_export(seeker))):
        summary = import_contacts(newcomer, parse(text.encode("utf-8")))
        assert summary.merged == 0
    copies = Contact.objects.filter(owner=newcomer)
    assert copies.count() == 2 and set(copies.values_list("linkedin_url", flat=True)) == {""}


def test_a_link_that_is_not_a_web_address_is_never_stored(seeker_client, seeker):
    data = (
        b"First Name,Last Name,Display Name,Email,How you know them,LinkedIn URL,Web Links\r\n"
        b'Ann,Archer,,ann@acme.example,Cold contact,,"javascript:alert(1)\nhttps://ann.example"\r\n'
    )
    import_contacts(seeker, parse(data))
    ann = Contact.objects.get(owner=seeker)
    assert list(ContactAddress.objects.filter(contact=ann).values_list("value", flat=True)) == [
        "https://ann.example"
    ]
    page = seeker_client.get(ann.get_absolute_url()).content.decode()
    assert "javascript:" not in page


def test_an_address_added_in_the_form_is_found_in_search_at_once(seeker_client, seeker):
    ana = make_contact(seeker, first_name="Ana")
    make_contact_address(seeker, contact=ana, kind="email", value="zebra.one@home.example")
    url = reverse("people:contact_edit", args=[ana.pk])
    data = _form_data(seeker_client.get(url), **{"addresses-1-value": "yak.two@home.example"})
    assert seeker_client.post(url, data).status_code == 302
    body = SearchEntry.objects.get(owner=seeker, kind="contact", object_id=ana.pk).body
    assert "zebra.one@home.example" in body and "yak.two@home.example" in body


def test_a_very_long_email_can_stay_among_the_others_but_not_be_made_main(seeker_client, seeker):
    ana = make_contact(seeker, first_name="Ana", email="ana@work.example")
    long_address = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "@" + "d" * 60 + ".example.org"
    make_contact_address(seeker, contact=ana, kind="email", value=long_address)
    url = reverse("people:contact_edit", args=[ana.pk])
    data = _form_data(seeker_client.get(url), **{"addresses-0-make_main": "on"})
    response = seeker_client.post(url, data)
    assert response.status_code == 200 and "at most 254 characters" in response.content.decode()
    ana.refresh_from_db()
    assert ana.email == "ana@work.example"


def test_the_csv_keeps_a_tag_with_a_comma_and_a_main_fax_number(seeker):
    ana = make_contact(seeker, first_name="Ana", phone="+1 555 0199", phone_label="fax")
    ana.tags.set([make_tag(seeker, name="Paris, France")])
    newcomer = make_user("newcomer")
    import_contacts(newcomer, parse(contacts_csv(seeker).encode("utf-8")))
    copy = Contact.objects.get(owner=newcomer)
    assert (copy.phone, copy.phone_label) == ("+1 555 0199", "fax")
    assert list(copy.tags.values_list("name", flat=True)) == ["Paris, France"]
    again = import_contacts(seeker, parse(contacts_csv(seeker).encode("utf-8")))
    assert (again.updated, again.unchanged) == (0, 1)


def test_a_vcard_escaped_backslash_before_a_comma_keeps_the_rest_of_the_text():
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ana\r\nTITLE:Boss\\\\, of all\r\nEND:VCARD\r\n"
    assert parse(card).contacts[0].title == "Boss\\, of all"
