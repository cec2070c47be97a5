"""Locust users for bench/load.py: a seeker asking for Today, a coach for their dashboard and a
seeker for the volunteer directory (and, as a control, a coach with a single sharing seeker
for the dashboard), each with a session made on the server side (a pool of
them, handed out in turn), on 127.0.0.1 only.

bench/load.py runs this file as a script, in a process of its own (locust patches the standard
library for gevent when imported), and reads the latencies it prints:

    .venv/bin/python bench/locustfile.py --host http://127.0.0.1:PORT --plan PLAN.json \\
        --users 8 --seconds 20

It is a locustfile too, for looking at a center bench/load.py left running by hand:

    BENCH_LOAD_PLAN=PLAN.json .venv/bin/locust -f bench/locustfile.py --headless \\
        -u 8 -r 8 -t 20s --host http://127.0.0.1:PORT

PLAN.json (written by bench/load.py's set-up) names the session cookie, each page's path and
persona, and the session keys of each persona.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, between, events, task
from locust.env import Environment
from locust.log import setup_logging

HOST = "127.0.0.1"  # the only address the load test ever talks to
_plan: dict = {}
_pools: dict[str, itertools.cycle] = {}


def check_host(url: str | None) -> None:
    parts = urlsplit(url or "")
    if parts.scheme != "http" or parts.hostname != HOST or not parts.port:
        raise SystemExit(f"the load test talks to http://{HOST}:PORT only, not {url!r}")


def load_plan(path: str) -> None:
    with open(path, encoding="utf-8") as plan_file:
        _plan.update(json.load(plan_file))
    _pools.update(
        {persona: itertools.cycle(keys) for persona, keys in _plan["sessions"].items() if keys}
    )


@events.test_start.add_listener
def _before_start(environment, **kwargs) -> None:
    check_host(environment.host)
    if not _plan:
        load_plan(os.environ["BENCH_LOAD_PLAN"])


class CenterUser(FastHttpUser):
    """One person asking for one page again and again, with a pause between requests."""

    abstract = True
    page = ""
    wait_time = between(0.5, 1.5)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        check_host(self.host)
        page = _plan["pages"][self.page]
        self.path = page["path"]
        self.headers = {
            "Cookie": f"{_plan['cookie_name']}={next(_pools[page['persona']])}",
            "Accept": "text/html",
        }

    @task
    def visit(self) -> None:
        with self.client.get(
            self.path,
            name=self.page,
            headers=self.headers,
            allow_redirects=False,  # a session that stopped working is a failure, not a login
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Today(CenterUser):
    page = "today"


class CoachDashboard(CenterUser):
    page = "coach_dashboard"


class VolunteerDirectory(CenterUser):
    page = "volunteer_directory"


class CoachDashboardOne(CenterUser):
    """The control: a coach with one sharing seeker, in the small center and the large."""

    page = "coach_dashboard_one"


def run(host: str, users: int, spawn_rate: float, seconds: float) -> dict:
    """Run the users for `seconds` and return every successful request's latency by page
    (milliseconds, unrounded) and the failures by kind."""
    check_host(host)
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: Counter = Counter()

    def record(request_type, name, response_time, response_length, exception=None, **kw):
        if exception is None:
            latencies[name].append(response_time)
        else:
            failures[f"{name}: {str(exception)[:80]}"] += 1

    environment = Environment(
        user_classes=[Today, CoachDashboard, VolunteerDirectory, CoachDashboardOne],
        host=host,
        events=events,
    )
    environment.events.request.add_listener(record)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=spawn_rate)
    gevent.spawn_later(seconds, runner.quit)
    if not runner.greenlet.join(timeout=seconds + 60):  # bounded: at most a minute over
        runner.quit()
    return {
        "latencies_ms": {name: [round(v, 3) for v in values] for name, values in latencies.items()},
        "failures": dict(failures),
        "requests": sum(len(values) for values in latencies.values()) + sum(failures.values()),
        "users": users,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="bench/load.py's locust run, headless")
    parser.add_argument("--host", required=True, help=f"http://{HOST}:PORT")
    parser.add_argument("--plan", required=True, help="sessions and pages, from bench/load.py")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--spawn-rate", type=float, default=8.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--wait", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"))
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 0 < args.seconds <= 600:
        parser.error("--users 1 to 200 and --seconds up to 600: the load test is bounded")
    setup_logging("WARNING")
    load_plan(args.plan)
    CenterUser.wait_time = between(*args.wait)
    result = run(args.host, args.users, args.spawn_rate, args.seconds)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
