#!/usr/bin/env python3
"""coffeechat benchmarks: every figure beside a floor measured in the same run, and its ratio.

    .venv/bin/python bench/run.py                      # SQLite and PostgreSQL (when reachable)
    .venv/bin/python bench/run.py --database sqlite --rows 30000
    .venv/bin/python bench/run.py --background-load 1  # the same on a machine kept busy

The floors: a trivial logged-in page through the same middleware (for pages), the raw insert
of the same rows with the standard library as a whole process (for imports), and Python
starting Django (for short commands). Not part of the test suite: it measures, it does not
assert. Prints a table and writes bench/results/latest.json (latest-under-load.json with
--background-load). Budgets and the latest figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from datasets import linkedin_csv  # noqa: E402
from http_session import coffeechat_command, login_with_password  # noqa: E402
from setup_helpers import (  # noqa: E402
    Server,
    base_env,
    free_port,
    postgres_url,
    reset_postgres,
    rss_mb,
    server_mode_env,
)

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


def run_in_child(
    database: str, rows: int, search_rounds: int, page_rounds: int, serve_rounds: int
) -> dict:
    """Each database gets a fresh process: Django's settings are read once per process."""
    data_dir = tempfile.mkdtemp(prefix="coffeechat-bench-")
    env = base_env(data_dir)
    if database == "postgres":
        if not reset_postgres(PG_BENCH_DB):
            return {"database": database, "skipped": "PostgreSQL is not reachable"}
        env["DATABASE_URL"] = postgres_url(PG_BENCH_DB)
    load_before = round(os.getloadavg()[0], 2)
    command = [sys.executable, __file__, "--child", database, "--rows", str(rows)]
    command += ["--search-rounds", str(search_rounds), "--page-rounds", str(page_rounds)]
    command += ["--serve-rounds", str(serve_rounds)]
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=2400)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if database == "postgres":
            reset_postgres(PG_BENCH_DB, drop_only=True)
    load_after = round(os.getloadavg()[0], 2)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        return {"database": database, "skipped": f"the run failed (exit {completed.returncode})"}
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    # Other work on the machine inflates every figure; the load says how much there was.
    result["load_average_1min"] = {"before": load_before, "after": load_after}
    return result


def child(
    database: str, rows: int, search_rounds: int, page_rounds: int, serve_rounds: int
) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    # Every page of the product, and the trivial page the pages are measured against.
    settings.ROOT_URLCONF = "floor_urls"
    call_command("migrate", verbosity=0)
    result: dict = {"database": database, "rows": rows}
    result.update(commands())
    result.update(imports(database, rows))
    phases_user = get_user_model().objects.create_user("phases")
    result["import_phases_s"] = import_phases(phases_user, linkedin_csv(rows, seed=7))
    result.update(pages(search_rounds, page_rounds))
    result["today_command_s"] = whole_process_median(
        [*coffeechat_command(), "today", "--user", "heavy"]
    )
    result["serve"] = serve_memory(serve_rounds)
    return result


# --- Whole processes, as a user runs them -------------------------------------------------------


def process_env() -> dict:
    # As installed: Python keeps the compiled modules (a shell may have turned that off).
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def whole_process(command: list[str], timeout: float = 600) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process, from start to exit."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=process_env(), stdout=subprocess.DEVNULL, stderr=errors
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{message}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def whole_process_median(command: list[str], runs: int = 5) -> float:
    """Median wall time of runs, after one that warms the disk cache."""
    timings = [whole_process(command)[0] for _ in range(runs + 1)]
    return round(statistics.median(timings[1:]), 3)


def commands() -> dict:
    """The floors of a short command: Python starting, then Python starting Django."""
    return {
        "python_start_s": whole_process_median([sys.executable, "-c", "pass"]),
        "django_setup_s": whole_process_median(
            [sys.executable, "-c", "import django; django.setup()"]
        ),
    }


