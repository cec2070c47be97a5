"""Importing in the browser: upload, column mapping, preview, import, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.people import import_files
from coffeechat.people.models import Contact, ImportBatch
from tests.test_importing import LINKEDIN

SAMPLES = Path(__file__).parent / "samples" / "contact_files"


def _upload(client, name: str, data: bytes, fmt: str = "auto"):
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("people:importbatch_upload"), {"file": upload, "format": fmt})


def test_upload_preview_then_import(seeker_client, seeker):
    response = _upload(seeker_client, "Connections.csv", LINKEDIN)
    batch = ImportBatch.objects.get(owner=seeker)
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert not Contact.objects.filter(owner=seeker).exists()  # nothing before confirming

    preview = seeker_client.get(batch.get_absolute_url())
    soup = BeautifulSoup(preview.content, "html.parser")
    assert "2 new contacts" in " ".join(soup.select_one("ul.summary").get_text().split())
    assert "Grace" in soup.get_text() and "Line 7" in soup.get_text()

    done = seeker_client.post(
        reverse("people:importbatch_commit", args=[batch.pk]), {"source": "alumni"}
    )
    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.summary["created"] == 2
    assert set(Contact.objects.filter(owner=seeker).values_list("source", flat=True)) == {"alumni"}
    assert not (import_files.import_folder() / batch.stored_name).exists()  # the copy is gone

    again = seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]))
    assert again.status_code == 302
    assert Contact.objects.filter(owner=seeker).count() == 2


ONE_ORGANIZATION = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    b"Amara,Okafor,https://www.linkedin.com/in/amara-okafor,,Juniper Labs,Analyst,02 Dec 2026\r\n"
    b"Wen,Li,https://www.linkedin.com/in/wen-li,,Juniper Labs,Engineer,01 Dec 2026\r\n"
)


@pytest.mark.parametrize(
    ("data", "ending"),
    [
        (ONE_ORGANIZATION, "1 new organization 0 skipped"),
        (LINKEDIN, "2 new organizations 1 skipped"),  # its last row has no name
    ],
)
def test_the_finished_import_counts_in_words(seeker_client, seeker, data, ending):
    _upload(seeker_client, "Connections.csv", data)
    batch = ImportBatch.objects.get(owner=seeker)
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]))
    done = seeker_client.get(batch.get_absolute_url())
    summary = BeautifulSoup(done.content, "html.parser").select_one("ul.summary")
    words = " ".join(summary.stripped_strings)
    assert words.startswith("2 created ")
    assert words.endswith(f" unchanged {ending}")


def test_generic_csv_goes_through_column_mapping(seeker_client, seeker):
    data = "Nom;Société;Courriel\nMarie Curie;Institut du Radium;marie@example.org\n".encode()
    _upload(seeker_client, "contacts.csv", data)
    batch = ImportBatch.objects.get(owner=seeker)
    assert batch.format == "csv"
    page = seeker_client.get(batch.get_absolute_url())
    soup = BeautifulSoup(page.content, "html.parser")
    selects = soup.select("select[name^=column-]")
    assert len(selects) == 3
    assert all(soup.find("label", attrs={"for": s["id"]}) for s in selects)

    mapping = {"column-0": "full_name", "column-1": "organization", "column-2": "email"}
    seeker_client.post(reverse("people:importbatch_mapping", args=[batch.pk]), mapping)
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    marie = Contact.objects.get(owner=seeker)
    assert (marie.first_name, marie.last_name, marie.email) == (
        "Marie",
        "Curie",
        "marie@example.org",
    )
    assert marie.organization.name == "Institut du Radium"


def test_mapping_without_a_name_column_is_refused(seeker_client, seeker):
    _upload(seeker_client, "contacts.csv", b"A,B\nx,y\n")
    batch = ImportBatch.objects.get(owner=seeker)
    response = seeker_client.post(
        reverse("people:importbatch_mapping", args=[batch.pk]), {"column-0": "email"}
    )
    assert "Choose the column that holds the names." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("contacts.zip", b"PK\x03\x04rest", "Import a .csv or .vcf file"),
        ("Connections.csv", b"PK\x03\x04rest", "ZIP archive"),
        ("Connections.csv", b"", "empty"),
        ("Connections.csv", b"\x00\x01\x02\x03binary\x00", "not a text file"),
    ],
)
def test_files_that_are_not_contact_lists_are_refused(seeker_client, seeker, name, data, message):
    response = _upload(seeker_client, name, data)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not ImportBatch.objects.exists()


def test_upload_size_is_limited(seeker_client, seeker, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    response = _upload(seeker_client, "Connections.csv", LINKEDIN * 10)
    assert "files up to" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_path_in_the_file_name_is_reduced_to_its_base_name(seeker_client, seeker):
    _upload(seeker_client, "../../etc/Connections.csv", LINKEDIN)
    batch = ImportBatch.objects.get(owner=seeker)
    assert batch.original_name == "Connections.csv"
    stored = import_files.import_folder() / batch.stored_name
    assert stored.exists() and stored.parent == import_files.import_folder()
    assert "Connections" not in batch.stored_name  # a generated name on disk


def test_cancel_removes_the_file_and_imports_nothing(seeker_client, seeker):
    _upload(seeker_client, "Connections.csv", LINKEDIN)
    batch = ImportBatch.objects.get(owner=seeker)
    seeker_client.post(reverse("people:importbatch_cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED
    assert not (import_files.import_folder() / batch.stored_name).exists()
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]))
    assert not Contact.objects.exists()


def test_stranger_cannot_import_someone_elses_upload(seeker_client, seeker, client, stranger):
    _upload(seeker_client, "Connections.csv", LINKEDIN)
    batch = ImportBatch.objects.get(owner=seeker)
    client.force_login(stranger)
    assert client.post(reverse("people:importbatch_commit", args=[batch.pk])).status_code == 404
    assert not Contact.objects.exists()


def test_every_sample_file_previews(seeker_client, seeker):
    for sample in sorted(SAMPLES.iterdir()):
        if sample.name.startswith(("generic", "malformed")) or sample.suffix not in (
            ".csv",
            ".vcf",
        ):
            continue
        _upload(seeker_client, sample.name, sample.read_bytes())
        batch = ImportBatch.objects.filter(owner=seeker).latest("pk")
        page = seeker_client.get(batch.get_absolute_url())
        assert page.status_code == 200
        assert "new contact" in page.content.decode(), sample.name
