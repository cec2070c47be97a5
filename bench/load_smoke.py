#!/usr/bin/env python3
"""coffeechat load smoke test: a real `coffeechat serve` on 127.0.0.1 under many connections.

    .venv/bin/python bench/load_smoke.py                   # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/load_smoke.py --database sqlite --seconds 10 --requests 1000

For each database: a fresh data folder, the heavy sample account ("heavy") and a demo account
("other"); then `coffeechat serve` on a free port of 127.0.0.1 (never another host). Today and
the busiest contact page are requested by 10, then 50, persistent connections; then "other"
asks for Today while "heavy" imports a 60,000-row LinkedIn file through the web pages.
Each phase stops at --requests requests or --seconds seconds, whichever comes first; the
import at --import-seconds. The server is always stopped, also on Ctrl+C or an error.
Prints a table and writes bench/results/load_smoke.json. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from datasets import linkedin_csv  # noqa: E402
from http_session import (  # noqa: E402
    HOST,
    Browser,
    csrf_token,
    login_with_link,
    login_with_password,
    multipart,
    run_cli,
)
from setup_helpers import (  # noqa: E402
    PG_ADMIN_URL,
    Server,
    base_env,
    cpu_seconds,
    free_port,
    log,
    percentile,
    postgres_url,
    reset_postgres,
    rss_mb,
    server_mode_env,
    uptime,
)

PG_LOAD_DB = "coffeechat_load"
HEAVY, OTHER = "heavy", "other"
IMPORT_ROWS = 60_000
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024  # COFFEECHAT_MAX_UPLOAD_BYTES's default
CONNECTION_COUNTS = (10, 50)


def summarize_problems(lines: list[str]) -> dict:
    kinds = Counter()
    for line in lines:
        if "Task queue depth" in line:
            kinds["waitress task queue full"] += 1
        elif "Traceback" in line:
            kinds["traceback"] += 1
        else:
            kinds[line.strip()[:120]] += 1
    return dict(kinds.most_common(8))


# --- Load -------------------------------------------------------------------------------------


class Budget:
    """Hands out at most max_requests requests, and none after the deadline."""

    def __init__(self, max_requests: int, seconds: float) -> None:
        self.left, self.deadline = max_requests, time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True


class Recorder:
    """Latencies of the 200 answers; anything else, or an exception, is an error."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[tuple[float, float]] = []  # (started, latency ms)
        self.errors: Counter = Counter()

    def timed_get(self, browser: Browser, path: str) -> None:
        started = time.monotonic()
        try:
            status, _, _ = browser.get(path)
        except Exception as error:  # timeouts, resets, refused: all count as errors
            with self.lock:
                self.errors[type(error).__name__] += 1
            return
        latency = (time.monotonic() - started) * 1000
        with self.lock:
            if status == 200:
                self.samples.append((started, latency))
            else:
                self.errors[f"HTTP {status}"] += 1

    def between(self, start: float, end: float) -> list[float]:
        return [latency for started, latency in self.samples if start <= started < end]


