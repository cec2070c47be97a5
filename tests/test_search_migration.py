"""Upgrading a SQLite database remakes its full-text table with the owner's column, and
upgrading a PostgreSQL one tags each word of its full-text columns with the owner; both fill
them from the entries already there: what was found before the upgrade is found after it, by
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


POSTGRES_BEFORE = [("search", "0004_owner_without_own_index")]


def newest_migrations(*apps: str) -> list[tuple[str, str]]:
    """The newest migration of each of these apps, as a target to migrate to."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] in apps]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's own upgrade is 0003")
@pytest.mark.django_db(transaction=True)
def test_postgresql_entries_from_before_the_owner_tags_are_found_by_their_owner_only():
    owner, other = make_user("before"), make_user("other")
    _migrate(POSTGRES_BEFORE)
    try:
        with connection.cursor() as cursor:
            for user, object_id in ((owner, 1), (other, 2)):
                cursor.execute(
                    "INSERT INTO search_searchentry (owner_id, kind, object_id, title, body) "
                    "VALUES (%s, 'organization', %s, 'quillfeather press', %s)",
                    # A word PostgreSQL could index untagged, too long to be tagged.
                    [user.pk, object_id, f"poetry {'q' * 2047}"],
                )
    finally:
        _migrate(newest_migrations("search"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text FROM search_searchentry WHERE object_id = 1")
        (document,) = cursor.fetchone()
    # Every word of the entry carries its owner's tag: the index reads no one else's.
    assert f"'{owner.pk}xquillfeather':1A" in document
    assert "'poetry'" not in document
    assert matching_entries(owner.pk, "quill pres", limit=10) == [("organization", 1)]
    assert matching_entries(other.pk, "poet", limit=10) == [("organization", 2)]
