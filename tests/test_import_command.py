"""`coffeechat import`, run as a person runs it: a subprocess with its own data folder.

Each test gets a data folder of its own; most start from a copy of one migrated database
(as after a first `coffeechat serve`), so the module needs one `migrate`, not one per test.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coffeechat.core.cli_support import EXIT_BAD_INPUT
from coffeechat.people.models import Source
from tests.test_cli import OWNER, command_env, run

REPO = Path(__file__).resolve().parent.parent
DB_NAME = "coffeechat.sqlite3"
SERVER_KEY = "k3Y-" + "x7Q9zR2m" * 7  # 60 characters

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
SMALL_CSV = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n'
    "\r\n"
    f"{HEADER}\r\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.com,Acme,Analyst,"
    "01 Jan 2020\r\n"
    "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Acme,Engineer,02 Feb 2021\r\n"
    'Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,"Navy, Inc.",Admiral,'
    "03 Mar 2022\r\n"
)


# --- helpers ------------------------------------------------------------------------------


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "coffeechat", *args]


def server_env() -> dict[str, str]:
    return {
        "COFFEECHAT_MODE": "server",
        "COFFEECHAT_ALLOWED_HOSTS": "example.edu",
        "COFFEECHAT_SECRET_KEY": SERVER_KEY,
        "COFFEECHAT_HTTPS": "false",
    }


def query(data_dir: Path, sql: str, *params):
    with contextlib.closing(sqlite3.connect(data_dir / DB_NAME, timeout=10)) as conn:
        return conn.execute(sql, params).fetchall()


def count(data_dir: Path, table: str) -> int:
    return query(data_dir, f"SELECT COUNT(*) FROM {table}")[0][0]


def assert_one_clear_sentence(result, *phrases: str) -> None:
    """A failure a person can act on: non-zero exit, one line on stderr, no traceback."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0], result.stderr