def latency_summary(latencies: list[float]) -> dict:
    return {
        "ok": len(latencies),
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


def run_threads(workers: list[threading.Thread]) -> None:
    for worker in workers:
        worker.start()
    for worker in workers:
        while worker.is_alive():
            worker.join(timeout=0.5)  # short joins keep Ctrl+C responsive


def load_phase(
    server: Server, cookies: dict, path: str, connections: int, seconds: float, max_requests: int
) -> dict:
    """connections persistent connections request path back to back, within the budget;
    each connection is opened and warmed by one request that is not measured."""
    browsers = [Browser(server.port, timeout=30, cookies=cookies) for _ in range(connections)]
    warm = Recorder()
    run_threads([threading.Thread(target=warm.timed_get, args=(b, path)) for b in browsers])
    recorder, budget = Recorder(), Budget(max_requests, seconds)

    def work(browser: Browser) -> None:
        while budget.take():
            recorder.timed_get(browser, path)

    mark, server_cpu, own_cpu = server.log_mark(), server.cpu_seconds(), time.process_time()
    started = time.monotonic()
    try:
        run_threads([threading.Thread(target=work, args=(b,), daemon=True) for b in browsers])
    finally:
        budget.left = 0  # on Ctrl+C the workers stop at their next request
        for browser in browsers:
            browser.close()
    wall = time.monotonic() - started
    latencies = [latency for _, latency in recorder.samples]
    problems = server.problems_since(mark)
    served = max(1, len(latencies) + sum(recorder.errors.values()))
    return {
        "path": path,
        "connections": connections,
        "wall_s": round(wall, 2),
        "requests": len(latencies) + sum(recorder.errors.values()),
        "errors": sum(recorder.errors.values()),
        "error_kinds": dict(recorder.errors),
        "req_per_s": round(len(latencies) / wall, 1) if wall else None,
        **latency_summary(latencies),
        # CPU per request: the server's, and this client's own (on the same cores).
        "server_cpu_ms_per_request": round((server.cpu_seconds() - server_cpu) * 1000 / served, 1),
        "client_cpu_ms_per_request": round((time.process_time() - own_cpu) * 1000 / served, 1),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "server_rss_mb": server.rss_mb(),
        "server_log_problems": summarize_problems(problems),
    }


# --- The import, with another user's Today measured meanwhile ---------------------------------


class Sampler:
    """A few clients of another user asking for Today, with a short pause between requests,
    from start() until stop(), or for cap_s seconds at most."""

    def __init__(self, port: int, cookies: dict, args: argparse.Namespace, cap_s: float):
        self.browsers = [Browser(port, cookies=cookies) for _ in range(args.other_clients)]
        self.pause, self.deadline = args.pause, time.monotonic() + cap_s
        self.recorder, self.stop_event = Recorder(), threading.Event()
        self.threads = [threading.Thread(target=self._work, args=(b,)) for b in self.browsers]

    def _work(self, browser: Browser) -> None:
        while not self.stop_event.is_set() and time.monotonic() < self.deadline:
            self.recorder.timed_get(browser, "/")
            self.stop_event.wait(self.pause)
        browser.close()

    def start(self) -> Sampler:
        for thread in self.threads:
            thread.daemon = True
            thread.start()
        return self

    def stop(self) -> list[float]:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=70)
        return [latency for _, latency in self.recorder.samples]


def batch_status(heavy: Browser, batch_path: str) -> str | None:
    """The batch's status as the upload page's list of recent imports shows it (a cheap page,
    unlike the batch's own page, which plans the whole import again while it is pending)."""
    status, _, page = heavy.retrying_get("/people/imports/")
    if status != 200:
        return None
    row = re.search(
        re.escape(f'href="{batch_path}"') + r'.*?data-label="Status">([^<]*)<',
        page.decode("utf-8", "replace"),
        re.S,
    )
    return row.group(1).strip() if row else None


def web_import(heavy: Browser, data: bytes, cap_s: float, marks: dict) -> dict:
    """Upload, preview and commit a LinkedIn file as a person does, then wait until the batch
    says Imported (at once when the commit does the work; by polling when it runs in the
    background). marks gets the monotonic time each step began."""
    started = marks["upload"] = time.monotonic()
    heavy.timeout = cap_s
    heavy.close()
    status, _, page = heavy.retrying_get("/people/imports/")
    fields = {"csrfmiddlewaretoken": csrf_token(page), "format": "linkedin"}
    body, content_type = multipart(fields, "file", "Connections.csv", data)
    status, headers, page = heavy.request(
        "POST", "/people/imports/", body, {"Content-Type": content_type}
    )
    if status != 302:
        found = re.search(
            r'class="errorlist[^>]*>(.*?)</ul>', page.decode("utf-8", "replace"), re.S
        )
        reason = re.sub(r"<[^>]+>", " ", found.group(1)).strip() if found else ""
        raise RuntimeError(f"the upload answered {status}: {reason}")
    batch_path = urlsplit(headers["Location"]).path
    marks["preview"] = time.monotonic()
    commit_form = f'action="{batch_path}import/"'
    while True:  # a large file may be read in the background first: wait for the form
        status, _, page = heavy.get(batch_path)
        text = page.decode("utf-8", "replace")
        if status != 200 or commit_form in text or time.monotonic() - started > cap_s:
            break
        time.sleep(1.0)
    if status != 200 or commit_form not in text:
        raise RuntimeError(f"the import preview answered {status}, without the import form")
    button = re.search(r"Import (\d+) new and (\d+) updated", text)
    source = re.search(r'<option value="([^"]+)"[^>]*selected', text)
    fields = {"csrfmiddlewaretoken": csrf_token(page)}
    if source:
        fields["source"] = source.group(1)
    marks["commit"] = time.monotonic()
    status, headers, _ = heavy.post_form(batch_path + "import/", fields)
    commit_returned = time.monotonic()
    if status not in (200, 302, 303):  # a redirect, or a progress page shown at once
        raise RuntimeError(f"the import commit answered {status}")
    shown, polls = batch_status(heavy, batch_path), 1
    while shown != "Imported" and time.monotonic() - started < cap_s:
        # Waiting (again) after the commit: the background import failed and was undone.
        if shown and re.search(r"cancel|fail|error|expired|^waiting", shown, re.I) and polls > 2:
            raise RuntimeError(f"the import ended as {shown!r}")
        time.sleep(1.0)
        shown, polls = batch_status(heavy, batch_path), polls + 1
    done = marks["done"] = time.monotonic()
    result = {
        "preview_new": int(button.group(1)) if button else None,
        "preview_updated": int(button.group(2)) if button else None,
        "upload_s": round(marks["preview"] - started, 2),
        "preview_s": round(marks["commit"] - marks["preview"], 2),
        "commit_request_s": round(commit_returned - marks["commit"], 2),
        "commit_to_done_s": round(done - marks["commit"], 2),
        "total_s": round(done - started, 2),
        "finished": shown == "Imported",
        "status_polls": polls,
        "final_status": shown,
    }
    if shown == "Imported":
        status, _, page = heavy.retrying_get(batch_path)
        created = re.search(r"<strong>(\d+)</strong> created", page.decode("utf-8", "replace"))
        result["created"] = int(created.group(1)) if created else None
    return result


