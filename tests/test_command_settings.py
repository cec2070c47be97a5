"""`coffeechat import` and `coffeechat today` start Django without the apps they never touch
(coffeechat.settings_for_commands): as the first commands run in a new data folder, they
bring only their own tables up to date, and everything else still comes up afterwards."""

from __future__ import annotations

import contextlib
import sqlite3

from coffeechat import settings_for_commands
from tests.test_cli import run, run_python

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Amara,Okafor,https://www.linkedin.com/in/amara-okafor,,Juniper Labs,Data Analyst,"
    "02 Dec 2026\n"
    "Tomás,Núñez,https://www.linkedin.com/in/tomas-nunez,,Harbor Health,Nurse,01 Dec 2026\n"
)


def _count(db_file, table: str) -> int:
    with contextlib.closing(sqlite3.connect(db_file)) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_an_import_in_a_new_data_folder_then_the_rest_of_the_product(tmp_path):
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(CONNECTIONS, encoding="utf-8")
    imported = run(tmp_path, "import", str(csv_file))
    assert imported.returncode == 0, imported.stderr
    assert "Created 2" in imported.stdout
    today = run(tmp_path, "today")
    assert today.returncode == 0, today.stderr
    # The sign-in and session tables are not there yet: only what the two commands use.
    shown = run(tmp_path, "manage", "showmigrations", "sessions")
    assert "[ ] 0001_initial" in shown.stdout, shown.stdout
    migrated = run(tmp_path, "manage", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    shown = run(tmp_path, "manage", "showmigrations")
    assert "[ ]" not in shown.stdout
    db_file = tmp_path / "coffeechat.sqlite3"
    assert _count(db_file, "people_contact") == 2
    assert _count(db_file, "search_searchentry") == 4  # two people, two organizations


def test_the_commands_leave_out_no_app_that_holds_a_seekers_rows():
    kept = set(settings_for_commands.INSTALLED_APPS)
    ours = {app for app in settings_for_commands.EVERY_APP if app.startswith("coffeechat.")}
    # Every coffeechat app but the admin's site; Django's users and their content types.
    assert ours - kept == {"coffeechat.accounts.admin_apps.CoffeechatAdminConfig"}
    assert {"django.contrib.auth", "django.contrib.contenttypes"} <= kept


def test_the_commands_start_without_the_admin_or_the_drafting_rules(tmp_path):
    """What every command pays before its work: neither the admin (its own app module,
    accounts.admin_apps) nor the pitch's and drafts' phrasing rules (loaded by the first pitch
    shown) are imported by Django starting for `today` or `import`."""
    probe = (
        "import sys\n"
        "from coffeechat.core.cli_support import setup_django\n"
        "setup_django(own_rows_only=True)\n"
        "from coffeechat.prepare.models import Pitch\n"
        "print(sorted({m.rsplit('.', 1)[0] for m in sys.modules\n"
        "    if m.startswith(('django.contrib.admin', 'coffeechat.lib.drafting'))}))\n"
        "print(Pitch(who_i_am='third-year economics student').spoken_text)\n"
    )
    loaded = run_python(tmp_path, probe).splitlines()
    assert loaded[0] == "[]"
    assert loaded[1] == "I'm a third-year economics student."  # the rules load when used