def load_datasets():
    spec = importlib.util.spec_from_file_location("bench_datasets", REPO / "bench" / "datasets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A data folder whose database is up to date, as after a first `coffeechat serve`."""
    data_dir = tmp_path_factory.mktemp("migrated")
    result = run(data_dir, "manage", "migrate")
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def data_dir(migrated, tmp_path) -> Path:
    """A private copy of the migrated data folder."""
    target = tmp_path / "data"
    target.mkdir()
    for path in migrated.iterdir():
        if path.name.startswith(DB_NAME) or path.name == "secret_key":
            shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def small_csv(tmp_path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(SMALL_CSV, encoding="utf-8", newline="")
    return path


# --- dry run and idempotence --------------------------------------------------------------


def test_dry_run_says_what_it_would_do_and_writes_nothing(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # In the conditional all along, not "would create 3, updated 0".
    assert "Would create 3, update 0, merge 0; 0 unchanged, 0 skipped" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert count(data_dir, "people_contact") == 0
    assert count(data_dir, "research_organization") == 0


def test_importing_twice_creates_once(data_dir, small_csv):
    first = run(data_dir, "import", str(small_csv))
    assert first.returncode == 0, first.stderr
    assert "Created 3," in first.stdout
    assert "2 new organizations" in first.stdout
    assert "Dry run" not in first.stdout
    assert count(data_dir, "people_contact") == 3

    second = run(data_dir, "import", str(small_csv))
    assert second.returncode == 0, second.stderr
    assert "Created 0," in second.stdout
    assert "unchanged 3" in second.stdout
    assert count(data_dir, "people_contact") == 3
    assert count(data_dir, "research_organization") == 2

    rows = query(
        data_dir,
        "SELECT c.first_name, c.source, o.name, u.username FROM people_contact c "
        "JOIN research_organization o ON o.id = c.organization_id "
        "JOIN auth_user u ON u.id = c.owner_id ORDER BY c.first_name",
    )
    assert rows == [
        ("Ada", Source.LINKEDIN_1ST, "Acme", OWNER),
        ("Alan", Source.LINKEDIN_1ST, "Acme", OWNER),
        ("Grace", Source.LINKEDIN_1ST, "Navy, Inc.", OWNER),
    ]


def test_import_into_a_data_folder_never_used_before(tmp_path, small_csv):
    """A first command may be `import`; the database is brought up to date like `serve` does."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    result = run(fresh, "import", str(small_csv))
    last_line = (result.stderr.strip().splitlines() or [""])[-1]
    assert "Traceback" not in result.stderr + result.stdout, last_line
    assert result.returncode == 0, last_line
    assert "Created 3," in result.stdout
    assert count(fresh, "people_contact") == 3


# --- bad input ----------------------------------------------------------------------------


def test_a_malformed_file_names_the_line_and_writes_nothing(data_dir, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text(
        f"{HEADER}\n"
        "Ada,Lovelace,,ada@example.com,Acme,Analyst,01 Jan 2020\n"
        "Alan,Turing,,alan@example.com,Acme,Engineer,02 Feb 2021\n"
        "Grace,Hopper,,grace@example.com,Navy,Admiral,03 Mar 2022\n"
        '"Edsger,Dijkstra,,edsger@example.com,Burroughs,Fellow,04 Apr 2023\n'
        "Barbara,Liskov,,barbara@example.com,MIT,Professor,05 May 2024\n",
        encoding="utf-8",
    )
    result = run(data_dir, "import", str(bad))
    assert result.returncode == EXIT_BAD_INPUT, result
    assert_one_clear_sentence(result, "broken.csv")
    message = result.stderr.lower()
    assert "line 5" in message, result.stderr
    assert "created" not in result.stdout.lower()
    assert count(data_dir, "people_contact") == 0
    assert count(data_dir, "research_organization") == 0


def test_a_missing_file_is_reported_plainly(data_dir, tmp_path):
    missing = tmp_path / "no-such-export.csv"
    result = run(data_dir, "import", str(missing))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "no-such-export.csv" in result.stderr
    assert "does not exist" in result.stderr
    assert count(data_dir, "people_contact") == 0


def test_the_wrong_format_is_reported_plainly(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--format", "vcard")
    assert_one_clear_sentence(result, "Connections.csv", "vCard")
    assert count(data_dir, "people_contact") == 0


def test_an_unknown_format_name_lists_the_known_ones(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--format", "excel")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for name in ("linkedin", "google", "outlook", "vcard", "csv"):
        assert name in result.stderr


# --- --source -----------------------------------------------------------------------------


def test_source_sets_how_you_know_the_new_people(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--source", "alumni")
    assert result.returncode == 0, result.stderr
    assert "Created 3," in result.stdout
    sources = query(data_dir, "SELECT source, COUNT(*) FROM people_contact GROUP BY source")
    assert sources == [(Source.ALUMNI, 3)]


def test_an_unknown_source_is_refused_with_the_choices(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--source", "nonsense")
    assert_one_clear_sentence(result, "--source")
    for value in Source.values:
        assert value in result.stderr, value
    assert count(data_dir, "people_contact") == 0


# --- server mode --------------------------------------------------------------------------


def test_server_mode_needs_to_know_whose_contacts(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), **server_env())
    assert_one_clear_sentence(result, "--user")
    assert count(data_dir, "people_contact") == 0


def test_server_mode_refuses_an_unknown_account(data_dir, small_csv):
    result = run(data_dir, "import", str(small_csv), "--user", "nobody.here", **server_env())
    assert_one_clear_sentence(result, "nobody.here")
    assert "no active account" in result.stderr.lower() or "no account" in result.stderr.lower()
    assert count(data_dir, "people_contact") == 0


def test_server_mode_imports_for_the_named_account(data_dir, small_csv):
    made = run(
        data_dir,
        "manage",
        "createsuperuser",
        "--noinput",
        "--username",
        "jordan",
        "--email",
        "jordan@example.edu",
        DJANGO_SUPERUSER_PASSWORD="a long and unguessable passphrase",
        **server_env(),
    )
    assert made.returncode == 0, made.stderr
    result = run(data_dir, "import", str(small_csv), "--user", "jordan", **server_env())
    assert result.returncode == 0, result.stderr
    assert "Created 3," in result.stdout
    owners = query(
        data_dir,
        "SELECT DISTINCT u.username FROM people_contact c JOIN auth_user u ON u.id = c.owner_id",
    )
    assert owners == [("jordan",)]


# --- kill -9 in the middle ----------------------------------------------------------------

BIG_ROWS = 30_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "Connections.csv"
    path.write_bytes(load_datasets().linkedin_csv(BIG_ROWS))
    return path


def _wal_size(data_dir: Path) -> int:
    try:
        return (data_dir / f"{DB_NAME}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _start_and_kill(data_dir: Path, big_csv: Path, when: str) -> int | None:
    """Start an import and SIGKILL it: after ~1 s, or once the WAL grows past 1 MB.

    Returns the exit status (negative for a signal), or None if it could not be read."""
    proc = subprocess.Popen(
        command("import", str(big_csv)),
        env=command_env(data_dir),
        cwd=data_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.monotonic()
        deadline = started + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if when == "after 1 s" and time.monotonic() - started >= 1.0:
                break
            if when == "while writing" and _wal_size(data_dir) > 1_000_000:
                break
            time.sleep(0.001 if when == "while writing" else 0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        return proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


@pytest.mark.parametrize("when", ["after 1 s", "while writing"])
def test_a_killed_import_leaves_all_or_nothing_and_can_be_run_again(data_dir, big_csv, when):
    status = _start_and_kill(data_dir, big_csv, when)
    assert status in (-signal.SIGKILL, 0), status

    assert query(data_dir, "PRAGMA integrity_check") == [("ok",)]
    contacts = count(data_dir, "people_contact")
    organizations = count(data_dir, "research_organization")
    assert contacts in (0, BIG_ROWS), f"{contacts} contacts after kill -9"
    # The organizations come from the same transaction: both or neither.
    assert (contacts == 0) == (organizations == 0), (contacts, organizations)
    if when == "after 1 s":
        assert status == -signal.SIGKILL, "the import finished before it could be interrupted"

    again = run(data_dir, "import", str(big_csv), timeout=45)
    assert again.returncode == 0, again.stderr[-2000:]
    assert count(data_dir, "people_contact") == BIG_ROWS
    assert query(data_dir, "PRAGMA integrity_check") == [("ok",)]


# --- any other CSV, with --map --------------------------------------------------------------

OTHER_CSV = 'Nom complet,Courriel,Société\r\nAna Lee,ana@example.com,"Acme, Inc."\r\n'


def test_any_csv_imports_with_map(data_dir, tmp_path):
    path = tmp_path / "carnet.csv"
    path.write_text(OTHER_CSV, encoding="utf-8", newline="")
    result = run(
        data_dir, "import", str(path), "--map", "nom complet=name,Courriel=email,Société=company"
    )
    assert result.returncode == 0, result.stderr
    assert query(
        data_dir,
        "SELECT c.first_name, c.last_name, c.email, o.name FROM people_contact c "
        "JOIN research_organization o ON o.id = c.organization_id",
    ) == [("Ana", "Lee", "ana@example.com", "Acme, Inc.")]


@pytest.mark.parametrize(
    ("given", "phrases"),
    [
        (None, ("no column looks like a name", "--map")),
        ("Nom=name", ('the file has no column "Nom"', "Nom complet, Courriel, Société")),
        ("Nom complet=nom", ('"nom" is not a field', "first_name")),
        ("Courriel=email", ("names no column with a name",)),
        ("Nom complet", ("COLUMN=FIELD",)),
    ],
)
def test_a_map_that_cannot_work_says_why_and_writes_nothing(data_dir, tmp_path, given, phrases):
    path = tmp_path / "carnet.csv"
    path.write_text(OTHER_CSV, encoding="utf-8", newline="")
    args = ["--format", "csv"] if given is None else ["--map", given]
    result = run(data_dir, "import", str(path), *args)
    assert_one_clear_sentence(result, *phrases)
    assert result.returncode == EXIT_BAD_INPUT
    assert count(data_dir, "people_contact") == 0


# --- encodings ------------------------------------------------------------------------------

OUTLOOK_RU = (
    "Имя,Фамилия,Организация,Адрес эл. почты,Телефон переносной\r\n"
    "Иван,Петров,ООО Ромашка,ivan@example.ru,+7 495 555 0101\r\n"
)


def test_a_cyrillic_outlook_file_is_read_as_cyrillic_and_the_guess_is_said(data_dir, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(OUTLOOK_RU.encode("cp1251"))
    result = run(data_dir, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Read as Cyrillic (Windows-1251)" in result.stderr and "--encoding" in result.stderr
    assert query(data_dir, "SELECT first_name, last_name, email, phone FROM people_contact") == [
        ("Иван", "Петров", "ivan@example.ru", "+7 495 555 0101")
    ]


def test_an_encoding_chosen_by_hand_is_used_and_a_wrong_one_names_the_line(data_dir, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(OUTLOOK_RU.encode("cp1251"))
    wrong = run(data_dir, "import", str(path), "--encoding", "utf-8")
    assert wrong.returncode == EXIT_BAD_INPUT
    assert "Line 1 cannot be read as Unicode (UTF-8)" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    assert count(data_dir, "people_contact") == 0
    unknown = run(data_dir, "import", str(path), "--encoding", "klingon")
    assert unknown.returncode == EXIT_BAD_INPUT and "'klingon' is not an encoding" in unknown.stderr
    right = run(data_dir, "import", str(path), "--encoding", "cp1251")
    assert right.returncode == 0, right.stderr
    assert query(data_dir, "SELECT last_name FROM people_contact") == [("Петров",)]