def import_phase(
    server: Server, heavy: Browser, other_cookies: dict, data: bytes, args: argparse.Namespace
) -> dict:
    baseline = Sampler(server.port, other_cookies, args, args.seconds).start()
    try:
        time.sleep(min(args.seconds, 10))
    finally:
        idle = baseline.stop()
    marks: dict[str, float] = {}
    mark, web_cpu = server.log_mark(), server.cpu_seconds()
    workers = {pid: cpu_seconds(pid) for pid in server.workers()}
    during = Sampler(server.port, other_cookies, args, args.import_seconds).start()
    try:
        imported = web_import(heavy, data, args.import_seconds, marks)
    except Exception as error:
        imported = {"failed": f"{type(error).__name__}: {error}"}
    finally:
        during.stop()
    end = marks.get("done", time.monotonic())
    recorder = during.recorder
    windows = {
        "before_import": latency_summary(idle),
        "upload_and_preview": latency_summary(
            recorder.between(marks.get("upload", 0), marks.get("commit", end))
        ),
        "commit_until_imported": latency_summary(recorder.between(marks.get("commit", end), end)),
    }
    windows["before_import"]["errors"] = sum(baseline.recorder.errors.values())
    return {
        "other_user_clients": args.other_clients,
        "pause_between_requests_s": args.pause,
        "rows": IMPORT_ROWS,
        "file_bytes": len(data),
        "upload_limit_bytes": int(
            server.env.get("COFFEECHAT_MAX_UPLOAD_BYTES", DEFAULT_UPLOAD_LIMIT)
        ),
        "import": imported,
        "other_user_today": windows,
        "other_user_errors": sum(recorder.errors.values()),
        "other_user_error_kinds": dict(recorder.errors),
        # Where the import's work ran: the web process (upload, preview) and the worker.
        "web_process_cpu_s": round(server.cpu_seconds() - web_cpu, 2),
        "web_process_rss_mb": server.rss_mb(),
        "worker_cpu_s": round(sum(cpu_seconds(p) - cpu for p, cpu in workers.items()), 2),
        "worker_rss_mb": [rss_mb(pid) for pid in workers],
        "server_log_problems": summarize_problems(server.problems_since(mark)),
    }


# --- One database -----------------------------------------------------------------------------


def prepare(database: str, data_dir: str, upload_limit: int | None) -> tuple[dict, dict]:
    """The environment the server runs with, and what the setup child found."""
    env = base_env(data_dir)
    if database == "postgresql":
        env = server_mode_env(env)  # plain HTTP on loopback: no redirect to HTTPS
        env["DATABASE_URL"] = postgres_url(PG_LOAD_DB)
    if upload_limit:
        env["COFFEECHAT_MAX_UPLOAD_BYTES"] = str(upload_limit)
    env["BENCH_LOAD_PASSWORD"] = secrets.token_urlsafe(18)
    child = [sys.executable, __file__, "--child"]
    subprocess.run([*child, "accounts"], env=env, check=True, timeout=600, capture_output=True)
    started = time.monotonic()
    run_cli(env, "sample-data", "--scale", "heavy", "--user", HEAVY, "--seed", "1", timeout=1800)
    fill_s = time.monotonic() - started
    run_cli(env, "sample-data", "--user", OTHER, timeout=600)
    described = subprocess.run(
        [*child, "describe"], env=env, check=True, timeout=600, capture_output=True, text=True
    )
    found = json.loads(described.stdout.strip().splitlines()[-1])
    found["sample_heavy_fill_s"] = round(fill_s, 1)
    return env, found


