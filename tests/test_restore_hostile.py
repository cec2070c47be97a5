"""Restore and backup against files made to hurt: crafted values, ZIP bombs, a full disk, and
the work folders a killed command leaves.

Every refusal is one sentence naming what is wrong, and leaves the database and the upload
folder as they were. Runs on SQLite and on PostgreSQL (DATABASE_URL); the command-line tests
run `coffeechat` in a fresh SQLite data folder either way.
"""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from coffeechat.exports import backup
from coffeechat.exports.backup import (
    MAX_ZIP_MEMBERS,
    RESTORE_WORK_PREFIX,
    make_backup,
    remove_stale_work_folders,
    restore_file,
)
from coffeechat.exports.backup_commands import disk_error
from coffeechat.exports.json_export import COLLECTIONS, dumps, export_json
from coffeechat.exports.restore import RestoreError, parse_document, restore_document
from coffeechat.people.models import Contact
from coffeechat.prepare import documents
from tests.factories import make_contact_address, make_document, make_one_of_everything, make_user
from tests.test_backup_command import PDF, _seeded
from tests.test_cli import assert_one_clear_sentence, command_env, run

ROW = r"row 1 \(id \d+\)"


# A real export to tamper with ----------------------------------------------------------------


@pytest.fixture
def export_text(db) -> bytes:
    user = make_user("hostile", email="hostile@example.com")
    rows = make_one_of_everything(user, "Ada")
    contact = rows[Contact]
    make_contact_address(user, contact=contact, kind="email", value="ada@example.org")
    make_document(user, data=PDF, name="resume.pdf")
    text = dumps(export_json(user)).encode("utf-8")
    user.delete()
    return text


def _row_counts() -> dict[str, int]:
    counts = {name: model.objects.count() for name, model in COLLECTIONS}
    counts["users"] = get_user_model().objects.count()
    return counts


def _uploads() -> set[str]:
    folder = documents.path("x").parent
    return {p.name for p in folder.iterdir()}


def _work_folders() -> list[Path]:
    return [p for p in Path(django_settings.DATA_DIR).iterdir() if p.name.startswith(".restore-")]


def _mutated(text: bytes, change) -> bytes:
    data = json.loads(text)
    change(data)
    return json.dumps(data).encode("utf-8")


def _first(collection: str, **values):
    def change(data):
        data[collection][0].update(values)

    return change


def _address(kind: str, value: str):
    def change(data):
        row = next(r for r in data["contact_addresses"] if r["kind"] == kind)
        row["value"] = value
        data["contact_addresses"].remove(row)
        data["contact_addresses"].insert(0, row)

    return change


