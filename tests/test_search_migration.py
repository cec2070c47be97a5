"""Upgrading a SQLite database remakes its full-text table with the owner's column and fills
it from the entries already there: what was found before the upgrade is found after it, by
its owner only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coffeechat.search.backends import matching_entries
from tests.factories import make_user

BEFORE = [("search", "0002_constraint_message")]
AFTER = [("search", "0003_full_text_by_owner")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its tsvector columns")
@pytest.mark.django_db(transaction=True)
def test_entries_indexed_before_the_upgrade_are_found_after_it():
    owner, other = make_user("before"), make_user("other")
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            for user, object_id in ((owner, 1), (other, 2)):
                cursor.execute(
                    "INSERT INTO search_searchentry (owner_id, kind, object_id, title, body) "
                    "VALUES (%s, 'organization', %s, 'quillfeather press', 'poetry')",
                    [user.pk, object_id],
                )
                cursor.execute(
                    "INSERT INTO search_searchentry_fts (rowid, title, body) "
                    "SELECT id, title, body FROM search_searchentry WHERE object_id = %s",
                    [object_id],
                )
    finally:
        _migrate(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_searchentry_fts'")
        (definition,) = cursor.fetchone()
    assert "owner_id" in definition
    assert matching_entries(owner.pk, "quill pres", limit=10) == [("organization", 1)]
    assert matching_entries(other.pk, "poet", limit=10) == [("organization", 2)]
