"""Staff and coaches never read a seeker's words: a marker planted in every text field of every
row of every model appears on no page a coach or a center admin can open, in no export or CSV
they can download, and in no email the center sends them.

The coach here is shared progress figures only, and the seeker picked nothing to show them,
so nothing written by the seeker may reach them. Fields that name someone on purpose (a login
name, the name a seeker shows, a cohort's or a volunteer's public profile) are listed with
the reason they are not private text.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django_tasks import default_task_backend

from coffeechat.center import reviews
from coffeechat.center.models import Role
from coffeechat.center.notifications import send_email
from coffeechat.core.fields import TimeZoneField
from coffeechat.outreach.models import Message
from tests.center_factories import (
    make_coach,
    make_cohort,
    make_member,
    make_share,
    make_volunteer,
    make_volunteer_request,
)
from tests.factories import make_one_of_everything
from tests.test_center_personas import CENTER_KWARGS, ROUTES
from tests.test_stranger import NON_OBJECT_KWARGS, visible_text
from tests.urlwalk import owned_model_for_kwarg

MARKER = "Vqzmarkerx"

# Text that is not a seeker's private words, and why.
NOT_PRIVATE = {
    ("accounts", "seekerprofile", "display_name"): "the name a seeker goes by, shown to coaches",
    ("accounts", "loginlink"): "a token's hash",
    ("accounts", "throttlecount"): "counts of attempts",
    ("center", "cohort"): "named by the center",
    ("center", "invitation"): "made by the center",
    ("center", "volunteerprofile"): "a volunteer's profile, public in the directory",
    ("prepare", "document", "stored_name"): "a file name the app makes up",
    ("prepare", "document", "sha256"): "a checksum",
    ("prepare", "document", "content_type"): "a file type",
    ("prepare", "question", "builtin_key"): "a key of the built-in question bank",
    ("search", "searchentry", "kind"): "which kind of row an entry stands for",
}


def _is_private(model, field) -> bool:
    meta = model._meta
    if (meta.app_label, meta.model_name) in NOT_PRIVATE:
        return False
    if (meta.app_label, meta.model_name, field.name) in NOT_PRIVATE:
        return False
    if not isinstance(field, models.CharField | models.TextField) or field.choices:
        return False
    return not isinstance(field, TimeZoneField) and not field.primary_key


def _marked(field, pk) -> str:
    """The marker, made unique to the row (some text is unique per account or per kind)."""
    if isinstance(field, models.EmailField):
        return f"{MARKER}{pk}@example.org"
    if isinstance(field, models.URLField):
        return f"https://example.org/{MARKER}/{pk}"
    return f"{MARKER} {pk}"[: field.max_length or None]


def plant_marker_everywhere() -> list[str]:
    """The marker in every private text field of every row in the database; the fields."""
    planted = []
    for model in apps.get_models():
        label = model._meta.app_label
        if label in {"contenttypes", "sessions", "admin", "axes", "auth"}:
            continue  # Django's own tables: permissions, sessions, login attempts
        if label.startswith("django_tasks"):
            continue  # the queue holds ids and the emails below, checked there
        private = [f for f in model._meta.concrete_fields if _is_private(model, f)]
        rows = list(model.objects.values_list("pk", flat=True)) if private else []
        for pk in rows:
            model.objects.filter(pk=pk).update(**{f.attname: _marked(f, pk) for f in private})
        if rows:
            planted += [f"{model._meta.label}.{f.name}" for f in private]
    return planted


@pytest.fixture
def world(db, settings):
    settings.LOCAL_MODE = False
    settings.ALLOWED_HOSTS = ["cc.example.edu", "testserver"]
    cohort = make_cohort("Economics 2027")
    seeker = make_member("seeker", Role.SEEKER, cohort)
    objects = make_one_of_everything(seeker, MARKER)
    other_coach = make_coach("other_coach", cohort)
    volunteer = make_volunteer("volunteer")
    request = make_volunteer_request(seeker, volunteer, "Hello")
    review = reviews.ask(make_share(seeker, other_coach), objects[Message], "Is it clear?")
    planted = plant_marker_everywhere()
    # The coach and the admin come after: their own rows (a question bank, a profile) are
    # theirs to read.
    coach = make_coach("coach", cohort)
    share = make_share(seeker, coach, progress=True, plans=False)
    admin = make_member("center_admin", Role.ADMIN)
    rows = {
        "share": share,
        "seeker": seeker,
        "volunteer_request": request,
        "cohort": cohort,
        "invitation": None,
        "membership": seeker.membership,
        "review": review,
        "volunteer_profile": volunteer.volunteer_profile,
    }
    return {
        "objects": objects,
        "rows": rows,
        "coach": coach,
        "admin": admin,
        "planted": planted,
        "seeker": seeker,
        "volunteer": volunteer,
    }


def test_the_marker_is_planted_in_every_kind_of_private_text(world):
    planted = set(world["planted"])
    for expected in (
        "people.Contact.notes",
        "conversations.Conversation.notes",
        "conversations.Takeaway.text",
        "outreach.Message.body",
        "accounts.SeekerProfile.employers",
        "center.VolunteerRequest.message",
        "center.Review.original",
        "search.SearchEntry.body",
    ):
        assert expected in planted


def _url(route, world) -> str | None:
    kwargs = {}
    for kwarg in route.kwarg_names:
        model = owned_model_for_kwarg(kwarg)
        if model is not None:
            kwargs[kwarg] = world["objects"][model].pk
        elif kwarg in CENTER_KWARGS:
            row = world["rows"][CENTER_KWARGS[kwarg]]
            if row is None:
                return None
            kwargs[kwarg] = row.pk
        else:
            kwargs[kwarg] = NON_OBJECT_KWARGS[kwarg]
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("persona", ["coach", "admin"])
def test_no_page_or_download_of_staff_shows_a_seekers_words(persona, client, world):
    client.force_login(world[persona])
    leaks = []
    for route in ROUTES:
        url = _url(route, world)
        if url is None:
            continue
        for query in ({}, {"q": MARKER[:5]}, {"days": "365"}):
            response = client.get(url, query)
            if response.status_code == 200 and MARKER in visible_text(response):
                leaks.append(url)
    assert not leaks, f"{persona} reads the seeker's words on: {leaks}"


def _send_queued_emails() -> list:
    for result in list(default_task_backend.results):
        if result.task.name == send_email.name:
            send_email.call(*result.args, **result.kwargs)
    return list(mail.outbox)


def test_no_email_to_staff_carries_a_seekers_words(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    coach = world["coach"]
    share = world["rows"]["share"]
    with django_capture_on_commit_callbacks(execute=True):
        review = reviews.ask(share, world["objects"][Message], f"{MARKER} is it clear?")
        reviews.answer(review, "Shorter, please.", f"{MARKER} shorter")
    sent = _send_queued_emails()
    to_staff = [m for m in sent if set(m.to) & {coach.email, world["admin"].email}]
    assert to_staff, "the coach is told about the request for review"
    for message in to_staff:
        assert MARKER not in message.subject + message.body