def imports(database: str, rows: int, runs: int = 3) -> dict:
    """`coffeechat import` of 30,000 LinkedIn connections as whole processes (into empty
    accounts, median of runs; then a second file into each of them, holding the first, median
    again; then the first file again), beside the raw floor of the same rows, also a whole
    process."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from coffeechat.people.models import Contact

    folder = Path(tempfile.mkdtemp(prefix="coffeechat-bench-files-"))
    first, second = folder / "Connections.csv", folder / "Connections-2.csv"
    first.write_bytes(linkedin_csv(rows, seed=7))
    second.write_bytes(linkedin_csv(rows, seed=8))  # other people, the same organizations
    names = [f"bench{n}" for n in range(runs)]
    for name in names:
        get_user_model().objects.create_user(name)
    connection.close()  # the commands write; this process holds nothing open meanwhile

    def run(path: Path, name: str) -> tuple[float, float]:
        return whole_process([*coffeechat_command(), "import", str(path), "--user", name])

    try:
        empty = [run(first, name) for name in names]
        # One run alone read anywhere from 3.0 to 3.6 s on PostgreSQL (a checkpoint falling
        # within it, autovacuum reading the first file's rows): the median, as for the above.
        full = [run(second, name) for name in names]
        again = run(first, names[0])
        floors = [raw_floor(database, first, folder / f"floor{n}.sqlite3") for n in range(runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    counts = [Contact.objects.filter(owner__username=name).count() for name in names]
    assert counts == [2 * rows] * runs, counts
    return {
        "raw_floor_s": round(statistics.median(floors), 3),
        "import_into_empty_s": round(statistics.median(s for s, _ in empty), 3),
        "import_into_full_s": round(statistics.median(s for s, _ in full), 3),
        "reimport_same_file_s": round(again[0], 3),
        "import_peak_rss_mb": round(max(mb for _, mb in [*empty, *full, again]), 1),
    }


def raw_floor(database: str, path: Path, sqlite_file: Path) -> float:
    """bench/raw_floor.py as a whole process: csv + executemany of the same rows."""
    from django.db import connection

    target = str(sqlite_file) if database == "sqlite" else os.environ["DATABASE_URL"]
    script = str(HERE / "raw_floor.py")
    seconds, _ = whole_process([sys.executable, script, database, str(path), target])
    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS floor_contact")
        connection.close()
    return seconds


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

    from coffeechat.cli import freeze_startup_objects
    from coffeechat.sample_data.fill import fill_account

    User = get_user_model()
    heavy, demo = User.objects.create_user("heavy"), User.objects.create_user("demo")
    start = time.perf_counter()
    fill_account(heavy, "heavy", seed=1)
    fill_seconds = time.perf_counter() - start
    fill_account(demo, "demo", seed=1)
    settle()
    # As `coffeechat serve` is once started (cli.freeze_startup_objects): what this process
    # holds is kept out of the garbage collector's sight, so the collections a request sets
    # off walk what requests make, not everything Django, the app and the filling of the
    # accounts left, which no server holds.
    freeze_startup_objects()
    result = {"sample_heavy_fill_s": round(fill_seconds, 1), "pages": {}}
    demo_urls = page_urls(demo)
    for name, url in page_urls(heavy).items():
        if url is None:
            result["pages"][name] = {"skipped": "not available"}
            continue
        rounds = search_rounds if name == "search" else page_rounds
        if name == "trivial":
            rounds *= 10  # the floor of every page's ratio: its p95 from 300 answers, not 30
        measured = measure(heavy, url, rounds, search=name == "search")
        if name in CACHED_PAGES:
            measured["first_view_p50_ms"] = first_view(heavy, url)
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
        "trivial": reverse("bench_trivial"),
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


# Pages that keep what they computed until the account changes (coffeechat.core.revisions;
# Today keeps its keep-in-touch list, for the seeker's day): their p95 is the page as seen
# again; the first view after a change computes it all.
CACHED_PAGES = ("today", "who_next", "insights_fields", "insights_funnel", "insights_referrals")


def first_view(user, url: str, rounds: int = 9) -> float:
    """p50 of the page computed afresh, as the first view after a change sees it."""
    from django.core.cache import caches

    client = _client(user)
    latencies = []
    for _ in range(rounds):
        caches["figures"].clear()
        start = time.perf_counter()
        _get(client, url, search=False)
        latencies.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(latencies), 2)


def count_queries(user, url: str, search: bool = False) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(user)
    _get(client, url, search)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url, search)
    return len(queries)


def serve_memory(rounds: int) -> dict:
    """`coffeechat serve` in server mode on the same database, logged in as the heavy user:
    resident memory after start-up and its peak after every page, rounds times each."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    heavy = get_user_model().objects.get(username="heavy")
    password = secrets.token_urlsafe(16)
    heavy.set_password(password)
    heavy.save(update_fields=["password"])
    found = page_urls(heavy)
    urls = [url for name, url in found.items() if url and name not in ("trivial", "search")]
    urls += [f"{found['search']}?{urlencode({'q': query})}" for query in SEARCH_QUERIES]
    connection.close()
    log_path = Path(tempfile.mkdtemp(prefix="coffeechat-bench-serve-")) / "serve.log"
    server = Server(server_mode_env(process_env()), free_port(), 4, log_path, ("--no-worker",))
    try:
        server.start()
        started = server.rss_mb()
        browser = login_with_password(server.port, "heavy", password)
        for _ in range(rounds):
            for url in urls:
                status, _, _ = browser.get(url)
                if status != 200:
                    raise RuntimeError(f"{url} answered {status} under serve")
        browser.close()
        return {
            "rss_after_start_mb": started,
            "peak_rss_mb": rss_mb(server.process.pid, "VmHWM"),
            "requests": rounds * len(urls),
        }
    finally:
        server.stop()
        shutil.rmtree(log_path.parent, ignore_errors=True)


