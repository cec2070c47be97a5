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
import random
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
SOLO_COACH = "coachsolo"
RATIO_BUDGET = 1.2
SESSION_POOL = 50  # seekers and coaches whose sessions locust's users share out
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
    parser.add_argument("--seconds", type=float, default=30.0, help="per round and size")
    parser.add_argument("--rounds", type=int, default=4, help="alternating between the sizes")
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


# --- Setup child: runs with the center's environment, imports Django ---------------------------


def setup_center(seekers: int, coaches: int, volunteers: int) -> dict:
    """Make the center in bulk, sessions for a pool of seekers and coaches, and count each
    page's queries; returns what locust needs (the plan) and what the setup took."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from coffeechat.core.statistics import refresh_statistics
    from coffeechat.search.indexing import rebuild

    timings: dict[str, float] = {}

    def timed(name, function, *arguments):
        started = time.perf_counter()
        value = function(*arguments)
        timings[name] = round(time.perf_counter() - started, 2)
        return value

    timed("migrate_s", lambda: call_command("migrate", verbosity=0))
    now = timezone.now()
    with transaction.atomic():
        people = timed("accounts_s", make_accounts, seekers, coaches, volunteers)
        timed("seeker_data_s", make_seeker_data, people["seekers"], now)
        timed("center_s", make_center_rows, people, now)
        timed("search_index_s", rebuild)
    timed("statistics_s", refresh_statistics)
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cursor:
            timed("vacuum_s", lambda: cursor.execute("VACUUM ANALYZE"))
    plan = session_plan(people)
    plan["setup"] = {**timings, **row_counts(), "queries": page_queries(plan)}
    plan["setup"]["server_side_ms"] = page_times(plan)
    return plan


def make_accounts(seekers: int, coaches: int, volunteers: int) -> dict:
    """Accounts as sign-up makes them (a profile and the question bank each), in bulk."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from coffeechat.accounts.models import SeekerProfile
    from coffeechat.core.bulk import insert_rows
    from coffeechat.prepare.models import Question
    from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS

    User = get_user_model()
    password = make_password(None)  # unusable: everyone comes in with a session made here
    names = (
        [f"seeker{n:04d}" for n in range(seekers)]
        + [f"coach{n:02d}" for n in range(coaches)]
        + [f"alum{n:03d}" for n in range(volunteers)]
        + [SOLO_COACH]
    )
    users = User.objects.bulk_create(
        [User(username=name, email=f"{name}@example.edu", password=password) for name in names],
        batch_size=2000,
    )
    SeekerProfile.objects.bulk_create(
        [
            SeekerProfile(
                owner=user,
                display_name=user.username.title(),
                school="Example University",
                program="BA Economics, 2027",
                current_role="a third-year economics student",
            )
            for user in users
        ],
        batch_size=2000,
    )
    created = timezone.now()
    insert_rows(
        Question._meta.db_table,
        ["owner_id", "text", "category", "tiara", "hidden", "builtin_key"]
        + ["created_at", "updated_at"],
        [
            (user.pk, q.text, q.category, q.tiara, False, q.key, created, created)
            for user in users
            for q in BUILTIN_QUESTIONS
        ],
    )
    return {
        "seekers": users[:seekers],
        "coaches": users[seekers : seekers + coaches],
        "volunteers": users[seekers + coaches : -1],
        "solo_coach": users[-1],
    }


