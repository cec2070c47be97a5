"""Every address of a person, labelled: the contact form's rows, the person's page, matching an
import on any of their emails, duplicates found through another address, merging two people
without losing an address, and the import preview's encoding, shown and changeable."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.lib.contact_files import parse
from coffeechat.people.duplicates import exact_duplicate_groups, likely_duplicate_pairs
from coffeechat.people.importing import import_contacts
from coffeechat.people.merging import merge_contacts
from coffeechat.people.models import Contact, ContactAddress, ImportBatch
from tests.factories import make_contact, make_contact_address


def _rows(contact) -> list[tuple[str, str, str]]:
    return list(
        ContactAddress.objects.filter(contact=contact)
        .order_by("position")
        .values_list("kind", "label", "value")
    )


def _form_data(page, **changes) -> dict:
    """What the browser would send for the form on `page`, with `changes` applied."""
    form = BeautifulSoup(page.content, "html.parser").find("form", class_="form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "on"
        elif field.name == "textarea":
            data[name] = field.text.strip("\n")
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- the contact form ----------------------------------------------------------------------


def test_a_new_contact_keeps_every_address_with_its_label(seeker_client, seeker):
    page = seeker_client.get(reverse("people:contact_create"))
    data = _form_data(
        page,
        first_name="Ana",
        last_name="Lee",
        email="ana@work.example",
        email_label="work",
        phone="+1 555 0100",
        phone_label="mobile",
        **{
            "addresses-0-kind": "email",
            "addresses-0-label": "home",
            "addresses-0-value": "Ana@Home.example",
            "addresses-1-kind": "phone",
            "addresses-1-label": "fax",
            "addresses-1-value": "+1 555 0199",
        },
    )
    response = seeker_client.post(reverse("people:contact_create"), data)
    ana = Contact.objects.get(owner=seeker, last_name="Lee")
    assert response.status_code == 302
    assert (ana.email, ana.email_label, ana.phone, ana.phone_label) == (
        "ana@work.example",
        "work",
        "+1 555 0100",
        "mobile",
    )
    assert _rows(ana) == [("email", "home", "ana@home.example"), ("phone", "fax", "+1 555 0199")]

    page = seeker_client.get(ana.get_absolute_url()).content.decode()
    reach = BeautifulSoup(page, "html.parser").find("section", class_="reach")
    lines = [" ".join(li.get_text().split()) for li in reach.find_all("li")]
    assert lines == [
        "Email, work (main): ana@work.example",
        "Phone, mobile (main): +1 555 0100",
        "Email, home: ana@home.example",
        "Phone, fax: +1 555 0199",
    ]
    assert reach.find("a", href="mailto:ana@home.example")
    assert reach.find("a", href="tel:+15550100")


def test_editing_makes_another_address_the_main_one_and_keeps_the_old(seeker_client, seeker):
    ana = make_contact(seeker, first_name="Ana", email="ana@old.example", email_label="work")
    make_contact_address(seeker, contact=ana, kind="email", label="home", value="ana@new.example")
    url = reverse("people:contact_edit", args=[ana.pk])
    data = _form_data(seeker_client.get(url), **{"addresses-0-make_main": "on"})
    assert seeker_client.post(url, data).status_code == 302
    ana.refresh_from_db()
    assert (ana.email, ana.email_label) == ("ana@new.example", "home")
    assert _rows(ana) == [("email", "work", "ana@old.example")]


def test_deleting_a_row_removes_that_address_only(seeker_client, seeker):
    ana = make_contact(seeker, first_name="Ana")
    make_contact_address(seeker, contact=ana, kind="email", value="a@one.example")
    make_contact_address(seeker, contact=ana, kind="link", value="https://ana.example")
    url = reverse("people:contact_edit", args=[ana.pk])
    data = _form_data(seeker_client.get(url), **{"addresses-0-DELETE": "on"})
    assert seeker_client.post(url, data).status_code == 302
    assert _rows(ana) == [("link", "home", "https://ana.example")]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("email", "not an address", "Enter an email address"),
        ("link", "javascript:alert(1)", "starting with https://"),
        ("email", "ADA@example.com", "already listed"),
    ],
)
def test_a_wrong_address_is_refused_with_a_reason_and_nothing_saved(
    seeker_client, seeker, kind, value, message
):
    ada = make_contact(seeker, first_name="Ada", email="ada@example.com")
    url = reverse("people:contact_edit", args=[ada.pk])
    data = _form_data(
        seeker_client.get(url),
        **{"addresses-0-kind": kind, "addresses-0-value": value, "last_name": "Changed"},
    )
    response = seeker_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    ada.refresh_from_db()
    assert ada.last_name != "Changed" and not _rows(ada)


def test_a_post_without_address_rows_leaves_the_addresses_alone(seeker_client, seeker):
    ada = make_contact(seeker, first_name="Ada", organization=None)
    make_contact_address(seeker, contact=ada, kind="phone", label="pager", value="+1 555 0177")
    data = {"first_name": "Ada", "last_name": "Renamed", "source": "cold", "tag_names": ""}
    assert (
        seeker_client.post(reverse("people:contact_edit", args=[ada.pk]), data).status_code == 302
    )
    assert _rows(ada) == [("phone", "pager", "+1 555 0177")]


def test_another_persons_address_rows_cannot_be_edited_through_a_form(
    seeker_client, seeker, stranger
):
    mine = make_contact(seeker, first_name="Ada")
    theirs = make_contact_address(stranger, value="secret@their.example")
    url = reverse("people:contact_edit", args=[mine.pk])
    data = _form_data(
        seeker_client.get(url),
        **{"addresses-0-id": str(theirs.pk), "addresses-0-value": "taken@mine.example"},
    )
    seeker_client.post(url, data)
    theirs.refresh_from_db()
    assert theirs.value == "secret@their.example" and theirs.contact.owner == stranger


# --- import, duplicates, merge, search -----------------------------------------------------


VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ana\r\nFN:Ana Lee\r\n"
    b"EMAIL;TYPE=WORK:ana@work.example\r\nEMAIL;TYPE=HOME:ana@home.example\r\n"
    b"TEL;TYPE=CELL:+1 555 0100\r\nTEL;TYPE=FAX:+1 555 0199\r\nEND:VCARD\r\n"
)


def test_an_import_finds_the_person_by_any_of_their_emails(seeker):
    ana = make_contact(seeker, first_name="Ana", last_name="Lee", email="", phone="")
    make_contact_address(seeker, contact=ana, kind="email", label="", value="ana@home.example")
    summary = import_contacts(seeker, parse(VCARD))
    assert (summary.created, summary.updated) == (0, 1)
    ana.refresh_from_db()
    assert (ana.email, ana.email_label, ana.phone, ana.phone_label) == (
        "ana@work.example",
        "work",
        "+1 555 0100",
        "mobile",
    )
    assert _rows(ana) == [("email", "", "ana@home.example"), ("phone", "fax", "+1 555 0199")]
    again = import_contacts(seeker, parse(VCARD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_people_sharing_any_email_are_exact_duplicates(seeker):
    one = make_contact(seeker, first_name="Ana", last_name="Lee", email="ana@work.example")
    two = make_contact(seeker, first_name="A.", last_name="Lee", email="other@example.org")
    make_contact_address(seeker, contact=two, kind="email", value="ana@work.example")
    groups = exact_duplicate_groups(seeker)
    assert [[c.pk for c in group] for group in groups] == [sorted([one.pk, two.pk])]


def test_similar_names_whose_emails_overlap_are_not_called_different_people(seeker):
    org = make_contact(seeker).organization
    one = make_contact(seeker, first_name="Jon", last_name="Smith", organization=org)
    two = make_contact(seeker, first_name="John", last_name="Smith", organization=org)
    pairs = likely_duplicate_pairs(seeker)
    assert not any({p.first.pk, p.second.pk} == {one.pk, two.pk} for p in pairs)  # emails differ
    make_contact_address(seeker, contact=two, kind="email", value=one.email)
    groups = exact_duplicate_groups(seeker)
    assert any({c.pk for c in group} == {one.pk, two.pk} for group in groups)


def test_merging_keeps_every_address_of_both_and_the_main_one_not_chosen(seeker):
    keep = make_contact(seeker, first_name="Ana", email="ana@one.example", phone="")
    other = make_contact(seeker, first_name="Ana", email="ana@two.example", phone="+1 555 0100")
    make_contact_address(seeker, contact=keep, kind="link", value="https://ana.example")
    make_contact_address(seeker, contact=other, kind="link", value="https://ana.example/")
    make_contact_address(seeker, contact=other, kind="phone", label="fax", value="+1 555 0199")
    merged = merge_contacts(keep, other)
    assert (merged.email, merged.phone) == ("ana@one.example", "+1 555 0100")
    assert sorted(_rows(merged)) == [
        ("email", "", "ana@two.example"),
        ("link", "home", "https://ana.example"),
        ("phone", "fax", "+1 555 0199"),
    ]


def test_search_finds_a_person_by_another_address(seeker_client, seeker):
    ana = make_contact(seeker, first_name="Ana", last_name="Quillfeather")
    make_contact_address(seeker, contact=ana, kind="email", value="zebra.crossing@home.example")
    page = seeker_client.get(reverse("search:search"), {"q": "zebra.crossing@home.example"})
    assert "Quillfeather" in page.content.decode()


# --- the encoding of an uploaded file ------------------------------------------------------


RUSSIAN = (
    "First Name,Last Name,Company,E-mail Address\r\nИван,Петров,ООО Ромашка,ivan@example.ru\r\n"
)


def test_the_preview_says_which_encoding_it_read_and_another_can_be_chosen(seeker_client, seeker):
    data = RUSSIAN.encode("cp1251")
    upload = SimpleUploadedFile("outlook.csv", data, content_type="text/csv")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "Cyrillic (Windows-1251)" in page and "Петров" in page

    # Chosen by hand, Windows-1252 shows the names garbled; changed back, they are right.
    url = reverse("people:importbatch_encoding", args=[batch.pk])
    assert seeker_client.post(url, {"encoding": "cp1252"}).status_code == 302
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "Western European (Windows-1252)" in page and "Петров" not in page
    seeker_client.post(url, {"encoding": "cp1251"})
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    assert Contact.objects.get(owner=seeker).last_name == "Петров"


def test_another_users_import_encoding_cannot_be_changed(seeker_client, stranger):
    batch = ImportBatch.objects.create(owner=stranger, original_name="x.csv", stored_name="x")
    url = reverse("people:importbatch_encoding", args=[batch.pk])
    assert seeker_client.post(url, {"encoding": "cp1251"}).status_code == 404
    batch.refresh_from_db()
    assert batch.encoding == ""


def test_the_name_as_shown_is_the_persons_name_on_their_page_and_in_the_list(seeker_client, seeker):
    make_contact(seeker, first_name="太郎", last_name="山田", display_name="山田 太郎")
    page = seeker_client.get(reverse("people:contact_list"), {"q": "山田 太郎"}).content.decode()
    assert "山田 太郎" in page and "太郎 山田" not in page
    person = Contact.objects.get(owner=seeker, last_name="山田")
    heading = BeautifulSoup(seeker_client.get(person.get_absolute_url()).content, "html.parser")
    assert heading.find("h1").get_text(strip=True) == "山田 太郎"


def test_a_main_phone_written_differently_is_the_same_phone_on_import(seeker):
    ana = make_contact(seeker, first_name="Ana", last_name="Lee", email="ana@work.example")
    Contact.objects.filter(pk=ana.pk).update(phone="+1 (555) 010-0100")
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ana\r\nEMAIL:ANA@work.example\r\n"
        b"TEL;TYPE=CELL:+15550100100\r\nEND:VCARD\r\n"
    )
    summary = import_contacts(seeker, parse(card.replace(b"+15550100100", b"+1 555 010 0100")))
    assert (summary.updated, summary.unchanged) == (1, 0)  # only the phone's label is new
    ana.refresh_from_db()
    assert (ana.phone, ana.phone_label) == ("+1 (555) 010-0100", "mobile")
    assert not ContactAddress.objects.filter(contact=ana).exists()
    again = import_contacts(seeker, parse(card.replace(b"+15550100100", b"+1 555 010 0100")))
    assert (again.updated, again.unchanged) == (0, 1)
