#!/usr/bin/env python3
"""coffeechat career-center load test: three pages of a real server, with 1 seeker in the
center and with 1,000, under locust (headless), on 127.0.0.1 only.

    .venv/bin/python bench/load.py                               # SQLite
    .venv/bin/python bench/load.py --database both               # SQLite, then PostgreSQL
    .venv/bin/python bench/load.py --rounds 2 --seconds 10       # a quicker look

For each database and each size (1 seeker, --seekers seekers), in a fresh data folder and a
fresh database: the center is made in bulk (seekers each with a small dataset, --coaches
coaches with cohorts the seekers share their progress from, --volunteers approved alumni
volunteers with profiles, requests the seekers sent them), sessions are made on the server side
for a pool of seekers and coaches, and `coffeechat serve --no-worker` starts in server mode.
Then locust's users (bench/locustfile.py, in a process of its own) ask for Today (`/`, as a
seeker), the coach dashboard (as a coach) and the volunteer directory (as a seeker), and, as a
control, the dashboard of a coach with one sharing seeker in both centers, in --rounds rounds
of --seconds seconds that alternate between the two sizes, so a change in the machine's load
falls on both. Reported: p50/p95 of each page for both sizes and the ratio
p95(--seekers)/p95(1), against the budget of 1.2. Bounded: --users locust users, --seconds per
round, every child process with a timeout, and the whole run stops at --timeout seconds. Prints
a table and writes bench/results/load-latest.json. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from http_session import HOST, Browser  # noqa: E402
from load_center_setup import setup_center  # noqa: E402
from setup_helpers import (  # noqa: E402
    PG_ADMIN_URL,
    Server,
    base_env,
    free_port,
    log,
    percentile,
    postgres_url,
    reset_postgres,
    server_mode_env,
    uptime,
)

PAGES = ("today", "coach_dashboard", "volunteer_directory", "coach_dashboard_one")
BUDGETED = PAGES[:3]  # the fourth is a control: a coach with one sharing seeker at both sizes
PAGE_LABELS = {
    "today": "Today (seeker)",
    "coach_dashboard": "coach dashboard",
    "volunteer_directory": "volunteer directory (seeker)",
    "coach_dashboard_one": "coach dashboard, 1 sharing",
}
RATIO_BUDGET = 1.2
PG_DATABASE = "coffeechat_load_center_{size}"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


class OutOfTime(Exception):
    """The run reached --timeout; everything it started is stopped."""


# --- One center: data folder, database, server ------------------------------------------------


class Center:
    def __init__(self, database: str, seekers: int, args: argparse.Namespace) -> None:
        self.database, self.seekers, self.args = database, seekers, args
        self.data_dir = tempfile.mkdtemp(prefix=f"coffeechat-center-{seekers}-")
        self.pg_name = PG_DATABASE.format(size=seekers)
        self.server: Server | None = None
        self.plan: dict = {}
        env = server_mode_env(base_env(self.data_dir))
        if database == "postgres":
            env["DATABASE_URL"] = postgres_url(self.pg_name)
        self.env = env

    def prepare(self) -> None:
        if self.database == "postgres" and not reset_postgres(self.pg_name):
            raise RuntimeError(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
        command = [sys.executable, __file__, "--child-setup", "--seekers", str(self.seekers)]
        command += ["--coaches", str(self.args.coaches), "--volunteers", str(self.args.volunteers)]
        completed = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=self.args.setup_timeout
        )
        if completed.returncode != 0:
            raise RuntimeError(f"setting up the center failed:\n{completed.stderr[-3000:]}")
        self.plan = json.loads(completed.stdout.strip().splitlines()[-1])
        self.plan_path = Path(self.data_dir) / "locust-plan.json"
        self.plan_path.write_text(json.dumps(self.plan))

    def start(self) -> None:
        log_path = Path(self.data_dir) / "server.log"
        self.server = Server(
            self.env, free_port(), self.args.server_threads, log_path, extra_args=("--no-worker",)
        )
        self.server.start()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.port}"

    def check_pages(self, warmup: int) -> dict:
        """Every session answers each page with 200 (none is sent to the login page), and the
        pages are warmed; returns what one of them shows."""
        cookie = self.plan["cookie_name"]
        shown = {}
        for name, page in self.plan["pages"].items():
            for key in self.plan["sessions"][page["persona"]]:
                browser = Browser(self.server.port, cookies={cookie: key})
                try:
                    for _ in range(warmup):
                        status, _, body = browser.get(page["path"])
                        if status != 200:
                            raise RuntimeError(f"{name} answered {status} for a session")
                finally:
                    browser.close()
            shown[name] = rows_shown(name, body.decode("utf-8", "replace"))
        return shown

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
        if self.database == "postgres":
            reset_postgres(self.pg_name, drop_only=True)
        shutil.rmtree(self.data_dir, ignore_errors=True)


def rows_shown(page: str, html: str) -> str:
    if page.startswith("coach_dashboard"):
        seekers = re.findall(r'href="/center/coach/seekers/\d+/', html)
        return f"{len(seekers)} seekers"
    if page == "volunteer_directory":
        cards = html.count('aria-labelledby="volunteer-')
        total = re.search(r"· (\d+) volunteers", html)
        return f"{cards} cards of {total.group(1) if total else cards}"
    return f"{len(html) // 1024} KB"


# --- Locust, in a process of its own ----------------------------------------------------------


def run_locust(center: Center, args: argparse.Namespace) -> dict:
    command = [sys.executable, str(HERE / "locustfile.py"), "--host", center.url]
    command += ["--plan", str(center.plan_path), "--users", str(args.users)]
    command += ["--spawn-rate", str(args.spawn_rate), "--seconds", str(args.seconds)]
    command += ["--wait", str(args.wait_min), str(args.wait_max)]
    cpu_before = center.server.cpu_seconds()
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=args.seconds + 120, env=locust_env()
    )
    cpu = center.server.cpu_seconds() - cpu_before
    if completed.returncode != 0:
        raise RuntimeError(f"locust failed (exit {completed.returncode}):\n{completed.stderr}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["server_cpu_s"] = round(cpu, 3)
    return result


def locust_env() -> dict:
    """Locust's process: no coffeechat or Django settings, nothing to report home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COFFEECHAT_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return env