def make_seeker_data(seekers: list, now) -> None:
    """Every seeker's search, the same shape for each (only names differ), so that Today costs
    the same whoever asks: 2 fields, 4 organizations, 10 people, 7 conversations at every stage
    (a request past 3 and one past 7 business days, one coming, one held without thanks, …),
    14 messages, 9 takeaways, 8 agenda items, 4 tasks, 2 logged interactions, a pitch, a lead."""
    from datetime import timedelta

    from coffeechat.conversations import lifecycle
    from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
    from coffeechat.followup.models import JobLead, Task
    from coffeechat.outreach.models import Message
    from coffeechat.people.models import Contact, Interaction, Source
    from coffeechat.prepare.models import Pitch
    from coffeechat.research.models import CareerField, Organization
    from coffeechat.sample_data import words

    batch = 2000
    S = Conversation.Status
    day = timedelta(days=1)
    fields, organizations = [], []
    for n, seeker in enumerate(seekers):
        for i in range(2):
            name, industry, _ = words.FIELDS[(n + i) % len(words.FIELDS)]
            fields.append(CareerField(owner=seeker, name=name, industry=industry))
        for i in range(4):
            organization = Organization(
                owner=seeker,
                name=f"{words.ORG_WORDS[(n + i) % 20]} {words.ORG_KINDS[i]} {n}",
                industry=words.INDUSTRIES[i],
                location=words.CITIES[(n + i) % len(words.CITIES)],
                motivation=3 - i % 3,
                posting=1 + i % 3,
                in_focus=i < 2,
            )
            organization.derive_fields()
            organizations.append(organization)
    fields = CareerField.objects.bulk_create(fields, batch_size=batch)
    organizations = Organization.objects.bulk_create(organizations, batch_size=batch)
    sources = [Source.ALUMNI, Source.LINKEDIN_1ST, Source.PROFESSOR, Source.EVENT, Source.COLD]
    contacts = []
    for n, seeker in enumerate(seekers):
        for i in range(10):
            first = words.FIRST_NAMES[(n * 7 + i) % len(words.FIRST_NAMES)]
            last = words.LAST_NAMES[(n * 3 + i) % len(words.LAST_NAMES)]
            contact = Contact(
                owner=seeker,
                first_name=first,
                last_name=last,
                title=words.TITLES[(n + i) % len(words.TITLES)],
                organization=organizations[n * 4 + i % 4] if i < 8 else None,
                email=f"{first}.{last}.{n}.{i}@example.com".lower().replace("'", ""),
                source=sources[i % len(sources)],
                connected_on=(now - (200 + i) * day).date(),
            )
            contact.derive_fields()
            contacts.append(contact)
    contacts = Contact.objects.bulk_create(contacts, batch_size=batch)
    for n in range(len(seekers)):  # the last person was referred by the first
        contacts[n * 10 + 9].referred_by = contacts[n * 10]
        contacts[n * 10 + 9].source = Source.REFERRAL
    Contact.objects.bulk_update(
        [contacts[n * 10 + 9] for n in range(len(seekers))],
        ["referred_by", "source"],
        batch_size=batch,
    )
    # (status, days from now of the moment that status is about)
    stages = [
        (S.KEEPING_IN_TOUCH, -120),
        (S.THANKED, -40),
        (S.HELD, -3),
        (S.SCHEDULED, 2),
        (S.REQUESTED, -5),
        (S.REQUESTED, -12),
        (S.PLANNED, 0),
    ]
    conversations = []
    for n, seeker in enumerate(seekers):
        for i, (status, days) in enumerate(stages):
            contact = contacts[n * 10 + i]
            moment = (now + days * day).replace(minute=0, second=0, microsecond=0)
            moments = {"requested_at": moment}
            if status not in (S.REQUESTED, S.PLANNED):
                moments["requested_at"] = moment - 10 * day
                moments["replied_at"] = moment - 8 * day
                moments["scheduled_at"] = moments["held_at"] = moment
                moments["thanked_at"] = moment + day
            conversation = Conversation(
                owner=seeker,
                contact=contact,
                organization_id=contact.organization_id,
                field=fields[n * 2 + i % 2],
                agreed_minutes=20,
                goals=f"Learn how {contact.first_name} got into the field.",
                notes=words.AGENDA_NOTES[i % len(words.AGENDA_NOTES)] if days < 0 else "",
                usefulness=4 if status in lifecycle.TOOK_PLACE else None,
            )
            lifecycle.settle(conversation, status, moments)
            conversations.append(conversation)
    conversations = Conversation.objects.bulk_create(conversations, batch_size=batch)
    per = len(stages)
    messages, takeaways, agenda, tasks, interactions, pitches, leads = [], [], [], [], [], [], []
    for n, seeker in enumerate(seekers):
        mine = conversations[n * per : (n + 1) * per]
        for conversation in mine[:6]:  # a request sent for everything past planned
            messages.append(
                Message(
                    owner=seeker,
                    contact=conversation.contact,
                    conversation=conversation,
                    kind=Message.Kind.REQUEST,
                    subject="A short conversation about your work?",
                    body=words.MESSAGE_BODIES[n % len(words.MESSAGE_BODIES)].format(
                        field="your field"
                    ),
                    status=Message.Status.SENT,
                    sent_at=conversation.requested_at,
                )
            )
        for conversation in mine[:4]:
            messages.append(
                Message(
                    owner=seeker,
                    contact=conversation.contact,
                    conversation=conversation,
                    kind=Message.Kind.REPLY,
                    body="Happy to talk. Does Thursday work?",
                    status=Message.Status.RECEIVED,
                    sent_at=conversation.replied_at,
                )
            )
        for conversation, kind in ((mine[0], "THANK_YOU"), (mine[1], "THANK_YOU")):
            messages.append(
                Message(
                    owner=seeker,
                    contact=conversation.contact,
                    conversation=conversation,
                    kind=getattr(Message.Kind, kind),
                    subject="Thank you",
                    body="Thank you for your time and advice; I am reading the report you named.",
                    status=Message.Status.SENT,
                    sent_at=conversation.thanked_at,
                )
            )
        messages.append(
            Message(
                owner=seeker,
                contact=mine[0].contact,
                conversation=mine[0],
                kind=Message.Kind.UPDATE,
                body="A short update: I followed your advice and took the SQL course.",
                status=Message.Status.SENT,
                sent_at=now - 60 * day,
            )
        )
        messages.append(
            Message(
                owner=seeker,
                contact=mine[6].contact,
                conversation=mine[6],
                kind=Message.Kind.REQUEST,
                subject="Your path into research",
                body="I am a third-year economics student exploring research careers.",
            )
        )
        for conversation in mine[:3]:
            for k in range(3):
                category, text = words.TAKEAWAYS[(n + k) % len(words.TAKEAWAYS)]
                takeaways.append(
                    Takeaway(owner=seeker, conversation=conversation, category=category, text=text)
                )
        for conversation, asked in ((mine[2], True), (mine[3], False)):
            for k in range(4):
                agenda.append(
                    AgendaItem(
                        owner=seeker,
                        conversation=conversation,
                        text="What does a first year in this role look like?",
                        position=k,
                        minutes=3,
                        asked=asked,
                        notes=words.AGENDA_NOTES[k] if asked else "",
                    )
                )
        held, scheduled, late = mine[2], mine[3], mine[5]
        for kind, title, conversation, due, done in (
            (Task.Kind.THANK_YOU, "Thank {name}", held, -1, False),
            (Task.Kind.FOLLOW_UP, "Follow up with {name}", late, 0, False),
            (Task.Kind.PREPARE, "Prepare questions for {name}", scheduled, 1, False),
            (Task.Kind.SEND_RESUME, "Send my résumé to {name}", mine[1], -30, True),
        ):
            tasks.append(
                Task(
                    owner=seeker,
                    kind=kind,
                    title=title.format(name=conversation.contact.first_name),
                    due_on=(now + due * day).date(),
                    done=done,
                    done_at=now - 29 * day if done else None,
                    contact=conversation.contact,
                    conversation=conversation,
                )
            )
        for conversation, days in ((mine[0], 30), (mine[1], 20)):
            interactions.append(
                Interaction(
                    owner=seeker,
                    contact=conversation.contact,
                    conversation=conversation,
                    kind=Interaction.Kind.EMAIL,
                    occurred_at=now - days * day,
                    summary=words.INTERACTION_NOTES[n % len(words.INTERACTION_NOTES)],
                )
            )
        pitches.append(
            Pitch(
                owner=seeker,
                who_i_am="I am a third-year economics student.",
                what_i_am_exploring="Data analytics in health care.",
                what_i_am_asking="Twenty minutes of your time to learn how you got there.",
                text="I am a third-year economics student exploring data analytics.",
            )
        )
        leads.append(
            JobLead(
                owner=seeker,
                role=words.JOB_ROLES[n % len(words.JOB_ROLES)],
                organization_id=mine[1].organization_id,
                contact=mine[1].contact,
                conversation=mine[1],
            )
        )
    for model, rows in (
        (Message, messages),
        (Takeaway, takeaways),
        (AgendaItem, agenda),
        (Task, tasks),
        (Interaction, interactions),
        (Pitch, pitches),
        (JobLead, leads),
    ):
        model.objects.bulk_create(rows, batch_size=batch)