def measure_database(database: str, args: argparse.Namespace, data: bytes) -> dict:
    if database == "postgresql" and not reset_postgres(PG_LOAD_DB):
        return {"database": database, "skipped": f"PostgreSQL is not reachable at {PG_ADMIN_URL}"}
    data_dir = tempfile.mkdtemp(prefix="coffeechat-load-")
    upload_limit = len(data) * 2 if len(data) > DEFAULT_UPLOAD_LIMIT else None
    result: dict = {"database": database, "load_average_1min": {}}
    server = None
    try:
        log(f"{database}: preparing the heavy account and the other user (a minute or two)")
        env, found = prepare(database, data_dir, upload_limit)
        result.update(found)
        result["mode"] = "server" if database == "postgresql" else "local"
        if upload_limit:
            result["upload_limit_raised_to"] = upload_limit
        result["load_average_1min"]["before"] = round(os.getloadavg()[0], 2)
        server = Server(env, free_port(), args.server_threads, Path(data_dir) / "server.log")
        server.start()
        result["server"] = {"port": server.port, "threads": args.server_threads}
        log(f"{database}: serving on {HOST}:{server.port}; logging in")
        password = env["BENCH_LOAD_PASSWORD"]
        if result["mode"] == "local":
            heavy = login_with_link(server.port, env, HEAVY)
        else:
            heavy = login_with_password(server.port, HEAVY, password)
        other = login_with_password(server.port, OTHER, password)
        # Local mode names it coffeechat_session; server mode keeps Django's sessionid.
        result["session_cookie"] = [n for n in heavy.cookies if "session" in n]
        pages = {"today": "/", "contact": found["contact_url"]}
        for path in pages.values():  # warm-up: templates compiled, caches filled
            for _ in range(args.warmup):
                heavy.retrying_get(path)
        result["phases"] = []
        for connections in CONNECTION_COUNTS:
            for name, path in pages.items():
                log(f"{database}: {name} with {connections} connections")
                phase = load_phase(
                    server, heavy.cookies, path, connections, args.seconds, args.requests
                )
                result["phases"].append({"page": name, **phase})
        log(f"{database}: other user's Today while heavy imports {IMPORT_ROWS:,} rows")
        result["import_phase"] = import_phase(server, heavy, other.cookies, data, args)
        result["load_average_1min"]["after"] = round(os.getloadavg()[0], 2)
        result["server_log_problems_total"] = summarize_problems(server.problems_since(0))
    except subprocess.CalledProcessError as error:
        stderr = error.stderr.decode("utf-8", "replace") if error.stderr else ""
        result["failed"] = f"setup failed: {stderr[-1500:]}"
    except Exception as error:
        result["failed"] = f"{type(error).__name__}: {error}"
        if server is not None:
            result["server_log_tail"] = server.log_tail()
    finally:
        if server is not None:
            server.stop()
        if database == "postgresql":
            reset_postgres(PG_LOAD_DB, drop_only=True)
        shutil.rmtree(data_dir, ignore_errors=True)
    return result


# --- Setup child: runs with the database's environment, imports Django -------------------------


def child(action: str) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, F

    from coffeechat.people.models import Contact

    User = get_user_model()
    if action == "accounts":
        call_command("migrate", verbosity=0)
        password = os.environ["BENCH_LOAD_PASSWORD"]
        # heavy is the first superuser: in local mode it is the owner login links are for.
        User.objects.create_superuser(HEAVY, f"{HEAVY}@example.com", password)
        User.objects.create_user(OTHER, f"{OTHER}@example.com", password)
        print(json.dumps({"users": [HEAVY, OTHER]}))
        return
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    heavy = User.objects.get(username=HEAVY)
    # The page bench/run.py measures: the referred person with the most conversations and
    # messages, whose page shows the most.
    contact = (
        Contact.objects.owned_by(heavy)
        .filter(referred_by__isnull=False)
        .annotate(
            n=Count("conversations", distinct=True),
            n_messages=Count("messages", distinct=True),
        )
        .annotate(total=F("n") + F("n_messages"))
        .order_by("-total", "pk")
        .first()
    )
    found = {"contact_url": contact.get_absolute_url(), "contact_conversations": contact.n}
    found["contact_messages"] = contact.n_messages
    print(json.dumps({**found, "heavy_contacts": Contact.objects.owned_by(heavy).count()}))


# --- Report -----------------------------------------------------------------------------------


def shown(value) -> str:
    return "—" if value is None else str(value)


