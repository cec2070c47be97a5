"""Inserting many rows at once: COPY on PostgreSQL, executemany elsewhere.

For imports of tens of thousands of rows, the ORM's per-object work and one round trip per
row would cost several times what the database itself needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: list[Sequence]) -> None:
    """Insert rows (values in `columns` order, already in database form) into table."""
    if not rows:
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