def make_center_rows(people: dict, now) -> None:
    """Cohorts (cohort n coached by coaches n and n+1), every seeker in cohort n % coaches
    sharing progress (a third their plans too) with its first coach, approved volunteers with
    profiles, and two requests from every seeker, spread over half a year."""
    from datetime import timedelta

    from coffeechat.center.models import (
        Cohort,
        Membership,
        Role,
        Share,
        VolunteerProfile,
        VolunteerRequest,
    )

    seekers, coaches, volunteers = people["seekers"], people["coaches"], people["volunteers"]
    cohorts = Cohort.objects.bulk_create(
        [Cohort(name=f"Economics 2027 · group {n + 1:02d}") for n in range(len(coaches))]
    )
    through = Cohort.coaches.through
    links = {(n, m) for n in range(len(coaches)) for m in (n, (n + 1) % len(coaches))}
    through.objects.bulk_create(
        [through(cohort_id=cohorts[c].pk, user_id=coaches[u].pk) for c, u in sorted(links)]
        + [through(cohort_id=cohorts[0].pk, user_id=people["solo_coach"].pk)]
    )
    joined = now - timedelta(days=200)
    Membership.objects.bulk_create(
        [
            Membership(user=seeker, role=Role.SEEKER, cohort=cohorts[n % len(cohorts)])
            for n, seeker in enumerate(seekers)
        ]
        + [
            Membership(user=coach, role=Role.COACH, approved_at=joined)
            for coach in [*coaches, people["solo_coach"]]
        ]
        + [Membership(user=alum, role=Role.VOLUNTEER, approved_at=joined) for alum in volunteers],
        batch_size=2000,
    )
    Share.objects.bulk_create(
        [
            Share(seeker=seeker, coach=coaches[n % len(coaches)], progress=True, plans=n % 3 == 0)
            for n, seeker in enumerate(seekers)
        ]
        + [Share(seeker=seekers[0], coach=people["solo_coach"], progress=True)],
        batch_size=2000,
    )
    field_names = [
        "Economic consulting",
        "Data analytics",
        "Public policy",
        "Health care management",
        "Investment banking",
        "User research",
        "Non-profit management",
        "Journalism",
        "Product management",
        "Environmental policy",
        "Teaching",
        "Software engineering",
    ]
    profiles = []
    for n, alum in enumerate(volunteers):
        field = field_names[n % len(field_names)]
        profiles.append(
            VolunteerProfile(
                user=alum,
                display_name=f"Alum {n:03d}",
                field=field,
                organization=f"{['Northwind', 'Contoso', 'Fabrikam', 'Tailspin'][n % 4]} {n}",
                title=["Analyst", "Senior associate", "Manager", "Director"][n % 4],
                topics=f"How I got into {field.lower()}\nWhat a first year looks like\n"
                "Graduate school or not",
                class_year=1995 + n % 30,
                available=n % 20 != 0,
                capacity=5 if n % 4 == 0 else 3,
                email=f"alum{n:03d}@alumni.example.org",
            )
        )
    VolunteerProfile.objects.bulk_create(profiles, batch_size=2000)
    Status = VolunteerRequest.Status
    closed = [Status.ACCEPTED, Status.ACCEPTED, Status.DECLINED, Status.EXPIRED, Status.WITHDRAWN]
    requests = []
    for n, seeker in enumerate(seekers):
        seeker_rng = random.Random(n)  # the same two requests whatever the center's size
        for k in range(2):
            waiting = k == 1 and n % 3 == 0
            sent = now - timedelta(
                hours=seeker_rng.randrange(1, 24 * 6)
                if waiting
                else seeker_rng.randrange(170, 24 * 180)
            )
            status = Status.OPEN if waiting else seeker_rng.choice(closed)
            requests.append(
                VolunteerRequest(
                    seeker=seeker,
                    volunteer=seeker_rng.choice(volunteers),
                    message="I found you in our career center's directory of alumni volunteers.",
                    status=status,
                    created_at=sent,
                    expires_at=sent + timedelta(days=VolunteerRequest.DAYS_OPEN),
                    answered_at=None if waiting else sent + timedelta(days=2),
                )
            )
    VolunteerRequest.objects.bulk_create(requests, batch_size=2000)