# Budgets: an absolute figure on an idle machine, and a ratio to the floor measured in the
# same run, which holds on a busy machine too (bench/README.md).
IMPORT_S, IMPORT_RATIO, IMPORT_RSS_MB = 3.0, 4.0, 300.0
PAGE_P95_MS, PAGE_RATIO = 50.0, 10.0
SEARCH_P95_MS, SEARCH_RATIO = 30.0, 6.0
TODAY_COMMAND_S, TODAY_COMMAND_RATIO = 0.5, 1.5


def figures(result: dict) -> list[tuple[str, object, object, object, object]]:
    """(label, value, ratio to its floor, absolute budget, ratio budget) for one database."""
    rows: list = [
        ("floor: python -c pass, s", result["python_start_s"], None, None, None),
        ("floor: django.setup(), s", result["django_setup_s"], None, None, None),
        ("floor: raw import, s", result["raw_floor_s"], None, None, None),
    ]
    pages = result["pages"]
    trivial = pages["trivial"]
    rows.append(("floor: trivial page p95 ms", trivial["p95_ms"], None, None, None))
    floor = result["raw_floor_s"]
    for key, budget in (
        ("import_into_empty_s", IMPORT_S),
        ("import_into_full_s", IMPORT_S),
        ("reimport_same_file_s", None),
    ):
        ratio_budget = IMPORT_RATIO if budget else None
        rows.append((key, result[key], result[key] / floor, budget, ratio_budget))
    rows.append(("import_peak_rss_mb", result["import_peak_rss_mb"], None, IMPORT_RSS_MB, None))
    today = result["today_command_s"]
    rows.append(
        (
            "today_command_s",
            today,
            today / result["django_setup_s"],
            TODAY_COMMAND_S,
            TODAY_COMMAND_RATIO,
        )
    )
    for name, page in pages.items():
        if name == "trivial":
            continue
        if "skipped" in page:
            rows.append((name, "not available", None, None, None))
            continue
        search = name == "search"
        rows.append(
            (
                f"{name} p95 ms",
                page["p95_ms"],
                page["p95_ms"] / trivial["p95_ms"],
                SEARCH_P95_MS if search else PAGE_P95_MS,
                SEARCH_RATIO if search else PAGE_RATIO,
            )
        )
    serve = result.get("serve", {})
    rows.append(("serve_peak_rss_mb", serve.get("peak_rss_mb"), None, None, None))
    return rows


def over_budget(value, ratio, budget, ratio_budget) -> tuple[bool, bool]:
    """Whether a figure misses its absolute budget, and whether it misses its ratio budget."""
    miss = isinstance(value, int | float) and budget is not None and value > budget
    return miss, ratio is not None and ratio_budget is not None and ratio > ratio_budget


def misses(result: dict) -> list[str]:
    """Every figure over its absolute or its ratio budget."""
    missed = []
    for label, value, ratio, budget, ratio_budget in figures(result):
        miss, ratio_miss = over_budget(value, ratio, budget, ratio_budget)
        if miss:
            missed.append(f"{label} {value} > {budget}")
        if ratio_miss:
            missed.append(f"{label} {ratio:.1f}× > {ratio_budget}×")
    return missed


