"""The same import twice at once, as people start it: two `coffeechat import` runs side by side,
or two uploads confirmed at the same moment. Each person is written once, on SQLite and on
PostgreSQL; the run that finished second says why it wrote nothing new."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import uuid

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from coffeechat.people import import_tasks
from coffeechat.people.models import Contact, ImportBatch
from coffeechat.research.models import Organization
from tests.test_cli import command_env, run
from tests.test_import_command import command, count, load_datasets, query

ROWS = 4_000
DUPLICATE_ORGANIZATIONS = (
    "SELECT normalized_name FROM research_organization GROUP BY owner_id, normalized_name "
    "HAVING COUNT(*) > 1"
)
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture(scope="module")
def connections_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("race") / "Connections.csv"
    path.write_bytes(load_datasets().linkedin_csv(ROWS))
    return path


@contextlib.contextmanager
def _postgres_database():
    """A database of its own for the two command runs, dropped afterwards."""
    base = os.environ["DATABASE_URL"]
    name = f"coffeechat_race_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _contacts_in(url: str) -> tuple[int, list]:
    with psycopg.connect(url) as conn:
        contacts = conn.execute("SELECT COUNT(*) FROM people_contact").fetchone()[0]
        duplicates = conn.execute(DUPLICATE_ORGANIZATIONS).fetchall()
    return contacts, duplicates


def _two_at_once(env: dict, data_dir, csv_path) -> list[subprocess.CompletedProcess]:
    procs = [
        subprocess.Popen(
            command("import", str(csv_path)),
            env=env,
            cwd=data_dir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _assert_each_person_once(results, contacts: int) -> None:
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert contacts == ROWS
    created = sorted(int(r.stdout.split("Created ")[1].split(",")[0]) for r in results)
    assert created == [0, ROWS]
    second = next(r for r in results if "Created 0," in r.stdout)
    # It either waited and matched again, or started after the first had finished.
    assert "matched again" in second.stdout or f"unchanged {ROWS}" in second.stdout


def test_two_command_imports_at_once_write_each_person_once_on_sqlite(tmp_path, connections_csv):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    assert run(data_dir, "manage", "migrate").returncode == 0
    env = command_env(data_dir)
    env.pop("DATABASE_URL", None)
    results = _two_at_once(env, data_dir, connections_csv)
    _assert_each_person_once(results, count(data_dir, "people_contact"))
    assert query(data_dir, DUPLICATE_ORGANIZATIONS) == []


@pytest.mark.skipif(not POSTGRES, reason="runs in the PostgreSQL pass of the suite")
def test_two_command_imports_at_once_write_each_person_once_on_postgresql(
    tmp_path, connections_csv
):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with _postgres_database() as url:
        env = command_env(data_dir) | {"DATABASE_URL": url}
        migrated = subprocess.run(
            command("manage", "migrate"), env=env, capture_output=True, text=True, check=False
        )
        assert migrated.returncode == 0, migrated.stderr
        results = _two_at_once(env, data_dir, connections_csv)
        contacts, duplicates = _contacts_in(url)
    _assert_each_person_once(results, contacts)
    assert duplicates == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite admits one writing transaction at a time (BEGIN IMMEDIATE) by design",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "rows", [import_tasks.BACKGROUND_ROWS // 2, ROWS], ids=["while the page waits", "by workers"]
)
def test_two_uploads_confirmed_at_once_write_each_person_once(seeker, rows):
    data = load_datasets().linkedin_csv(rows)
    clients = []
    for number in range(2):
        client = Client()
        client.force_login(seeker)
        upload = SimpleUploadedFile(f"c{number}.csv", data, content_type="text/csv")
        client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
        clients.append(client)
    batches = list(ImportBatch.objects.filter(owner=seeker).order_by("pk"))
    assert len(batches) == 2
    start = threading.Barrier(2)
    answers: list = [None, None]

    def confirm(index: int) -> None:
        try:
            start.wait()
            url = reverse("people:importbatch_commit", args=[batches[index].pk])
            answers[index] = clients[index].post(url, {"source": "cold"}, follow=True)
            # A large file was queued: two workers run the two imports at the same moment.
            import_tasks.import_batch.call(batches[index].pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert all(answer is not None and answer.status_code == 200 for answer in answers)
    assert Contact.objects.filter(owner=seeker).count() == rows
    names = Organization.objects.filter(owner=seeker).values_list("normalized_name", flat=True)
    assert len(names) == len(set(names))
    statuses = set(ImportBatch.objects.filter(owner=seeker).values_list("status", flat=True))
    assert statuses == {ImportBatch.Status.IMPORTED}
