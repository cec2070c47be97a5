"""Inserting many rows at once: COPY on PostgreSQL, executemany elsewhere.

For imports of tens of thousands of rows, the ORM's per-object work and one round trip per
row would cost several times what the database itself needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter

from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert rows (values in `columns` order, already in database form) into table.

    `rows` may be a generator: on PostgreSQL each row is sent as it is made, so the server
    writes the first ones while Python makes the next (on two cores, at the same time). A
    generator must not use the database meanwhile. An empty list costs no statement; on
    PostgreSQL an empty generator still costs one."""
    if isinstance(rows, Sequence) and not rows:
        return
    quote = connection.ops.quote_name
    column_sql = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            # Django's wrapper turns psycopg's errors into django.db's (IntegrityError, …).
            copy_sql = f"COPY {quote(table)} ({column_sql}) FROM STDIN"
            with connection.wrap_database_errors, raw.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        rows = rows if isinstance(rows, Sequence) else list(rows)
        if not rows:
            return
        values, varying = _values_sql(cursor, rows, len(columns))
        if len(varying) == len(columns):
            sent = rows
        elif len(varying) > 1:
            sent = map(itemgetter(*varying), rows)
        else:  # itemgetter of one index gives the value itself, of none fails
            sent = [tuple(row[i] for i in varying) for row in rows]
        cursor.executemany(f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({values})", sent)


def _values_sql(cursor, rows: Sequence[Sequence], width: int) -> tuple[str, list[int]]:
    """The VALUES list of an executemany on SQLite, and which columns it takes per row.

    SQLite binds every parameter of every row: for 30,000 new contacts of 27 columns, most of
    them the same in every row (the owner, the time, the blank fields of a LinkedIn export),
    binding costs more than writing. A column holding the same value, of the same type, in
    every row is written once into the statement, as SQLite's own quote() spells it."""
    columns = zip(*rows, strict=True) if len(rows) > 1 else ()
    same = [i for i, column in enumerate(columns) if _one_value(column)]
    parts = ["%s"] * width
    if same:
        cursor.execute("SELECT " + ", ".join(["quote(%s)"] * len(same)), [rows[0][i] for i in same])
        for i, literal in zip(same, cursor.fetchone(), strict=True):
            parts[i] = literal.replace("%", "%%")  # Django reads %s in the statement as a parameter
    return ", ".join(parts), sorted(set(range(width)) - set(same))


# Spelled exactly by quote(), which gives a float only 15 digits.
_LITERAL_TYPES = (str, int, type(None))


def _one_value(column: tuple) -> bool:
    first = column[0]
    if not isinstance(first, _LITERAL_TYPES) or (isinstance(first, str) and "\x00" in first):
        return False
    return column.count(first) == len(column) and len(set(map(type, column))) == 1