def report(results: list[dict]) -> str:
    """One row per figure, one column per database: the figure, its ratio to the floor of the
    same run in brackets, '!' on a miss of the absolute budget and '×!' on one of the ratio."""
    done = [r for r in results if "skipped" not in r]
    width = 28
    lines = [f"{'figure':<{width}}" + "".join(f"{r['database']:>22}" for r in done) + "   budget"]
    table = [figures(r) for r in done]
    for index, (label, _, _, budget, ratio_budget) in enumerate(table[0] if table else []):
        cells = ""
        for rows in table:
            _, value, ratio, _, _ = rows[index]
            shown = "—" if value is None else str(value)
            if ratio is not None:
                shown += f" ({ratio:.1f}×)"
            miss, ratio_miss = over_budget(value, ratio, budget, ratio_budget)
            marks = ("!" if miss else "") + ("×!" if ratio_miss else "")
            cells += f"{shown + marks:>22}"
        limits = " · ".join(
            part
            for part in (
                "" if budget is None else f"{budget}",
                "" if ratio_budget is None else f"{ratio_budget}×",
            )
            if part
        )
        lines.append(f"{label:<{width}}{cells}   {limits}")
    for result in done:
        pages = result["pages"]
        queries = ", ".join(
            f"{name} {page['queries']} ({page['queries_demo']})"
            for name, page in pages.items()
            if "queries" in page
        )
        lines.append(f"{result['database']}: queries, heavy (demo) account: {queries}")
        p50s = ", ".join(
            f"{name} {page['p50_ms']}" for name, page in pages.items() if "p50_ms" in page
        )
        lines.append(f"{result['database']}: p50 ms: {p50s}")
        firsts = ", ".join(
            f"{name} {page['first_view_p50_ms']}"
            for name, page in pages.items()
            if "first_view_p50_ms" in page
        )
        lines.append(
            f"{result['database']}: first view after a change (computed afresh), p50 ms: {firsts}"
        )
        phases = ", ".join(f"{k} {v}" for k, v in result.get("import_phases_s", {}).items())
        lines.append(f"{result['database']}: import phases, in one process (s): {phases}")
        serve = result.get("serve", {})
        lines.append(
            f"{result['database']}: serve resident memory {serve.get('rss_after_start_mb')} MB "
            f"after start-up, {serve.get('peak_rss_mb')} MB at most over "
            f"{serve.get('requests')} requests of every page"
        )
        load = result.get("load_average_1min", {})
        lines.append(
            f"{result['database']}: load average {load.get('before')} before, "
            f"{load.get('after')} after ({os.cpu_count()} cores)"
        )
        missed = misses(result)
        lines.append(
            f"{result['database']}: "
            + ("every figure within budget" if not missed else "MISSED: " + "; ".join(missed))
        )
    for result in results:
        if "skipped" in result:
            lines.append(f"{result['database']}: skipped ({result['skipped']})")
    return "\n".join(lines)


class BackgroundLoad:
    """Busy processes beside the run, to measure on a busy machine on purpose: each spins
    until the run ends or its own deadline passes, whichever comes first."""

    def __init__(self, processes: int, seconds: float) -> None:
        code = f"import time\nend = time.monotonic() + {seconds}\n"
        code += "while time.monotonic() < end: pass"
        self.processes = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(processes)]

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--search-rounds", type=int, default=20, help="× 12 queries")
    parser.add_argument("--page-rounds", type=int, default=30, help="requests per page")
    parser.add_argument("--serve-rounds", type=int, default=5, help="of every page, for memory")
    parser.add_argument(
        "--background-load",
        type=int,
        default=0,
        metavar="N",
        help="busy processes running beside the benchmark (a run under load)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    rounds = (args.rows, args.search_rounds, args.page_rounds, args.serve_rounds)
    if args.child:
        print(json.dumps(child(args.child, *rounds)))
        return
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    background = BackgroundLoad(args.background_load, seconds=3600)
    try:
        results = [run_in_child(db, *rounds) for db in databases]
    finally:
        background.stop()
    table = report(results)
    print(table)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    payload = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "background_load": args.background_load,
        "budgets": {
            "import_s": IMPORT_S,
            "import_ratio": IMPORT_RATIO,
            "import_rss_mb": IMPORT_RSS_MB,
            "page_p95_ms": PAGE_P95_MS,
            "page_ratio": PAGE_RATIO,
            "search_p95_ms": SEARCH_P95_MS,
            "search_ratio": SEARCH_RATIO,
            "today_command_s": TODAY_COMMAND_S,
            "today_command_ratio": TODAY_COMMAND_RATIO,
        },
        "results": [
            {**r, "figures": figures(r), "misses": misses(r)} if "skipped" not in r else r
            for r in results
        ],
    }
    name = "latest-under-load.json" if args.background_load else "latest.json"
    (out / name).write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nWrote {out / name}")


if __name__ == "__main__":
    main()
