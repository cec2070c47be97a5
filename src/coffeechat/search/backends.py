"""Full-text queries: FTS5 on SQLite, tsvector on PostgreSQL; always scoped to one owner."""

from __future__ import annotations

import contextlib
import heapq
import re
import unicodedata
from collections.abc import Iterable

from django.db import connection, transaction

from coffeechat.core.bulk import insert_rows
from coffeechat.search.postgres_fts import LONGEST_WORD, owned_tsquery
from coffeechat.search.sqlite_fts import DROP_TRIGGERS, REBUILD, TRIGGERS

FTS_TABLE = "search_searchentry_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def fold(text: str) -> str:
    """Lower case without accents, so "Núñez" and "nunez" meet on either database.

    Done in Python rather than with PostgreSQL's unaccent, which needs an extension and
    cannot be used in a generated column."""
    if text.isascii():
        return text.lower()  # the common case, and twenty times faster
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_TOO_LONG = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def indexable(text: str) -> str:
    """text without its words of more than LONGEST_WORD characters."""
    return text if len(text) <= LONGEST_WORD else _TOO_LONG.sub(" ", text)


def terms(query: str) -> list[str]:
    """The words of a query; punctuation and operators are dropped, never interpreted."""
    return _WORD.findall(fold(query))[:MAX_TERMS]


def matching_entries(
    owner_id: int, query: str, limit: int, per_kind: int | None = None
) -> list[tuple[str, int]]:
    """(kind, object_id) of the owner's best matches, each word matched as a prefix.

    Two passes keep as-you-type fast at 60,000 entries: the best `per_kind` matches in the
    titles (names, subjects) of each kind (`limit` when not given), then, when titles matched
    fewer than `limit` entries in all, matches elsewhere, newest first, up to `limit` in all.
    Ranking every body match of a three-letter prefix would cost more than the whole page
    may take."""
    per_kind = limit if per_kind is None else per_kind
    words = terms(query)
    if not words:
        return []
    postgres = connection.vendor == "postgresql"
    titles = _title_matches if not postgres else _title_matches_postgres
    others = _other_matches if not postgres else _other_matches_postgres
    with connection.cursor() as cursor:
        found, matched = titles(cursor, owner_id, words, per_kind)
        if matched < limit:
            seen = set(found)
            for row in others(cursor, owner_id, words, limit):
                if row not in seen:
                    found.append(row)
                    if len(found) == limit:
                        break
    return found


# Title matches come best first, in the same order on both databases: titles that hold more
# of the typed words whole ("chen" finds "Wei Chen" before "Chenoa Park"), then the shorter
# titles (what was typed is more of them), then the newest. Ranked here, in Python, from the
# title matches' rows: SQLite's bm25 had ranked them by the length of the whole entry, body
# included, after counting every entry of the owner's (the owner's id is a phrase of the
# query), 2-4 ms of a 9 ms search on the heavy account; a window function in SQL cost as
# much or more.
def best_of_each_kind(
    rows: Iterable[tuple[int, str, int, str]], words: list[str], per_kind: int
) -> list[tuple[str, int]]:
    """(kind, object_id) of the best `per_kind` of each kind among (id, kind, object_id,
    title) rows, kind by kind, best first."""
    # A word stands whole where no letter or digit touches it, as the full-text index
    # splits words ("o'brien" is "o" and "brien").
    finds = [re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])").search for word in words]
    by_kind: dict[str, list[tuple]] = {}
    for entry_id, kind, object_id, title in rows:  # thousands for two letters typed
        held = 0
        for find in finds:
            if find(title):
                held -= 1
        ranked = by_kind.get(kind)
        if ranked is None:
            ranked = by_kind[kind] = []
        ranked.append((held, len(title), -entry_id, object_id))
    return [
        (kind, best[3])
        for kind in sorted(by_kind)
        for best in heapq.nsmallest(per_kind, by_kind[kind])
    ]


def _fts_match(owner_id: int, columns: str, words: list[str]) -> str:
    """An FTS5 query for the owner's entries (their id is a column of the index, so no other
    account's matches are read) whose `columns` hold every word as a prefix."""
    wanted = " AND ".join(f'"{w}"*' for w in words)
    return f'owner_id : "{int(owner_id)}" AND {columns} : ({wanted})'


def _title_matches(cursor, owner_id: int, words: list[str], per_kind: int):
    cursor.execute(
        f"SELECT e.id, e.kind, e.object_id, e.title FROM {FTS_TABLE} f "
        "JOIN search_searchentry e ON e.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND e.owner_id = %s",
        [_fts_match(owner_id, "title", words), owner_id],
    )
    rows = cursor.fetchall()
    return best_of_each_kind(rows, words, per_kind), len(rows)


