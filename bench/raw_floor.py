#!/usr/bin/env python3
"""The raw floor of an import, as a whole process: read a LinkedIn Connections.csv with the
standard library's csv module and insert its rows with executemany into an equivalent table
with three indexes (no matching, no search index): in a new SQLite file, or in a PostgreSQL
table the caller drops afterwards.

    python bench/raw_floor.py sqlite Connections.csv folder/floor.sqlite3
    python bench/raw_floor.py postgres Connections.csv postgres://user@host/database

SQLite uses the standard library's sqlite3; PostgreSQL, which the standard library cannot
talk to, uses psycopg, the driver the product uses. bench/run.py times this script beside
`coffeechat import` of the same file.
"""

import csv
import io
import sys

DDL = (
    "CREATE TABLE floor_contact (id {pk}, owner_id integer, first_name varchar(150), "
    "last_name varchar(150), url varchar(500), email varchar(254), company varchar(200), "
    "position varchar(200), connected varchar(20))"
)
INDEXES = [
    "CREATE INDEX floor_email ON floor_contact (owner_id, email)",
    "CREATE INDEX floor_url ON floor_contact (owner_id, url)",
    "CREATE INDEX floor_name ON floor_contact (owner_id, last_name, first_name)",
]
INSERT = (
    "INSERT INTO floor_contact (owner_id, first_name, last_name, url, email, company, "
    "position, connected) VALUES ({})"
)


def rows(path: str) -> list[tuple]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    reader = csv.reader(io.StringIO(text[text.index("First Name") :]))
    next(reader)
    return [(1, *r[:7]) for r in reader if r and (r[0] or r[1])]


def main(database: str, path: str, target: str) -> None:
    read = rows(path)
    if database == "sqlite":
        import sqlite3

        db = sqlite3.connect(target)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(DDL.format(pk="integer primary key"))
        for statement in INDEXES:
            db.execute(statement)
        with db:
            db.executemany(INSERT.format(",".join("?" * 8)), read)
        db.close()
    else:
        import psycopg

        with psycopg.connect(target) as db, db.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS floor_contact")
            cursor.execute(DDL.format(pk="bigserial primary key"))
            for statement in INDEXES:
                cursor.execute(statement)
            cursor.executemany(INSERT.format(",".join(["%s"] * 8)), read)
            db.commit()


if __name__ == "__main__":
    main(*sys.argv[1:4])
