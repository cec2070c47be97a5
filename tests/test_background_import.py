"""Large imports run in the background: the page that confirms one answers at once and shows
progress, and the worker (`coffeechat worker`, started by `serve`) writes it."""

from __future__ import annotations

import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.people import import_tasks
from coffeechat.people.models import Contact, ImportBatch
from tests.factories import make_contact
from tests.test_cli import command_env, run
from tests.test_import_command import command, count, load_datasets

ROWS = import_tasks.BACKGROUND_ROWS + 500


def _upload(client, rows: int) -> ImportBatch:
    data = load_datasets().linkedin_csv(rows)
    upload = SimpleUploadedFile("Connections.csv", data, content_type="text/csv")
    client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    return ImportBatch.objects.latest("pk")


def test_a_large_import_is_queued_and_its_page_shows_progress(seeker_client, seeker):
    batch = _upload(seeker_client, ROWS)
    assert import_tasks.reads_in_background(batch)
    seeker_client.get(batch.get_absolute_url())  # the worker reads it and works out the preview
    import_tasks.read_batch.call(batch.pk)
    url = reverse("people:importbatch_commit", args=[batch.pk])
    response = seeker_client.post(url, {"source": "cold"}, follow=True)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED
    assert (batch.total, batch.source) == (ROWS, "cold")
    page = response.content.decode()
    assert f"Matching {ROWS} rows" in page
    assert 'http-equiv="refresh"' in page
    assert not Contact.objects.filter(owner=seeker).exists()

    # A second click while it waits changes nothing.
    seeker_client.post(url, {"source": "alumni"})
    batch.refresh_from_db()
    assert (batch.status, batch.source) == (ImportBatch.Status.QUEUED, "cold")

    summary = import_tasks.import_batch.call(batch.pk)  # what the worker does
    assert summary["created"] == ROWS
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Contact.objects.filter(owner=seeker, source="cold").count() == ROWS
    done = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert f"<strong>{ROWS}</strong> created" in done
    assert "http-equiv" not in done


def test_a_small_import_is_written_while_the_page_waits(seeker_client, seeker):
    batch = _upload(seeker_client, 50)
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Contact.objects.filter(owner=seeker).count() == 50


def test_a_background_import_that_fails_waits_again_with_the_reason(seeker_client, seeker):
    batch = _upload(seeker_client, ROWS)
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    from coffeechat.people import import_files

    import_files.discard(batch.stored_name)  # the file went missing meanwhile
    import_tasks.import_batch.call(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "no longer there" in page
    assert not Contact.objects.filter(owner=seeker).exists()


def test_a_queued_import_nobody_runs_says_what_has_to_run(seeker_client, seeker, frozen_clock):
    batch = _upload(seeker_client, ROWS)
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    frozen_clock.shift(120)
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "has not started it yet" in page
    assert "coffeechat serve" in page


QUEUE_ONE = """
from django.contrib.auth import get_user_model
from coffeechat.people import import_files, import_tasks
from coffeechat.people.models import ImportBatch
user = get_user_model().objects.create(username="ada")
data = open("Connections.csv", "rb").read()
batch = ImportBatch.objects.create(owner=user, original_name="Connections.csv",
    stored_name=import_files.store(data, "Connections.csv"), size=len(data), format="linkedin")
import_tasks.queue(batch, "cold", {rows})
"""


def test_the_worker_command_runs_a_queued_import(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "Connections.csv").write_bytes(load_datasets().linkedin_csv(ROWS))
    assert run(data_dir, "manage", "migrate").returncode == 0
    queued = run(data_dir, "manage", "shell", "-c", QUEUE_ONE.format(rows=ROWS))
    assert queued.returncode == 0, queued.stderr
    assert count(data_dir, "people_contact") == 0
    worked = subprocess.run(
        command("worker", "--once"),
        env=command_env(data_dir),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert worked.returncode == 0, worked.stderr
    assert "Traceback" not in worked.stderr
    assert count(data_dir, "people_contact") == ROWS
    status = run(
        data_dir,
        "manage",
        "shell",
        "-c",
        "from coffeechat.people.models import ImportBatch; print(ImportBatch.objects.get().status)",
    )
    assert status.stdout.strip().splitlines()[-1] == "imported"


def _vcard_file(cards: int) -> bytes:
    lines = []
    for number in range(cards):
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:Person{number};Ada;;;",
            f"FN:Ada Person{number}",
            f"EMAIL;TYPE=work:ada{number}@example.com",
            "NOTE:" + "Met at the alumni evening; asked about analytics roles. " * 3,
            "END:VCARD",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_large_vcard_file_is_read_in_the_background_once(seeker_client, seeker):
    data = _vcard_file(1_500)
    assert len(data) > import_tasks.READ_IN_BACKGROUND_BYTES
    upload = SimpleUploadedFile("contacts.vcf", data, content_type="text/vcard")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    waiting = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "Reading this file" in waiting
    seeker_client.get(batch.get_absolute_url())  # a reload asks for no second reading

    import_tasks.read_batch.call(batch.pk)  # what the worker does
    preview = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "<strong>1500</strong> new contacts" in preview
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    batch.refresh_from_db()
    assert (batch.status, batch.total) == (ImportBatch.Status.QUEUED, 1_500)
    import_tasks.import_batch.call(batch.pk)
    assert Contact.objects.filter(owner=seeker).count() == 1_500


def test_a_large_unreadable_vcard_file_says_why_after_reading(seeker_client, seeker):
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN\r\n" + b"NOTE:x\r\n" * 40_000
    upload = SimpleUploadedFile("broken.vcf", data, content_type="text/vcard")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    seeker_client.get(batch.get_absolute_url())
    import_tasks.read_batch.call(batch.pk)
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "Nothing was imported" in page
    assert "begins on line 1 has no END:VCARD" in page


def test_a_large_files_preview_is_worked_out_by_the_worker_until_the_account_changes(
    seeker_client, seeker
):
    batch = _upload(seeker_client, ROWS)
    assert "Reading this file" in seeker_client.get(batch.get_absolute_url()).content.decode()
    import_tasks.read_batch.call(batch.pk)
    for _ in range(2):  # shown again without being worked out again
        preview = seeker_client.get(batch.get_absolute_url()).content.decode()
        assert f"<strong>{ROWS}</strong> new contacts" in preview
        assert "Import contacts" in preview and "Reading this file" not in preview
    make_contact(seeker, first_name="Someone", last_name="New")
    again = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert "Reading this file" in again  # matched again against the changed account
