"""The entries of rows just inserted are written as they are made, in one statement: every
one is found afterwards, an empty stream writes nothing, and a stream that breaks partway
leaves no entry behind and the connection usable (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from coffeechat.search.backends import AUTOMERGE, FTS_TABLE, matching_entries
from coffeechat.search.indexing import BATCH, Entry, index_new_rows
from coffeechat.search.models import SearchEntry


def _people(owner_id: int, count: int, start: int = 1):
    for n in range(start, start + count):
        yield Entry.of(owner_id, "contact", n, f"Person{n} Okafor", f"Juniper Labs\nanalyst {n}")


def test_every_streamed_entry_is_found_by_its_owner_only(seeker, stranger):
    count = BATCH + 150  # more than one of the batches other writes are cut into
    assert index_new_rows(_people(seeker.pk, count)) == count
    assert SearchEntry.objects.filter(owner=seeker, kind="contact").count() == count
    assert matching_entries(seeker.pk, f"person{count} okaf", limit=5) == [("contact", count)]
    assert matching_entries(seeker.pk, "person1 okafor", limit=5)[0] == ("contact", 1)
    assert matching_entries(stranger.pk, "okafor", limit=5) == []


def test_an_empty_stream_sends_nothing(seeker, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert index_new_rows(iter(())) == 0
        assert index_new_rows([]) == 0


@pytest.mark.django_db(transaction=True)
def test_a_stream_that_breaks_partway_leaves_no_entry_and_the_connection_usable(seeker):
    def breaking():
        yield from _people(seeker.pk, 300)
        raise ValueError("the text of the next entry could not be made")

    with pytest.raises(ValueError), transaction.atomic():
        index_new_rows(breaking())
    assert not SearchEntry.objects.filter(owner=seeker).exists()
    assert matching_entries(seeker.pk, "okafor", limit=5) == []

    assert index_new_rows(_people(seeker.pk, 2, start=500)) == 2
    assert matching_entries(seeker.pk, "person501", limit=5) == [("contact", 501)]


def _automerge() -> int | None:
    """SQLite's full-text index's automerge setting as stored (None: FTS5's default)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'automerge'")
        row = cursor.fetchone()
    return row and row[0]


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's full-text table")
@pytest.mark.django_db(transaction=True)
def test_the_index_merges_as_usual_again_after_a_bulk_write(seeker):
    # Merged less eagerly only while the entries go in (backends.BULK_AUTOMERGE): the edits
    # that follow merge as FTS5 does by default, so searches keep their measured speed.
    index_new_rows(_people(seeker.pk, 500))
    assert _automerge() == AUTOMERGE == 4
    index_new_rows(_people(seeker.pk, 1, start=900))
    assert _automerge() == AUTOMERGE
    assert matching_entries(seeker.pk, "person900", limit=5) == [("contact", 900)]