def measure_database(database: str, args: argparse.Namespace) -> dict:
    sizes = [1, args.seekers]
    result: dict = {"database": database, "sizes": sizes, "load_average_1min": {}}
    centers: dict[int, Center] = {}
    try:
        for size in sizes:
            center = centers[size] = Center(database, size, args)
            log(f"{database}: making the center with {size:,} seeker(s)")
            started = time.monotonic()
            center.prepare()
            result.setdefault("setup", {})[size] = {
                "wall_s": round(time.monotonic() - started, 1),
                **center.plan["setup"],
            }
        for size, center in centers.items():
            center.start()
            log(f"{database}: {size:,} seeker(s) served at {center.url}; warming up")
            result.setdefault("shown", {})[size] = center.check_pages(args.warmup)
        result["load_average_1min"]["before"] = round(os.getloadavg()[0], 2)
        latencies = {size: {page: [] for page in PAGES} for size in sizes}
        failures = {size: {} for size in sizes}
        cpu = {size: [0.0, 0] for size in sizes}
        for round_number in range(args.rounds):
            order = sizes if round_number % 2 == 0 else sizes[::-1]
            for size in order:
                log(f"{database}: round {round_number + 1}/{args.rounds}, {size:,} seeker(s)")
                run = run_locust(centers[size], args)
                for page in PAGES:
                    latencies[size][page] += run["latencies_ms"].get(page, [])
                for kind, count in run["failures"].items():
                    failures[size][kind] = failures[size].get(kind, 0) + count
                cpu[size][0] += run["server_cpu_s"]
                cpu[size][1] += run["requests"]
        result["load_average_1min"]["after"] = round(os.getloadavg()[0], 2)
        result["pages"] = summarize(latencies, sizes)
        result["failures"] = failures
        result["server_cpu_ms_per_request"] = {
            size: round(seconds * 1000 / max(count, 1), 1) for size, (seconds, count) in cpu.items()
        }
        result["server_log_problems"] = {
            size: center.server.problems_since(0)[:10] for size, center in centers.items()
        }
    except (RuntimeError, subprocess.SubprocessError, OutOfTime) as error:
        result["failed"] = f"{type(error).__name__}: {error}"
        for center in centers.values():
            if center.server is not None and center.server.process is not None:
                result.setdefault("server_log_tail", {})[center.seekers] = center.server.log_tail()
        if isinstance(error, OutOfTime):
            raise
    finally:
        for center in centers.values():
            center.close()
    return result


def summarize(latencies: dict, sizes: list[int]) -> dict:
    small, large = sizes
    pages = {}
    for page in PAGES:
        row = {}
        for size in sizes:
            values = latencies[size][page]
            row[size] = {
                "requests": len(values),
                "p50_ms": percentile(values, 0.50),
                "p95_ms": percentile(values, 0.95),
            }
        p95_small, p95_large = row[small]["p95_ms"], row[large]["p95_ms"]
        ratio = round(p95_large / p95_small, 2) if p95_small and p95_large else None
        row["ratio_p95"] = ratio
        row["within_budget"] = ratio is not None and ratio <= RATIO_BUDGET
        row["budgeted"] = page in BUDGETED
        pages[page] = row
    return pages


# --- Report -----------------------------------------------------------------------------------