def session_plan(people: dict) -> dict:
    """Sessions made on the server side, as a login would make them, for the first seekers
    and for every coach someone shares with: no login form, so no login throttle."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.urls import reverse

    from coffeechat.center.models import Share

    store = import_module(settings.SESSION_ENGINE).SessionStore
    sharing_coaches = set(Share.objects.values_list("coach", flat=True))
    pools = {
        "seeker": people["seekers"][:SESSION_POOL],
        "coach": [coach for coach in people["coaches"] if coach.pk in sharing_coaches][
            :SESSION_POOL
        ],
        "solo_coach": [people["solo_coach"]],
    }
    sessions = {}
    for persona, users in pools.items():
        keys = []
        for user in users:
            session = store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys.append(session.session_key)
        sessions[persona] = keys
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "pages": {
            "today": {"path": reverse("today:today"), "persona": "seeker"},
            "coach_dashboard": {"path": reverse("center:coach_dashboard"), "persona": "coach"},
            "volunteer_directory": {
                "path": reverse("center:volunteer_directory"),
                "persona": "seeker",
            },
            "coach_dashboard_one": {
                "path": reverse("center:coach_dashboard"),
                "persona": "solo_coach",
            },
        },
        "sessions": sessions,
    }


def page_queries(plan: dict) -> dict:
    """SQL queries of one request of each page, for the first session of its persona."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, page in plan["pages"].items():
        client = Client(HTTP_HOST=HOST)
        client.cookies[plan["cookie_name"]] = plan["sessions"][page["persona"]][0]
        assert client.get(page["path"]).status_code == 200, name
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page["path"]).status_code == 200, name
        counts[name] = len(queries)
    return counts