CRAFTED = [
    (
        "javascript-url",
        _first("contacts", linkedin_url="javascript:alert(document.cookie)"),
        rf"^contacts {ROW}: linkedin_url is not a web address \(http or https\): "
        r"'javascript:alert\(document\.cookie\)'\.$",
    ),
    (
        "data-url-link",
        _address("link", "data:text/html,<script>alert(1)</script>"),
        rf"^contact_addresses {ROW}: value is not a web address \(http or https\)",
    ),
    (
        "javascript-website",
        _first("organizations", website="JavaScript://example.com/%0aalert(1)"),
        rf"^organizations {ROW}: website is not a web address \(http or https\)",
    ),
    (
        "ftp-job-lead",
        lambda d: d["job_leads"][0].update(url="ftp://example.com/job"),
        rf"^job_leads {ROW}: url is not a web address \(http or https\)",
    ),
    (
        "bad-email",
        _first("contacts", email="ada at example dot com"),
        rf"^contacts {ROW}: email is not an email address: 'ada at example dot com'\.$",
    ),
    (
        "bad-email-address-row",
        _address("email", "ada@"),
        rf"^contact_addresses {ROW}: value is not an email address: 'ada@'\.$",
    ),
    (
        "unknown-zone",
        _first("conversations", time_zone="Mars/Olympus_Mons"),
        rf"^conversations {ROW}: time_zone is not a known time zone: 'Mars/Olympus_Mons'\.$",
    ),
    (
        "unknown-profile-zone",
        lambda d: d["profile"].update(time_zone="../../etc/passwd"),
        r"^profile: time_zone is not a known time zone: '\.\./\.\./etc/passwd'\.$",
    ),
    (
        "not-a-choice",
        _first("messages", status="exploded"),
        rf"^messages {ROW}: status is 'exploded', which is not one of its choices "
        r"\(draft, sent, received\)\.$",
    ),
    (
        "not-an-integer-choice",
        _first("organizations", motivation=7),
        rf"^organizations {ROW}: motivation is 7, which is not one of its choices \(0, 1, 2, 3\)",
    ),
    (
        "over-long",
        _first("tags", name="x" * 61),
        rf"^tags {ROW}: name is 61 characters long, more than the 60 it can hold\.$",
    ),
    (
        "nul-byte",
        _first("contacts", notes="before\x00after"),
        rf"^contacts {ROW}: notes contains a NUL character, which text cannot hold\.$",
    ),
    (
        "crlf-in-email",
        _first("contacts", email="ada@example.com\r\nBcc: all@example.com"),
        rf"^contacts {ROW}: email contains a line break, which this one-line field cannot hold",
    ),
    (
        "crlf-in-file-name",
        _first("documents", original_name="resume.pdf\r\nContent-Type: text/html"),
        rf"^documents {ROW}: original_name contains a line break",
    ),
    (
        "lf-in-phone",
        _first("contacts", phone="555 0100\nTEL:900"),
        rf"^contacts {ROW}: phone contains a line break",
    ),
    (
        "non-integer-id",
        _first("contacts", id="7"),
        r"^A row of “contacts” has no integer id\.$",
    ),
    (
        "huge-id",
        _first("tags", id=2**80),
        r"^tags row 1 \(id 1208925819614629174706176\): id is 1208925819614629174706176, beyond",
    ),
    (
        "non-integer-reference",
        _first("interactions", contact_id="1"),
        rf"^interactions {ROW}: contact_id is not a row id: '1'\.$",
    ),
    (
        "text-for-a-number",
        _first("conversations", agreed_minutes="30"),
        rf"^conversations {ROW}: agreed_minutes has a value of the wrong kind: '30' is not a "
        r"whole number\.$",
    ),
    (
        "text-for-a-flag",
        _first("contacts", do_not_contact="yes"),
        rf"^contacts {ROW}: do_not_contact has a value of the wrong kind: 'yes' is not true or",
    ),
    (
        "unparsable-date",
        _first("contacts", connected_on="31/12/2026"),
        rf"^contacts {ROW}: connected_on has a value of the wrong kind: '31/12/2026' is not a date",
    ),
    (
        "out-of-range",
        _first("career_fields", fit_interest=99),
        rf"^career_fields {ROW}: fit_interest is 99, beyond 5, the largest value it takes\.$",
    ),
    (
        "account-email",
        lambda d: d["user"].update(email="a@example.com\nBcc: b@example.com"),
        r"^the account: email contains a line break",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "sentence"), [c[1:] for c in CRAFTED], ids=[c[0] for c in CRAFTED]
)
def test_a_crafted_value_refuses_the_whole_file_and_writes_nothing(export_text, change, sentence):
    target = get_user_model().objects.create_user("target")
    counts, uploads = _row_counts(), _uploads()

    with pytest.raises(RestoreError) as refused:
        restore_document(parse_document(_mutated(export_text, change)), target)

    message = str(refused.value)
    assert re.search(sentence, message), message
    assert message.count(". ") == 0 and "\n" not in message  # one sentence, one line
    assert _row_counts() == counts
    assert _uploads() == uploads


@pytest.mark.django_db
def test_the_untampered_export_restores(export_text):
    """The table above fails for the reason it names, not because the file was bad already."""
    target = get_user_model().objects.create_user("target")
    summary = restore_document(parse_document(export_text), target)
    assert summary.counts["contacts"] == 1 and summary.files == 2


@pytest.mark.django_db
def test_the_command_refuses_a_crafted_export_with_its_sentence(export_text, tmp_path):
    crafted = tmp_path / "crafted.json"
    crafted.write_bytes(_mutated(export_text, _first("contacts", linkedin_url="javascript:x()")))
    fresh = tmp_path / "fresh"

    result = run(fresh, "restore", str(crafted), cwd=tmp_path)

    assert_one_clear_sentence(result, "linkedin_url is not a web address (http or https)")
    assert result.returncode == 2
    exported = run(fresh, "export", "json")
    assert json.loads(exported.stdout)["contacts"] == []


# ZIP bombs and other oversized files ---------------------------------------------------------