def _other_matches(cursor, owner_id: int, words: list[str], limit: int) -> list[tuple[str, int]]:
    # Newest first in the index's own order (its rowid is the entry's id), read only as far
    # as the limit.
    cursor.execute(
        f"SELECT e.kind, e.object_id FROM {FTS_TABLE} f "
        "JOIN search_searchentry e ON e.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND e.owner_id = %s ORDER BY f.rowid DESC LIMIT %s",
        [_fts_match(owner_id, "{title body}", words), owner_id, limit * 2],
    )
    return [(kind, object_id) for kind, object_id in cursor.fetchall()]


# The lexemes carry their owner's tag (search.postgres_fts), so the full-text index finds the
# owner's entries alone. The owner's column is still checked, as a filter: written `owner_id
# + 0`, PostgreSQL does not also read the owner's index (49,000 entries on the heavy account)
# to intersect with matches that are all the owner's already.
OWNER_CHECK = "owner_id + 0 = %s"


def _title_matches_postgres(cursor, owner_id: int, words: list[str], per_kind: int):
    tsquery = owned_tsquery(owner_id, words)
    if not tsquery:
        return [], 0  # underscores alone: no word to look for
    cursor.execute(
        "SELECT id, kind, object_id, title FROM search_searchentry "
        f"WHERE {OWNER_CHECK} AND title_document @@ to_tsquery('simple', %s)",
        [owner_id, tsquery],
    )
    rows = cursor.fetchall()
    return best_of_each_kind(rows, words, per_kind), len(rows)


def _other_matches_postgres(cursor, owner_id: int, words: list[str], limit: int):
    # The matches first, through the full-text index, then the newest of them. Left to
    # itself, PostgreSQL may walk the primary key backwards through every account's entries
    # (ORDER BY id DESC LIMIT) and test each one: 120 ms instead of 28 for "acme" beside five
    # other accounts, and more with every account a server holds.
    tsquery = owned_tsquery(owner_id, words)
    if not tsquery:
        return []
    cursor.execute(
        "WITH matched AS MATERIALIZED ("
        "SELECT id, kind, object_id FROM search_searchentry "
        f"WHERE {OWNER_CHECK} AND document @@ to_tsquery('simple', %s)) "
        "SELECT kind, object_id FROM matched ORDER BY id DESC LIMIT %s",
        [owner_id, tsquery, limit * 2],
    )
    return [(kind, object_id) for kind, object_id in cursor.fetchall()]


INSERT_COLUMNS = ("owner_id", "kind", "object_id", "title", "body")
# SQLite's full-text index merges a level of its segments once it holds AUTOMERGE of them
# (FTS5's own default); while entries are added in bulk, only once it holds BULK_AUTOMERGE.
# A new account's 30,000 entries would otherwise be merged at once into the large segments
# of every other account's entries: 0.36 s of the insert with four accounts beside it, 0.15 s
# this way. What is left is merged by the writes that follow, as FTS5 always merges, so the
# index settles into the same shape: measured after three such inserts, one of the next 300
# one-entry writes took 0.3 s (0.09 s at most without), and those 300 took 0.25 s more in all,
# against 0.77 s saved by the three.
AUTOMERGE = 4
BULK_AUTOMERGE = 8
AUTOMERGE_SQL = f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', %s)"


def insert_entries(rows: Iterable[tuple]) -> None:
    """Insert (owner_id, kind, object_id, title, body) rows and index them for full text.
    `rows` may be a generator, read once; callers send at least one row."""
    # One transaction: on SQLite it holds the write lock, so the rows after `before`
    # are exactly the ones inserted here.
    with transaction.atomic():
        if connection.vendor != "sqlite":
            insert_rows("search_searchentry", INSERT_COLUMNS, rows)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_searchentry")
            (before,) = cursor.fetchone()
        insert_rows("search_searchentry", INSERT_COLUMNS, rows)
        with connection.cursor() as cursor:
            # Merged less eagerly while these are added: see BULK_AUTOMERGE. Set back in the
            # same transaction, so a failed insert leaves the setting as it was.
            cursor.execute(AUTOMERGE_SQL, [BULK_AUTOMERGE])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body, owner_id) "
                "SELECT id, title, body, owner_id FROM search_searchentry WHERE id > %s",
                [before],
            )
            cursor.execute(AUTOMERGE_SQL, [AUTOMERGE])


def rebuild_full_text() -> None:
    """Rebuild SQLite's full-text index from the entries themselves, whatever state it was in."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL's tsvector columns are generated from each row
    with connection.cursor() as cursor:
        cursor.execute(REBUILD)


@contextlib.contextmanager
def without_delete_triggers():
    """Delete entries without touching SQLite's full-text table (emptied first), for a rebuild
    of an index that may no longer match its entries. Use inside a transaction."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
        for statement in DROP_TRIGGERS:
            cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        for statement in TRIGGERS:
            cursor.execute(statement)