def page_times(plan: dict, rounds: int = 30) -> dict:
    """Each page's time inside Django (middleware, view, template) through the test client,
    one request at a time after 3 warm-ups, as bench/run.py measures: what the data alone
    costs, without the network, the load or the other requests."""
    from django.test import Client

    times = {}
    for name, page in plan["pages"].items():
        client = Client(HTTP_HOST=HOST)
        client.cookies[plan["cookie_name"]] = plan["sessions"][page["persona"]][0]
        for _ in range(3):
            client.get(page["path"])
        latencies = []
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(page["path"])
            latencies.append((time.perf_counter() - started) * 1000)
        times[name] = {"p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95)}
    return times


def row_counts() -> dict:
    from django.contrib.auth import get_user_model

    from coffeechat.center.models import Share, VolunteerProfile, VolunteerRequest
    from coffeechat.conversations.models import Conversation
    from coffeechat.outreach.models import Message
    from coffeechat.people.models import Contact
    from coffeechat.prepare.models import Question
    from coffeechat.search.models import SearchEntry

    models = {
        "accounts": get_user_model(),
        "contacts": Contact,
        "conversations": Conversation,
        "messages": Message,
        "questions": Question,
        "search_entries": SearchEntry,
        "shares": Share,
        "volunteer_profiles": VolunteerProfile,
        "volunteer_requests": VolunteerRequest,
    }
    return {name: model.objects.count() for name, model in models.items()}


if __name__ == "__main__":
    main()
