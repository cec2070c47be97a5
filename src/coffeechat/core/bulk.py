"""Inserting many rows at once: COPY on PostgreSQL, executemany elsewhere.

For imports of tens of thousands of rows, the ORM's per-object work and one round trip per
row would cost several times what the database itself needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert rows (values in `columns` order, already in database form) into table.

    `rows` may be a generator: on PostgreSQL each row is sent as it is made, so the server
    writes the first ones while Python makes the next (on two cores, at the same time). A
    generator must not use the database meanwhile, and an empty one still costs a statement;
    an empty list costs none."""
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
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({column_sql}) VALUES ({placeholders})", rows
        )
