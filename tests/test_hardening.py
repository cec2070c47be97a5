"""Edge cases found in review: double clicks, hostile links, long names, stale search, zones."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.lib import contact_files
from coffeechat.people import import_files
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ImportBatch
from coffeechat.research.models import Organization
from coffeechat.search.indexing import rebuild
from coffeechat.search.query import search
from tests.factories import (
    make_contact,
    make_conversation,
    make_message,
    make_organization,
)
from tests.test_importing import LINKEDIN


def _kinds(user, query) -> dict[str, list[str]]:
    return {g["kind"]: [str(r) for r in g["rows"]] for g in search(user, query)}


def test_a_second_click_on_import_writes_nothing_more(seeker_client, seeker):
    upload = SimpleUploadedFile("Connections.csv", LINKEDIN, content_type="text/csv")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    url = reverse("people:importbatch_commit", args=[batch.pk])
    seeker_client.post(url, {"source": "cold"})
    seeker_client.post(url, {"source": "cold"})
    assert Contact.objects.filter(owner=seeker).count() == 2


def test_links_that_are_not_web_addresses_are_not_imported(seeker):
    data = b"Name,LinkedIn URL\nAnn Lee,javascript:alert(document.domain)\n"
    mapping = {"Name": "full_name", "LinkedIn URL": "linkedin_url"}
    import_contacts(seeker, contact_files.parse(data, "csv", mapping))
    assert Contact.objects.get(owner=seeker).linkedin_url == ""


def test_a_stored_non_web_link_is_not_rendered_as_a_link(seeker_client, seeker):
    contact = make_contact(seeker)
    Contact.objects.filter(pk=contact.pk).update(linkedin_url="javascript:alert(1)")
    html = seeker_client.get(contact.get_absolute_url()).content.decode()
    assert 'href="javascript:' not in html


def test_very_long_organization_names_keep_their_people(seeker):
    name = "International Association of " + "Very Long Names " * 14
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    row = f"Ada,Byron,https://www.linkedin.com/in/ada-b,,{name},Analyst,01 Jan 2024\n"
    import_contacts(seeker, contact_files.parse(header + row.encode()))
    ada = Contact.objects.get(owner=seeker)
    assert ada.organization is not None and len(ada.organization.name) == 200
    row2 = f"Bo,Byron,https://www.linkedin.com/in/bo-b,,{name},Analyst,01 Jan 2024\n"
    import_contacts(seeker, contact_files.parse(header + row2.encode()))
    assert Organization.objects.filter(owner=seeker).count() == 1


def test_renaming_a_person_renames_what_their_messages_are_found_by(seeker):
    contact = make_contact(seeker, first_name="Anna", last_name="Berg")
    make_message(seeker, contact=contact, subject="Hello", body="short note")
    make_conversation(seeker, contact=contact)
    contact.first_name = "Annabel"
    contact.save()
    found = _kinds(seeker, "annabel")
    assert set(found) >= {"contact", "message", "conversation"}


def test_deleting_an_organization_updates_its_peoples_entries(seeker):
    org = make_organization(seeker, name="Zebulon Works")
    make_contact(seeker, first_name="Ira", last_name="Glass", organization=org)
    org.delete()
    assert "contact" not in _kinds(seeker, "zebulon")


def test_rebuild_repairs_a_full_text_index_that_lost_rows(seeker):
    from django.db import connection

    make_contact(seeker, first_name="Rosalind", last_name="Franklin")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('delete-all')"
            )
        assert _kinds(seeker, "rosalind") == {}
    rebuild()
    assert _kinds(seeker, "rosalind")["contact"] == ["Rosalind Franklin"]


def test_pages_use_the_profiles_time_zone(seeker_client, seeker):
    profile = get_profile(seeker)
    profile.time_zone = "Pacific/Kiritimati"  # UTC+14: its date runs ahead of UTC
    profile.save()
    kiritimati_today = (
        timezone.now().astimezone(datetime.timezone(datetime.timedelta(hours=14))).date()
    )
    response = seeker_client.post(
        reverse("people:interaction_create"),
        {
            "contact": make_contact(seeker).pk,
            "kind": "note",
            "direction": "outgoing",
            "occurred_at": f"{kiritimati_today:%Y-%m-%d}T09:00",
            "summary": "typed in Kiritimati time",
        },
    )
    assert response.status_code == 302
    interaction = Contact.objects.get(owner=seeker).interactions.get()
    assert interaction.occurred_at.utcoffset() is not None
    assert interaction.occurred_at.astimezone(datetime.UTC).hour == 19  # 09:00 at UTC+14


def test_the_admin_shows_rows_but_does_not_edit_them(client, seeker, settings):
    seeker.is_staff = seeker.is_superuser = True
    seeker.save()
    client.force_login(seeker)
    contact = make_contact(seeker)
    change = client.get(reverse("admin:people_contact_change", args=[contact.pk]))
    assert change.status_code == 200
    assert b'name="first_name"' not in change.content  # shown read-only
    assert client.get(reverse("admin:people_contact_add")).status_code == 403


def test_login_links_do_not_exist_on_a_server(client, settings):
    settings.LOCAL_MODE = False
    assert client.get(reverse("accounts:link"), {"token": "x" * 40}).status_code == 404


def test_an_uploaded_file_goes_when_its_import_is_deleted(seeker_client, seeker):
    upload = SimpleUploadedFile("Connections.csv", LINKEDIN, content_type="text/csv")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    stored = import_files.import_folder() / batch.stored_name
    assert stored.exists()
    seeker.delete()  # the account goes, and with it the pending upload
    assert not stored.exists()
