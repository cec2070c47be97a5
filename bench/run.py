#!/usr/bin/env python3
"""coffeechat benchmarks: contact import throughput and search latency at a heavy user's size.

    .venv/bin/python bench/run.py                      # SQLite and PostgreSQL (when reachable)
    .venv/bin/python bench/run.py --database sqlite --rows 30000

Not part of the test suite: it measures, it does not assert. Prints a table and writes
bench/results/latest.json. Budgets and the latest figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from datasets import linkedin_csv  # noqa: E402

PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = "coffeechat_bench"
SEARCH_QUERIES = [
    "ana",
    "chen",
    "data an",
    "garcia",
    "acme",
    "product man",
    "zh",
    "núñez",
    "juniper labs",
    "research sci",
    "sara",
    "o'brien",
]


def run_in_child(database: str, rows: int, search_rounds: int) -> dict:
    """Each database gets a fresh process: Django's settings are read once per process."""
    data_dir = tempfile.mkdtemp(prefix="coffeechat-bench-")
    env = {
        **os.environ,
        "COFFEECHAT_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "coffeechat.settings",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        if not _reset_postgres():
            return {"database": database, "skipped": "PostgreSQL is not reachable"}
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_BENCH_DB
    try:
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                database,
                "--rows",
                str(rows),
                "--search-rounds",
                str(search_rounds),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        ).stdout
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return json.loads(output.strip().splitlines()[-1])


def _reset_postgres() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
        return True
    except Exception:  # any failure means: no PostgreSQL here, skip it
        return False


def child(database: str, rows: int, search_rounds: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from coffeechat.lib import contact_files
    from coffeechat.people.importing import import_contacts
    from coffeechat.people.models import Contact

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    first_file = linkedin_csv(rows, seed=7)
    second_file = linkedin_csv(rows, seed=8)  # other people, same organizations

    def timed_import(data: bytes) -> tuple[float, object]:
        start = time.perf_counter()
        summary = import_contacts(user, contact_files.parse(data))
        return time.perf_counter() - start, summary

    empty_seconds, first = timed_import(first_file)
    full_seconds, second = timed_import(second_file)
    again_seconds, third = timed_import(first_file)
    assert first.created == rows and second.created == rows, (first, second)
    assert third.created == 0, third
    floor = raw_floor(first_file, database, connection)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    latencies = []
    for _ in range(search_rounds):
        for query in SEARCH_QUERIES:
            start = time.perf_counter()
            response = client.get("/search/", {"q": query}, HTTP_HX_REQUEST="true")
            latencies.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    latencies.sort()
    return {
        "database": database,
        "rows": rows,
        "contacts_after": Contact.objects.count(),
        "import_into_empty_s": round(empty_seconds, 3),
        "import_into_full_s": round(full_seconds, 3),
        "reimport_same_file_s": round(again_seconds, 3),
        "raw_floor_s": round(floor, 3),
        "ratio_to_floor": round(empty_seconds / floor, 2),
        "search_p50_ms": round(statistics.median(latencies), 2),
        "search_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "search_requests": len(latencies),
    }


def raw_floor(data: bytes, database: str, connection) -> float:
    """csv reader + executemany of the same rows into an equivalent indexed table."""
    start = time.perf_counter()
    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text[text.index("First Name") :]))
    next(reader)
    rows = [(1, r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in reader if r and (r[0] or r[1])]
    ddl = (
        "CREATE TABLE floor_contact (id {pk}, owner_id integer, first_name varchar(150), "
        "last_name varchar(150), url varchar(500), email varchar(254), company varchar(200), "
        "position varchar(200), connected varchar(20))"
    )
    indexes = [
        "CREATE INDEX floor_email ON floor_contact (owner_id, email)",
        "CREATE INDEX floor_url ON floor_contact (owner_id, url)",
        "CREATE INDEX floor_name ON floor_contact (owner_id, last_name, first_name)",
    ]
    insert = (
        "INSERT INTO floor_contact (owner_id, first_name, last_name, url, email, company, "
        "position, connected) VALUES ({})"
    )
    if database == "sqlite":
        folder = tempfile.mkdtemp()
        db = sqlite3.connect(os.path.join(folder, "floor.sqlite3"))
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(ddl.format(pk="integer primary key"))
        for statement in indexes:
            db.execute(statement)
        with db:
            db.executemany(insert.format(",".join("?" * 8)), rows)
        db.close()
        shutil.rmtree(folder)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS floor_contact")
            cursor.execute(ddl.format(pk="bigserial primary key"))
            for statement in indexes:
                cursor.execute(statement)
            cursor.executemany(insert.format(",".join(["%s"] * 8)), rows)
            cursor.execute("DROP TABLE floor_contact")
    return time.perf_counter() - start


BUDGETS = {
    "import_into_empty_s": 3.0,
    "import_into_full_s": 3.0,
    "ratio_to_floor": 3.0,
    "search_p95_ms": 30.0,
}


def report(results: list[dict]) -> str:
    keys = [
        "import_into_empty_s",
        "import_into_full_s",
        "reimport_same_file_s",
        "raw_floor_s",
        "ratio_to_floor",
        "search_p50_ms",
        "search_p95_ms",
    ]
    lines = [
        f"{'measure':<24}" + "".join(f"{r['database']:>14}" for r in results) + f"{'budget':>10}"
    ]
    for key in keys:
        cells = ""
        for result in results:
            value = result.get(key)
            mark = ""
            if value is not None and key in BUDGETS and value > BUDGETS[key]:
                mark = " !"
            cells += f"{('—' if value is None else value)!s:>12}{mark:<2}"
        budget = BUDGETS.get(key, "")
        lines.append(f"{key:<24}{cells}{budget!s:>10}")
    for result in results:
        if "skipped" in result:
            lines.append(f"{result['database']}: skipped ({result['skipped']})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--search-rounds", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rows, args.search_rounds)))
        return
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run_in_child(db, args.rows, args.search_rounds) for db in databases]
    table = report(results)
    print(table)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    payload = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "budgets": BUDGETS,
        "results": results,
    }
    (out / "latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nWrote {out / 'latest.json'}")


if __name__ == "__main__":
    main()