def report(results: list[dict]) -> str:
    lines = []
    for result in results:
        name = DATABASES[result["database"]]
        if "failed" in result or "skipped" in result:
            lines.append(f"{name}: {result.get('skipped') or 'FAILED: ' + result['failed']}")
            continue
        small, large = result["sizes"]
        head = f"{name:<30}{'1 seeker p50 / p95':>22}{f'{large:,} seekers p50 / p95':>26}"
        lines += [head + f"{'ratio p95':>11}  budget {RATIO_BUDGET}", "-" * len(head + " " * 24)]
        for page, row in result["pages"].items():
            cells = [f"{row[s]['p50_ms']} / {row[s]['p95_ms']} ms" for s in (small, large)]
            verdict = "holds" if row["within_budget"] else "MISSED"
            if page not in BUDGETED:
                verdict = "(control)"
            lines.append(
                f"{PAGE_LABELS[page]:<30}{cells[0]:>22}{cells[1]:>26}"
                f"{row['ratio_p95'] or '—':>11}  {verdict}"
            )
        requests = {
            s: sum(row[s]["requests"] for row in result["pages"].values()) for s in (small, large)
        }
        shown = result["shown"]
        lines.append(
            f"requests: {requests[small]:,} / {requests[large]:,}; failures: "
            f"{result['failures'][small] or 'none'} / {result['failures'][large] or 'none'}; "
            f"server CPU per request: {result['server_cpu_ms_per_request'][small]} / "
            f"{result['server_cpu_ms_per_request'][large]} ms"
        )
        lines.append(
            "shown: "
            + "; ".join(f"{PAGE_LABELS[p]} {shown[small][p]} / {shown[large][p]}" for p in PAGES)
        )
        queries = {s: result["setup"][s]["queries"] for s in (small, large)}
        lines.append(
            "queries per page: "
            + "; ".join(f"{p} {queries[small][p]} / {queries[large][p]}" for p in PAGES)
        )
        inside = {s: result["setup"][s]["server_side_ms"] for s in (small, large)}
        lines.append(
            "inside Django, one at a time, p50 ms: "
            + "; ".join(
                f"{p} {inside[small][p]['p50_ms']} / {inside[large][p]['p50_ms']}" for p in PAGES
            )
        )
        load = result["load_average_1min"]
        lines.append(
            f"setup: {result['setup'][small]['wall_s']} s / {result['setup'][large]['wall_s']} s; "
            f"load average {load['before']} before, {load['after']} after ({os.cpu_count()} cores)"
        )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--seekers", type=int, default=1000, help="the large center's seekers")
    parser.add_argument("--coaches", type=int, default=50)
    parser.add_argument("--volunteers", type=int, default=300)
    parser.add_argument("--users", type=int, default=8, help="locust users, split over 4 pages")
    parser.add_argument("--spawn-rate", type=float, default=8.0, help="locust users started/s")
    parser.add_argument("--wait-min", type=float, default=0.5, help="a user's pause, s")
    parser.add_argument("--wait-max", type=float, default=1.5)
    parser.add_argument("--seconds", type=float, default=40.0, help="per round and size")
    parser.add_argument("--rounds", type=int, default=6, help="alternating between the sizes")
    parser.add_argument("--warmup", type=int, default=3, help="requests per page and session")
    parser.add_argument("--server-threads", type=int, default=4, help="coffeechat serve --threads")
    parser.add_argument("--setup-timeout", type=float, default=900.0, help="per center, s")
    parser.add_argument("--timeout", type=int, default=3600, help="the whole run, s")
    parser.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_setup:
        print(json.dumps(setup_center(args.seekers, args.coaches, args.volunteers)))
        return
    if args.users < len(PAGES) or args.seconds <= 0 or args.rounds < 1 or args.seekers < 2:
        parser.error(f"use at least {len(PAGES)} users, 1 round, some seconds and 2 seekers")

    def out_of_time(signum, frame):
        raise OutOfTime(f"the run took more than --timeout {args.timeout} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the servers on kill too
    signal.alarm(args.timeout)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    uptime_before = uptime()
    results = []
    try:
        for database in databases:
            results.append(measure_database(database, args))
    except OutOfTime as error:
        results.append({"database": databases[len(results)], "failed": str(error)})
    finally:
        signal.alarm(0)
    payload = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "settings": {
            key: getattr(args, key)
            for key in (
                "seekers",
                "coaches",
                "volunteers",
                "users",
                "spawn_rate",
                "wait_min",
                "wait_max",
                "seconds",
                "rounds",
                "server_threads",
            )
        },
        "ratio_budget": RATIO_BUDGET,
        "uptime": {"before": uptime_before, "after": uptime()},
        "results": results,
    }
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "load-latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    print(report(results))
    print(f"uptime before: {uptime_before}\nuptime after:  {payload['uptime']['after']}")
    print(f"\nWrote {out / 'load-latest.json'}")


if __name__ == "__main__":
    main()
