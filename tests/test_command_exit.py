"""A command ends by closing its database connections (coffeechat.cli.let_go) before Python
exits without freeing its objects one by one: what it wrote is whole in the database file, and
nothing else is left beside it."""

from __future__ import annotations

import shutil

from tests.test_cli import run
from tests.test_command_settings import CONNECTIONS, _count


def test_after_a_command_the_database_file_alone_holds_what_it_wrote(tmp_path):
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(CONNECTIONS, encoding="utf-8")
    for command in (["import", str(csv_file)], ["today"]):
        result = run(tmp_path, *command)
        assert result.returncode == 0, result.stderr
        # SQLite folded its write-ahead log back into the file when the connection closed.
        assert [p.name for p in tmp_path.glob("coffeechat.sqlite3*")] == ["coffeechat.sqlite3"]
    # A copy of that one file, as a person backing up their data folder would make it.
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(tmp_path / "coffeechat.sqlite3", copy)
    assert _count(copy, "people_contact") == 2
