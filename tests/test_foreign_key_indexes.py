"""Foreign keys that a composite index already serves keep no index of their own (one more
index to keep slows every import), and the lookups by them still go through an index; the
search entries' owner is the indexer's to keep right, not PostgreSQL's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coffeechat.core.schema_operations import _foreign_keys, _single_column_indexes
from coffeechat.people.models import Contact
from coffeechat.search.backends import matching_entries
from coffeechat.search.indexing import Entry, bulk_index
from coffeechat.search.models import SearchEntry
from tests.factories import make_user
from tests.test_search_migration import newest_migrations

WITHOUT_OWN_INDEX = [
    ("people_contact", "owner_id"),
    ("people_contact", "organization_id"),
    ("search_searchentry", "owner_id"),
]
BEFORE = [("people", "0008_import_batch_background"), ("search", "0003_full_text_by_owner")]


def _migrate(targets=None) -> None:
    """To targets; without them, to the newest migration of people and search."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or newest_migrations("people", "search"))


@pytest.mark.django_db
def test_the_keys_have_no_index_of_their_own_and_the_others_stay():
    for table, column in WITHOUT_OWN_INDEX:
        assert _single_column_indexes(connection, table, column) == []
    # A key no composite index begins with keeps its own.
    assert _single_column_indexes(connection, "people_contact", "referred_by_id")


def _plan(sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: ask for the index
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("SELECT id FROM people_contact WHERE owner_id = %s", "contact_owner_"),
        ("SELECT id FROM people_contact WHERE organization_id = %s", "contact_org_advocate"),
        ("SELECT id FROM search_searchentry WHERE owner_id = %s", "search_entry_owner_kind"),
    ],
)
def test_lookups_by_those_keys_still_use_an_index(sql, index):
    assert index in _plan(sql, [1])


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_keeps_the_rows_and_what_search_finds_and_goes_back():
    owner = make_user("keys")
    contact = Contact.objects.create(owner=owner, first_name="Quill", last_name="Feather")
    bulk_index([Entry.of(owner.pk, "note", 900, "Quillfeather Press", "poetry")], new=True)
    _migrate(BEFORE)
    try:
        for table, column in WITHOUT_OWN_INDEX:
            assert len(_single_column_indexes(connection, table, column)) == 1
    finally:
        _migrate()
    for table, column in WITHOUT_OWN_INDEX:
        assert _single_column_indexes(connection, table, column) == []
    assert Contact.objects.get(pk=contact.pk).owner == owner
    assert ("contact", contact.pk) in matching_entries(owner.pk, "quill feath", limit=10)
    assert matching_entries(owner.pk, "poet", limit=10) == [("note", 900)]
    # Renamed after the upgrade: the full-text index follows the entry as before.
    contact.last_name = "Penhallow"
    contact.save()
    assert ("contact", contact.pk) in matching_entries(owner.pk, "penhal", limit=10)
    assert matching_entries(owner.pk, "feather", limit=10) == []


def _owner_constraints(table: str) -> list[str]:
    return _foreign_keys(connection, table, "owner_id")


@pytest.mark.django_db
def test_search_entries_owner_is_checked_by_the_database_only_on_sqlite():
    if connection.vendor == "postgresql":
        assert _owner_constraints("search_searchentry") == []
    else:  # dropping it would remake the table
        assert len(_owner_constraints("search_searchentry")) == 1
    # The seeker's own rows keep theirs.
    assert len(_owner_constraints("people_contact")) == 1


@pytest.mark.django_db
def test_deleting_an_account_deletes_its_search_entries_and_no_one_elses(seeker, stranger):
    Contact.objects.create(owner=seeker, first_name="Quill", last_name="Feather")
    theirs = Contact.objects.create(owner=stranger, first_name="Quill", last_name="Other")
    assert SearchEntry.objects.filter(owner=seeker).exists()
    seeker.delete()
    assert not SearchEntry.objects.filter(owner_id=seeker.pk).exists()
    assert matching_entries(stranger.pk, "quill", limit=10) == [("contact", theirs.pk)]


@pytest.mark.django_db(transaction=True)
def test_the_search_owner_check_comes_back_when_the_upgrade_is_undone():
    owner = make_user("checks")
    bulk_index([Entry.of(owner.pk, "note", 901, "Inkwell Review", "essays")], new=True)
    _migrate([("search", "0005_postgres_owner_in_lexemes")])
    try:
        assert len(_owner_constraints("search_searchentry")) == 1
    finally:
        _migrate()
    expected = 0 if connection.vendor == "postgresql" else 1
    assert len(_owner_constraints("search_searchentry")) == expected
    assert matching_entries(owner.pk, "inkw", limit=10) == [("note", 901)]