def report(results: list[dict]) -> str:
    head = ("database", "page", "conns", "requests", "errors", "req/s", "p50 ms", "p99 ms")
    row = "{:<11}{:<9}{:>6}{:>10}{:>8}{:>8}{:>9}{:>9}{:>9}{:>12}{:>7}"
    lines = [row.format(*head, "max ms", "cpu ms/req", "load")]
    for result in results:
        for p in result.get("phases", []):
            cells = (p["requests"], p["errors"], p["req_per_s"], p["p50_ms"], p["p99_ms"])
            cells = (*cells, p["max_ms"], p["server_cpu_ms_per_request"])
            cells = (*cells, p["load_average_1min_after"])
            lines.append(
                row.format(result["database"], p["page"], p["connections"], *map(shown, cells))
            )
    lines += ["", "other user's Today, p50 / p99 ms (number of 200 answers):"]
    for result in results:
        name, phase = result["database"], result.get("import_phase")
        if not phase:
            continue
        cells = "; ".join(
            f"{window.replace('_', ' ')} {shown(w['p50_ms'])} / {shown(w['p99_ms'])} ({w['ok']})"
            for window, w in phase["other_user_today"].items()
        )
        lines.append(f"  {name}: {cells}; errors {phase['other_user_errors']}")
        done = phase["import"]
        if "failed" in done:
            lines.append(f"  {name}: the import failed: {done['failed']}")
            continue
        lines.append(
            f"  {name}: import of {phase['rows']:,} rows ({phase['file_bytes'] / 2**20:.1f} MB, "
            f"upload limit {phase['upload_limit_bytes'] / 2**20:.1f} MB): upload "
            f"{done['upload_s']} s, preview {done['preview_s']} s, commit request "
            f"{done['commit_request_s']} s, until imported {done['commit_to_done_s']} s, total "
            f"{done['total_s']} s, {shown(done.get('created'))} created"
            + ("" if done["finished"] else f"; NOT FINISHED ({done['final_status']!r})")
        )
        lines.append(
            f"  {name}: CPU meanwhile: web process {phase['web_process_cpu_s']} s, worker "
            f"{phase['worker_cpu_s']} s; memory: web {phase['web_process_rss_mb']} MB, worker "
            f"{phase['worker_rss_mb']} MB"
        )
    lines.append("")
    for result in results:
        name, load = result["database"], result.get("load_average_1min", {})
        if "skipped" in result or "failed" in result:
            lines.append(
                f"{name}: {'skipped' if 'skipped' in result else 'FAILED'}: "
                f"{result.get('skipped') or result['failed']}"
            )
        if "mode" not in result:
            continue
        lines.append(
            f"{name}: {result['mode']} mode, session cookie {result.get('session_cookie')}, "
            f"{result.get('server', {}).get('threads')} server threads, contact "
            f"{result.get('contact_url')}, load average {load.get('before')} before, "
            f"{load.get('after')} after ({os.cpu_count()} cores); server log: "
            f"{result.get('server_log_problems_total') or 'nothing wrong'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql", "postgres", "both"], default="both"
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="cap per phase")
    parser.add_argument("--requests", type=int, default=3000, help="cap per phase")
    parser.add_argument("--import-seconds", type=float, default=600.0, help="cap on the import")
    parser.add_argument("--other-clients", type=int, default=3, help="other user's clients")
    parser.add_argument("--pause", type=float, default=0.2, help="other user's think time, s")
    parser.add_argument("--warmup", type=int, default=10, help="requests per page first")
    parser.add_argument("--server-threads", type=int, default=4, help="coffeechat serve --threads")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the server on kill too
    chosen = "postgresql" if args.database == "postgres" else args.database
    databases = ["sqlite", "postgresql"] if chosen == "both" else [chosen]
    data = linkedin_csv(IMPORT_ROWS, seed=9)  # other people than the heavy sample's
    if len(data) > DEFAULT_UPLOAD_LIMIT:
        log(f"the {len(data):,}-byte file exceeds 10 MB: COFFEECHAT_MAX_UPLOAD_BYTES is raised")
    uptime_before = uptime()
    results = [measure_database(database, args, data) for database in databases]
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    payload = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "caps": {
            "seconds_per_phase": args.seconds,
            "requests_per_phase": args.requests,
            "import_seconds": args.import_seconds,
        },
        "uptime": {"before": uptime_before, "after": uptime()},
        "results": results,
    }
    (out / "load_smoke.json").write_text(json.dumps(payload, indent=2) + "\n")
    print(report(results))
    print(f"uptime before: {uptime_before}\nuptime after:  {payload['uptime']['after']}")
    print(f"\nWrote {out / 'load_smoke.json'}")


if __name__ == "__main__":
    main()