def _manifest(kind: str = "json") -> bytes:
    return json.dumps({"format": "coffeechat-backup", "version": 1, "database": kind}).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return buffer.getvalue()


def _state_size(archive: bytes, name: str, size: int) -> bytes:
    """The ZIP with the unpacked size its central directory states for `name` changed: what a
    hand-made bomb does, since zipfile trusts that record."""
    data = bytearray(archive)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + name_length] == name.encode():
            data[at + 24 : at + 28] = struct.pack("<I", size)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} is not in the archive")


def _zeros(size: int) -> bytes:
    return b"\0" * size


GIB = 1024**3


def _many_members(count: int) -> bytes:
    """The manifest and `count` empty files: a ZIP whose listing alone is the attack."""
    return _zip({"manifest.json": _manifest()} | {f"x/{i}": b"" for i in range(count)})


def _too_much_together() -> bytes:
    """Fourteen exports stating 150 MB each: each within its limit, together over it."""
    names = [f"accounts/{i}.json" for i in range(14)]
    archive = _zip({"manifest.json": _manifest(), **dict.fromkeys(names, b"{}")})
    for name in names:
        archive = _state_size(archive, name, 150 * 1024**2)
    return archive


BOMBS = [
    (
        "states-small-unpacks-big",
        lambda: _state_size(
            _zip({"manifest.json": _manifest(), "accounts/1.json": _zeros(100 * 1024**2)}),
            "accounts/1.json",
            1000,
        ),
        "The ZIP file is damaged: “accounts/1.json” in it does not unpack cleanly.",
    ),
    (
        "states-huge-export",
        lambda: _state_size(
            _zip({"manifest.json": _manifest(), "accounts/1.json": b"{}"}),
            "accounts/1.json",
            3 * GIB,
        ),
        "The ZIP file's “accounts/1.json” would unpack to 3072 MB; a backup's account export "
        "can be at most 200 MB.",
    ),
    (
        "states-huge-database",
        lambda: _state_size(
            _zip({"manifest.json": _manifest("sqlite"), "coffeechat.sqlite3": b"x"}),
            "coffeechat.sqlite3",
            int(1.5 * GIB),
        ),
        "The ZIP file's “coffeechat.sqlite3” would unpack to 1536 MB; a backup's database can "
        "be at most 1024 MB.",
    ),
    (
        "huge-manifest",
        lambda: _zip({"manifest.json": _zeros(2 * 1024**2)}),
        "The ZIP file's “manifest.json” would unpack to 2 MB; a backup's manifest can be at "
        "most 1 MB.",
    ),
    (
        "document-over-the-upload-limit",
        lambda: _zip({"manifest.json": _manifest("sqlite"), "documents/a.pdf": _zeros(11 * 2**20)}),
        "The ZIP file's “documents/a.pdf” would unpack to 11 MB; a backup's document file can "
        "be at most 10 MB.",
    ),
    (
        "too-much-together",
        _too_much_together,
        "The ZIP file would unpack to 2100.1 MB; a backup can unpack to at most 2048 MB.",
    ),
    (
        "too-many-members",
        lambda: _zip(
            {"manifest.json": _manifest()} | {f"x/{i}": b"" for i in range(MAX_ZIP_MEMBERS)}
        ),
        f"The ZIP file holds {MAX_ZIP_MEMBERS + 1} files; a coffeechat backup holds at most "
        f"{MAX_ZIP_MEMBERS}, so it is damaged or no backup.",
    ),
    (
        "too-many-members-zip64",
        lambda: _many_members(70_000),  # past 65,535 the count sits in a ZIP64 record
        "The ZIP file holds 70001 files; a coffeechat backup holds at most",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make", "sentence"), [b[1:] for b in BOMBS], ids=[b[0] for b in BOMBS])
def test_a_zip_bomb_is_refused_unread_in_one_sentence(make, sentence, tmp_path, settings):
    settings.LOCAL_MODE = False
    archive = tmp_path / "backup.zip"
    archive.write_bytes(make())
    counts, uploads = _row_counts(), _uploads()

    tracemalloc.start()
    try:
        with pytest.raises(RestoreError) as refused:
            restore_file(archive)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert str(refused.value).startswith(sentence), str(refused.value)
    assert peak < 64 * 1024**2  # the stated gigabytes were never unpacked into memory
    assert _row_counts() == counts
    assert _uploads() == uploads
    assert _work_folders() == []


@pytest.mark.django_db
def test_an_export_larger_than_the_limit_is_refused_unread(tmp_path):
    big = tmp_path / "export.json"
    with big.open("wb") as handle:
        handle.truncate(backup.MAX_EXPORT_BYTES + 1024**2)  # sparse: no disk used
    with pytest.raises(RestoreError, match=r"^The file is 201 MB; a coffeechat export can be at"):
        restore_file(big)


# A crafted SQLite snapshot -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    return _seeded(tmp_path_factory.mktemp("hostile") / "original")


def _with_snapshot_changed(archive: Path, statement: str, out: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        members = {name: zipped.read(name) for name in zipped.namelist()}
    snapshot = out.parent / "snapshot.sqlite3"
    snapshot.write_bytes(members["coffeechat.sqlite3"])
    with sqlite3.connect(snapshot) as database:
        database.execute(statement)
    members["coffeechat.sqlite3"] = snapshot.read_bytes()
    out.write_bytes(_zip(members))
    return out


@pytest.mark.parametrize(
    ("statement", "phrase"),
    [
        (
            "UPDATE people_contact SET linkedin_url = 'javascript:alert(1)'",
            "linkedin_url is not a web address (http or https): 'javascript:alert(1)'.",
        ),
        (
            "UPDATE conversations_conversation SET time_zone = 'Nowhere/Land'",
            "time_zone is not a known time zone: 'Nowhere/Land'.",
        ),
    ],
    ids=["javascript-url", "unknown-zone"],
)
def test_a_crafted_snapshot_is_refused_before_it_replaces_anything(
    seeded, tmp_path, statement, phrase
):
    made = tmp_path / "backup.zip"
    assert run(seeded, "backup", str(made)).returncode == 0
    crafted = _with_snapshot_changed(made, statement, tmp_path / "crafted.zip")
    fresh = tmp_path / "fresh"

    result = run(fresh, "restore", str(crafted), cwd=tmp_path)

    assert_one_clear_sentence(result, phrase)
    assert json.loads(run(fresh, "export", "json").stdout)["contacts"] == []
    assert not [p for p in fresh.iterdir() if p.name.startswith(".restore-")]
    uploads = fresh / "uploads" / "documents"
    assert not uploads.exists() or list(uploads.iterdir()) == []


# A full disk ---------------------------------------------------------------------------------

# The operating system's answer when the disk fills up, at the lowest write the standard
# library makes for the given step; coffeechat's own code and the database run unchanged.
DISK_FULL = """
import errno, os, shutil, sys
def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
{patch}
from coffeechat.cli import main
sys.argv = ["coffeechat", *sys.argv[1:]]
main()
"""


def _run_on_a_full_disk(data_dir: Path, patch: str, *args: str, cwd: Path):
    return subprocess.run(
        [sys.executable, "-c", DISK_FULL.format(patch=patch), *args],
        env={**command_env(data_dir), "PYTHONPATH": str(Path(__file__).parent.parent)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_backup_onto_a_full_disk_says_so_and_leaves_no_partial_file(seeded, tmp_path):
    archive = tmp_path / "backup.zip"
    # zipfile copies the snapshot into the archive with shutil.copyfileobj: the disk fills
    # after the first bytes are written.
    patch = (
        "real = shutil.copyfileobj\n"
        "def copy(source, target, length=0):\n"
        "    target.write(source.read(4096))\n"
        "    full()\n"
        "shutil.copyfileobj = copy\n"
    )

    result = _run_on_a_full_disk(seeded, patch, "backup", str(archive), cwd=tmp_path)

    assert_one_clear_sentence(result, f"Could not write {archive}", "the disk is full.")
    assert result.returncode == 4
    assert list(tmp_path.iterdir()) == []  # neither the backup nor its work folder


def test_restore_onto_a_full_disk_says_so_and_writes_nothing(seeded, tmp_path):
    exported = tmp_path / "export.json"
    assert run(seeded, "export", "json", "-o", str(exported)).returncode == 0
    fresh = tmp_path / "fresh"
    made = run(fresh, "export", "json", cwd=tmp_path)  # the data folder, its key, its database
    assert made.returncode == 0, made.stderr
    # The restored documents are written through lib.atomic_file, which syncs each to disk.
    result = _run_on_a_full_disk(
        fresh, "os.fsync = lambda fd: full()", "restore", str(exported), cwd=tmp_path
    )

    assert_one_clear_sentence(result, "nothing was restored: the disk is full.")
    assert result.returncode == 4
    assert json.loads(run(fresh, "export", "json").stdout)["contacts"] == []
    uploads = fresh / "uploads" / "documents"
    assert not uploads.exists() or list(uploads.iterdir()) == []


@pytest.mark.django_db
def test_a_json_backup_that_fills_the_disk_leaves_nothing(tmp_path, monkeypatch):
    """The same on the suite's database (PostgreSQL writes the JSON kind)."""
    owner = make_user("full")
    make_one_of_everything(owner, "Disk")
    archive = tmp_path / "server.zip"
    real = zipfile.ZipFile.writestr

    def writestr(self, name, data, *args, **kwargs):
        real(self, name, data[:100], *args, **kwargs)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)

    with pytest.raises(OSError) as failed:
        make_backup(archive, kind="json")

    assert failed.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "words", "exit_code"),
    [
        (errno.ENOSPC, "the disk is full", 4),
        (errno.EDQUOT, "the disk quota is used up", 4),
        (errno.EROFS, "the disk is read-only", 4),
        (errno.EACCES, "permission was denied", 2),
    ],
)
def test_each_disk_failure_is_one_sentence(code, words, exit_code):
    error = disk_error(OSError(code, os.strerror(code)), "Could not write x.zip")
    assert error.message == f"Could not write x.zip: {words}."
    assert error.exit_code == exit_code


# Work folders a killed command left ----------------------------------------------------------


def _aged(path: Path, seconds: float) -> Path:
    moment = time.time() - seconds  # the suite's frozen clock, as the function reads it
    os.utime(path, (moment, moment), follow_symlinks=False)
    return path


def _touched(path: Path) -> Path:
    path.write_bytes(b"half of a document")
    return path


def test_stale_work_folders_go_and_fresh_or_busy_ones_stay(tmp_path):
    def folder(name: str, *, marker: bool = False) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "coffeechat.sqlite3").write_bytes(b"a copy of the database")
        if marker:
            (path / ".in-use").touch()
        return path

    killed_restore = _aged(folder(".restore-killed"), 2 * 3600)
    killed_backup = _aged(folder(".coffeechat-backup-killed", marker=True), 120)
    old_version = _aged(folder(".restore-older"), 30 * 60)  # no lock to ask, under an hour
    just_made = _aged(folder(".restore-just-made", marker=True), 10)
    someone_elses = _aged(folder("restore-notes"), 3 * 3600)
    documents_folder = tmp_path / "uploads" / "documents"
    documents_folder.mkdir(parents=True)
    left_temp = _aged(_touched(documents_folder / ".abc.pdf.k3j4h5g6.tmp"), 2 * 3600)
    fresh_temp = _aged(_touched(documents_folder / ".abd.pdf.a1b2c3d4.tmp"), 60)
    not_ours = _aged(_touched(documents_folder / ".notes.tmp"), 2 * 3600)
    link = tmp_path / ".restore-link"
    link.symlink_to(someone_elses)
    _aged(link, 3 * 3600)

    busy = folder(".restore-busy", marker=True)
    with (busy / ".in-use").open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # a restore running in another process
        _aged(busy, 5 * 3600)
        removed = remove_stale_work_folders(tmp_path)
        assert busy.exists()

    assert sorted(removed) == sorted([killed_restore, killed_backup, left_temp])
    for kept in (old_version, just_made, someone_elses, fresh_temp, not_ours, link):
        assert kept.exists() or kept.is_symlink(), kept
    # Once its command has ended, the busy folder is stale too; then nothing is left to do.
    assert remove_stale_work_folders(tmp_path) == [busy]
    assert remove_stale_work_folders(tmp_path) == []


def test_a_work_folder_in_use_by_this_process_is_kept(tmp_path):
    with backup._work_folder(tmp_path, RESTORE_WORK_PREFIX) as work:
        _aged(work, 5 * 3600)
        assert remove_stale_work_folders(tmp_path) == []
        assert work.exists()
    assert list(tmp_path.iterdir()) == []


def test_cleaning_a_missing_data_folder_does_nothing(tmp_path):
    assert remove_stale_work_folders(tmp_path / "not-there") == []
