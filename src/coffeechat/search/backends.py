"""Full-text queries: FTS5 on SQLite, tsvector on PostgreSQL; always scoped to one owner."""

from __future__ import annotations

import re
import unicodedata

from django.db import connection, transaction

FTS_TABLE = "search_searchentry_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def fold(text: str) -> str:
    """Lower case without accents, so "Núñez" and "nunez" meet on either database.

    Done in Python rather than with PostgreSQL's unaccent, which needs an extension and
    cannot be used in a generated column."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def terms(query: str) -> list[str]:
    """The words of a query; punctuation and operators are dropped, never interpreted."""
    return _WORD.findall(fold(query))[:MAX_TERMS]


def matching_entries(owner_id: int, query: str, limit: int) -> list[tuple[str, int]]:
    """(kind, object_id) of the owner's best matches, each word matched as a prefix."""
    words = terms(query)
    if not words:
        return []
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        sql = (
            "SELECT kind, object_id FROM search_searchentry "
            "WHERE owner_id = %s AND document @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(document, to_tsquery('simple', %s)) DESC, id LIMIT %s"
        )
        params = [owner_id, tsquery, tsquery, limit]
    else:
        match = " AND ".join(f'"{w}"*' for w in words)
        sql = (
            f"SELECT e.kind, e.object_id FROM {FTS_TABLE} f "
            "JOIN search_searchentry e ON e.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND e.owner_id = %s "
            "ORDER BY f.rank LIMIT %s"
        )
        params = [match, owner_id, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(kind, object_id) for kind, object_id in cursor.fetchall()]


INSERT_COLUMNS = ("owner_id", "kind", "object_id", "title", "body")


def insert_entries(rows: list[tuple]) -> None:
    """Insert (owner_id, kind, object_id, title, body) rows and index them for full text."""
    if not rows:
        return
    insert = (
        "INSERT INTO search_searchentry (owner_id, kind, object_id, title, body) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    # One transaction: on SQLite it holds the write lock, so the rows after `before`
    # are exactly the ones inserted here.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.executemany(insert, rows)
            return
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_searchentry")
        (before,) = cursor.fetchone()
        cursor.executemany(insert, rows)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) "
            "SELECT id, title, body FROM search_searchentry WHERE id > %s",
            [before],
        )
