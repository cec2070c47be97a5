"""`coffeechat backup` and `coffeechat restore`, run as a user runs them, plus the JSON backup
of a server's accounts on whichever database the suite uses."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from coffeechat.exports.backup import make_backup, restore_file
from coffeechat.exports.json_export import dumps, export_json
from coffeechat.exports.restore import RestoreError
from coffeechat.people.models import Contact
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document
from tests.factories import make_document, make_one_of_everything, make_user
from tests.test_cli import GARBAGE, assert_one_clear_sentence, run

PDF = b"%PDF-1.7\n% a resume with bytes \x00\x01\xff that are not text\n%%EOF\n"

SEED = f"""
from coffeechat.core.cli_support import migrate, setup_django
setup_django(); migrate()
from coffeechat.accounts.local import ensure_owner
from tests.factories import make_document, make_one_of_everything
owner = ensure_owner()
make_one_of_everything(owner, 'Zoë "=SUM(A1)" Ñ\\nline')
make_document(owner, data={PDF!r}, name="resume.pdf", title="Résumé — analyst")
"""


def _seeded(folder: Path) -> Path:
    import subprocess
    import sys

    from tests.test_cli import command_env

    folder.mkdir()
    subprocess.run(
        [sys.executable, "-c", SEED],
        env={**command_env(folder), "PYTHONPATH": str(Path(__file__).parent.parent)},
        check=True,
        timeout=60,
    )
    return folder


def _export(folder: Path) -> str:
    result = run(folder, "export", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    data.pop("exported_at")
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    return _seeded(tmp_path_factory.mktemp("cli") / "original")


def test_backup_then_restore_into_a_fresh_data_folder_gives_the_same_export(original, tmp_path):
    archive = tmp_path / "backup.zip"
    made = run(original, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert "(SQLite snapshot, 2 document files)" in made.stderr
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert json.loads(zipped.read("manifest.json"))["database"] == "sqlite"
        snapshot = tmp_path / "snapshot.sqlite3"
        snapshot.write_bytes(zipped.read("coffeechat.sqlite3"))
    assert sum(name.startswith("documents/") for name in names) == 2
    with sqlite3.connect(snapshot) as database:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    fresh = tmp_path / "fresh"
    restored = run(fresh, "restore", str(archive), cwd=tmp_path)

    assert restored.returncode == 0, restored.stderr
    assert "Restored the database and 2 document files from" in restored.stderr
    assert _export(fresh) == _export(original)
    assert "Résumé — analyst" in _export(fresh)


def test_json_export_restores_into_a_fresh_data_folder_byte_for_byte(original, tmp_path):
    exported = tmp_path / "export.json"
    assert run(original, "export", "json", "-o", str(exported)).returncode == 0
    fresh = tmp_path / "fresh"

    restored = run(fresh, "restore", str(exported), cwd=tmp_path)

    assert restored.returncode == 0, restored.stderr
    assert re.search(r"Restored \d+ rows and 2 document files into the account", restored.stderr)
    again = tmp_path / "again.json"
    assert run(fresh, "export", "json", "-o", str(again)).returncode == 0
    strip = lambda text: [line for line in text.splitlines() if '"exported_at"' not in line]  # noqa: E731
    assert strip(again.read_text("utf-8")) == strip(exported.read_text("utf-8"))


def test_restore_refuses_a_database_that_holds_data(original, tmp_path):
    archive = tmp_path / "backup.zip"
    assert run(original, "backup", str(archive)).returncode == 0
    before = _export(original)

    result = run(original, "restore", str(archive))

    assert_one_clear_sentence(result, "already holds data")
    assert _export(original) == before


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (GARBAGE, "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"format": "coffeechat-export", "version": 9}', "update coffeechat"),
        (b"PK\x03\x04 a broken zip", "not valid JSON"),
    ],
    ids=["notes", "empty", "newer", "broken-zip"],
)
def test_a_bad_file_gets_one_sentence_and_leaves_the_folder_empty(tmp_path, content, phrase):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    fresh = tmp_path / "fresh"

    result = run(fresh, "restore", str(bad), cwd=tmp_path)

    assert_one_clear_sentence(result, phrase)
    assert json.loads(_export(fresh))["contacts"] == []


def test_a_zip_that_is_no_backup_is_refused(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("holiday.jpg", b"\xff\xd8\xff")
    result = run(tmp_path / "fresh", "restore", str(archive), cwd=tmp_path)
    assert_one_clear_sentence(result, "no coffeechat backup")


def test_backup_will_not_overwrite_without_force(original, tmp_path):
    archive = tmp_path / "backup.zip"
    archive.write_bytes(b"an older backup")
    result = run(original, "backup", str(archive))
    assert_one_clear_sentence(result, "already exists")
    assert archive.read_bytes() == b"an older backup"
    assert run(original, "backup", str(archive), "--force").returncode == 0
    assert zipfile.is_zipfile(archive)


def test_backup_names_its_file_after_the_day(original, tmp_path):
    result = run(original, "backup", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (made,) = tmp_path.glob("coffeechat-backup-*.zip")
    assert len(made.stem) == len("coffeechat-backup-2026-11-22")


# The server's JSON backup, on the suite's own database ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_json_backup_of_every_account_restores_into_an_empty_database(tmp_path, settings):
    settings.LOCAL_MODE = False
    alice, bob = make_user("alice", email="a@example.com"), make_user("bob")
    make_one_of_everything(alice, "Alice's")
    make_one_of_everything(bob, "Bob's")
    make_document(bob, data=PDF)
    before = {user.username: dumps(export_json(user, exported_at=None)) for user in (alice, bob)}
    archive = tmp_path / "server.zip"

    summary = make_backup(archive, kind="json")
    assert (summary.accounts, summary.files) == (2, 3)
    for user in (alice, bob):
        user.delete()

    result = restore_file(archive)

    assert [account.username for account in result.accounts] == ["alice", "bob"]
    from django.contrib.auth import get_user_model

    for name, text in before.items():
        user = get_user_model().objects.get(username=name)
        assert _without_time(dumps(export_json(user))) == _without_time(text)
        assert not user.has_usable_password()  # the administrator sets a password
    bob_file = Document.objects.get(owner__username="bob", sha256=documents.digest(PDF))
    assert documents.read(bob_file.stored_name) == PDF


@pytest.mark.django_db(transaction=True)
def test_json_backup_restore_refuses_when_an_account_holds_data(tmp_path, settings):
    settings.LOCAL_MODE = False
    alice = make_user("alice")
    make_one_of_everything(alice, "Alice's")
    archive = tmp_path / "server.zip"
    make_backup(archive, kind="json")

    with pytest.raises(RestoreError, match="already holds data"):
        restore_file(archive)
    assert Contact.objects.filter(owner=alice).count() == 1


def _without_time(text: str) -> list[str]:
    return [line for line in text.splitlines() if '"exported_at"' not in line]
