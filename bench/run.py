#!/usr/bin/env python3
"""coffeechat benchmarks: imports against their raw floor, every main page, `coffeechat today`.

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
import math
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
from setup_helpers import postgres_url, reset_postgres  # noqa: E402

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


def run_in_child(database: str, rows: int, search_rounds: int, page_rounds: int) -> dict:
    """Each database gets a fresh process: Django's settings are read once per process."""
    data_dir = tempfile.mkdtemp(prefix="coffeechat-bench-")
    env = {
        **os.environ,
        "COFFEECHAT_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "coffeechat.settings",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        if not reset_postgres(PG_BENCH_DB):
            return {"database": database, "skipped": "PostgreSQL is not reachable"}
        env["DATABASE_URL"] = postgres_url(PG_BENCH_DB)
    load_before = round(os.getloadavg()[0], 2)
    try:
        completed = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                database,
                "--rows",
                str(rows),
                "--search-rounds",
                str(search_rounds),
                "--page-rounds",
                str(page_rounds),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    load_after = round(os.getloadavg()[0], 2)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        return {"database": database, "skipped": f"the run failed (exit {completed.returncode})"}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    # Other work on the machine inflates every figure; the load says how much there was.
    result["load_average_1min"] = {"before": load_before, "after": load_after}
    return result


def child(database: str, rows: int, search_rounds: int, page_rounds: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

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
    phases = import_phases(get_user_model().objects.create_user("phases"), first_file)
    result = {
        "database": database,
        "rows": rows,
        "contacts_after": Contact.objects.count(),
        "import_into_empty_s": round(empty_seconds, 3),
        "import_into_full_s": round(full_seconds, 3),
        "reimport_same_file_s": round(again_seconds, 3),
        "raw_floor_s": round(floor, 3),
        "ratio_to_floor": round(empty_seconds / floor, 2),
        "import_phases_s": phases,
    }
    result.update(pages(search_rounds, page_rounds))
    result["today_command_s"] = today_command_seconds()
    return result


def import_phases(user, data: bytes) -> dict:
    """Where an import into an empty account spends its time (a separate, timed run)."""
    from coffeechat.lib import contact_files
    from coffeechat.people import importing

    spent: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return wrapper

    originals = {
        name: getattr(importing, name)
        for name in (
            "_create_organizations",
            "_insert_contacts",
            "_index_new_contacts",
            "refresh_statistics",
        )
    }
    for name, function in originals.items():
        setattr(importing, name, timed(name.strip("_"), function))
    try:
        start = time.perf_counter()
        parsed = contact_files.parse(data)
        spent["parse"] = time.perf_counter() - start
        start = time.perf_counter()
        plan = importing.plan_import(user, parsed)
        spent["plan"] = time.perf_counter() - start
        start = time.perf_counter()
        importing.apply_plan(plan)
        spent["apply_total"] = time.perf_counter() - start
    finally:
        for name, function in originals.items():
            setattr(importing, name, function)
    return {name: round(seconds, 3) for name, seconds in spent.items()}


def pages(search_rounds: int, page_rounds: int) -> dict:
    """Server-side time and query count of each main page, on the heavy sample account;
    query counts on the demo account beside them show whether they grow with the data."""
    from django.contrib.auth import get_user_model

    from coffeechat.sample_data.fill import fill_account

    User = get_user_model()
    heavy, demo = User.objects.create_user("heavy"), User.objects.create_user("demo")
    start = time.perf_counter()
    fill_account(heavy, "heavy", seed=1)
    fill_seconds = time.perf_counter() - start
    fill_account(demo, "demo", seed=1)
    settle()
    result = {"sample_heavy_fill_s": round(fill_seconds, 1), "pages": {}}
    demo_urls = page_urls(demo)
    for name, url in page_urls(heavy).items():
        if url is None:
            result["pages"][name] = {"skipped": "not available"}
            continue
        rounds = search_rounds if name == "search" else page_rounds
        measured = measure(heavy, url, rounds, search=name == "search")
        measured["queries_demo"] = count_queries(demo, demo_urls[name], search=name == "search")
        result["pages"][name] = measured
    return result


def settle() -> None:
    """On PostgreSQL, what autovacuum does within a minute or two of a bulk load (the
    visibility map lets COUNT(*) and other index-only scans skip the table); the pages are
    measured in that steady state rather than in the minute after the load."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def page_urls(user) -> dict:
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from coffeechat.conversations.models import Conversation
    from coffeechat.people.models import Contact
    from coffeechat.research.models import Organization

    # The busiest rows: the pages whose counts could grow with the data.
    contact = (
        Contact.objects.owned_by(user)
        .filter(referred_by__isnull=False)
        .annotate(n=Count("conversations", distinct=True) + Count("messages", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    held = (
        Conversation.objects.owned_by(user)
        .filter(held_at__isnull=False)
        .annotate(n=Count("takeaways"))
        .order_by("-n", "pk")
        .first()
    )
    busiest = (
        Organization.objects.owned_by(user)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .first()
    )
    coming = (
        Conversation.objects.owned_by(user)
        .filter(status=Conversation.Status.SCHEDULED)
        .annotate(n=Count("agenda_items"))
        .order_by("-n", "pk")
        .first()
    )
    urls = {
        "today": reverse("today:today"),
        "contacts": reverse("people:contact_list"),
        "contact": contact.get_absolute_url(),
        "organizations": reverse("research:organization_list"),
        "organization": busiest.get_absolute_url(),
        "who_next": reverse("people:who_next"),
        "conversation": held.get_absolute_url(),
        "live": reverse("conversations:conversation_live", args=[coming.pk]),
        "search": reverse("search:search"),
    }
    for name in ("fields", "funnel", "referrals"):
        try:
            urls[f"insights_{name}"] = reverse(f"insights:{name}")
        except NoReverseMatch:
            urls[f"insights_{name}"] = None
    return urls


def _client(user):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _get(client, url: str, search: bool, index: int = 0):
    if search:
        query = SEARCH_QUERIES[index % len(SEARCH_QUERIES)]
        response = client.get(url, {"q": query}, HTTP_HX_REQUEST="true")
    else:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def measure(user, url: str, rounds: int, search: bool = False) -> dict:
    client = _client(user)
    for index in range(3):  # warm-up: templates compiled, caches filled
        _get(client, url, search, index)
    latencies = []
    count = rounds * len(SEARCH_QUERIES) if search else rounds
    for index in range(count):
        start = time.perf_counter()
        _get(client, url, search, index)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    return {
        "url": url,
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(latencies[math.ceil(len(latencies) * 0.95) - 1], 2),  # nearest rank
        "requests": len(latencies),
        "queries": count_queries(user, url, search),
    }


def count_queries(user, url: str, search: bool = False) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(user)
    _get(client, url, search)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url, search)
    return len(queries)


def today_command_seconds(runs: int = 5) -> float:
    """Whole-process wall time of `coffeechat today` for the heavy account, median of runs."""
    # As installed: Python keeps the compiled modules (a shell may have turned that off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    timings = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "coffeechat", "today", "--user", "heavy"],
            check=True,
            capture_output=True,
            timeout=60,
            env=env,
        )
        timings.append(time.perf_counter() - start)
    return round(statistics.median(timings[1:]), 3)  # the first run warms the disk cache


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
    "today_command_s": 0.5,
}
PAGE_P95_MS = 50.0
SEARCH_P95_MS = 30.0


def page_budget(name: str) -> float:
    return SEARCH_P95_MS if name == "search" else PAGE_P95_MS


def report(results: list[dict]) -> str:
    """One row per measure, one column per database; '!' marks a miss of its budget."""
    done = [r for r in results if "skipped" not in r]
    rows: list[tuple[str, list, object]] = []
    for key in [
        "import_into_empty_s",
        "import_into_full_s",
        "reimport_same_file_s",
        "raw_floor_s",
        "ratio_to_floor",
        "today_command_s",
        "sample_heavy_fill_s",
    ]:
        rows.append((key, [r.get(key) for r in done], BUDGETS.get(key)))
    names = list(done[0]["pages"]) if done else []
    for name in names:
        cells = [r["pages"].get(name, {}) for r in done]
        if any("skipped" in c for c in cells):
            rows.append((f"{name}", ["not available"] * len(cells), None))
            continue
        rows.append((f"{name} p50 ms", [c["p50_ms"] for c in cells], None))
        rows.append((f"{name} p95 ms", [c["p95_ms"] for c in cells], page_budget(name)))
        rows.append(
            (f"{name} queries", [f"{c['queries']} ({c['queries_demo']})" for c in cells], None)
        )
    width = 26
    lines = [f"{'measure':<{width}}" + "".join(f"{r['database']:>16}" for r in done) + "  budget"]
    for label, values, budget in rows:
        cells = ""
        for value in values:
            miss = isinstance(value, float | int) and budget is not None and value > budget
            shown = "—" if value is None else str(value)
            cells += f"{shown:>14}{' !' if miss else '  '}"
        lines.append(f"{label:<{width}}{cells}  {'' if budget is None else budget}")
    lines.append("queries: on the heavy account (on the demo account); equal means no growth")
    for result in done:
        load = result.get("load_average_1min", {})
        phases = ", ".join(f"{k} {v}" for k, v in result.get("import_phases_s", {}).items())
        lines.append(f"{result['database']}: import phases (s): {phases}")
        lines.append(
            f"{result['database']}: load average {load.get('before')} before, "
            f"{load.get('after')} after ({os.cpu_count()} cores)"
        )
    for result in results:
        if "skipped" in result:
            lines.append(f"{result['database']}: skipped ({result['skipped']})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--search-rounds", type=int, default=20, help="× 12 queries")
    parser.add_argument("--page-rounds", type=int, default=30, help="requests per page")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rows, args.search_rounds, args.page_rounds)))
        return
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [
        run_in_child(db, args.rows, args.search_rounds, args.page_rounds) for db in databases
    ]
    table = report(results)
    print(table)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    payload = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "budgets": {**BUDGETS, "page_p95_ms": PAGE_P95_MS, "search_p95_ms": SEARCH_P95_MS},
        "results": results,
    }
    (out / "latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nWrote {out / 'latest.json'}")


if __name__ == "__main__":
    main()
