"""The center bench/load.py measures, made in bulk in a child process that runs with the
center's environment (server mode, its own data folder and database): accounts as sign-up makes
them, each seeker's small dataset, cohorts, shares and alumni volunteers with their requests,
server-side sessions for a pool of seekers and coaches, and each page's queries and time inside
Django one request at a time. bench/load.py runs it as `load.py --child-setup` and reads the
plan it prints."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_session import HOST
from setup_helpers import percentile

SOLO_COACH = "coachsolo"
SESSION_POOL = 50  # seekers and coaches whose sessions locust's users share out


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
