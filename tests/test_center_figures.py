"""The center's figures: counts and moments per cohort and for the center, as a page with
charts and tables and as CSV, for center admins only."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coffeechat.center import figures
from coffeechat.center.models import Role, VolunteerRequest
from coffeechat.conversations.models import Conversation
from tests.center_factories import (
    make_coach,
    make_cohort,
    make_member,
    make_volunteer,
    make_volunteer_request,
)
from tests.factories import make_conversation, make_user

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def server_mode(settings):
    settings.LOCAL_MODE = False


@pytest.fixture
def admin(db):
    return make_member("center_admin", Role.ADMIN)


def _asked(seeker, *, replied=False, held=None, thanked_after=None, days_ago=3):
    now = timezone.now()
    requested = now - days_ago * DAY
    conversation = make_conversation(seeker, status=Conversation.Status.REQUESTED)
    Conversation.objects.filter(pk=conversation.pk).update(
        requested_at=requested,
        replied_at=requested + HOUR if replied else None,
        held_at=held,
        thanked_at=held + thanked_after if held and thanked_after else None,
    )
    return conversation


@pytest.fixture
def center(admin):
    economics = make_cohort("Economics 2027")
    history = make_cohort("=History 2028")  # a name a spreadsheet would run as a formula
    ana, ben = (make_member(n, Role.SEEKER, economics) for n in ("ana", "ben"))
    cy = make_member("cy", Role.SEEKER, history)
    loner = make_user("loner")  # a seeker of no cohort
    make_coach("coach", economics)  # a coach's own data counts for no cohort
    now = timezone.now()
    _asked(ana, replied=True, held=now - 2 * DAY, thanked_after=DAY)
    _asked(ana, replied=True, held=now - 4 * DAY, thanked_after=3 * DAY)
    _asked(ben)
    _asked(ben, days_ago=40)  # outside the 30 days
    _asked(cy, replied=True)
    _asked(loner)
    volunteers = [make_volunteer(f"vol{n}") for n in range(3)]
    accepted = make_volunteer_request(ana, volunteers[0], "Hello")
    VolunteerRequest.objects.filter(pk=accepted.pk).update(
        status=VolunteerRequest.Status.ACCEPTED, answered_at=accepted.created_at + 6 * HOUR
    )
    declined = make_volunteer_request(ben, volunteers[0], "Hello")
    VolunteerRequest.objects.filter(pk=declined.pk).update(
        status=VolunteerRequest.Status.DECLINED, answered_at=declined.created_at + 10 * HOUR
    )
    make_volunteer_request(cy, volunteers[1], "Hello")  # still open
    return {"economics": economics, "history": history}


def test_figures_per_cohort_and_for_the_center(admin, center):
    result = figures.center_figures(admin, 30)
    by_label = {group.label: group for group in result.cohorts}
    economics = by_label["Economics 2027"]
    assert (economics.seekers, economics.requests, economics.replies) == (2, 3, 2)
    assert economics.reply_rate == 67
    assert (economics.held, economics.thanked_in_time, economics.thank_rate) == (2, 1, 50)
    assert (economics.volunteer_requests, economics.volunteer_accepted) == (2, 1)
    assert economics.acceptance_rate == 50
    assert economics.median_response_hours == 8.0
    assert economics.active_seekers == 2
    history = by_label["=History 2028"]
    assert (history.seekers, history.requests, history.reply_rate) == (1, 1, 100)
    assert history.acceptance_rate is None  # the one request is still open
    assert by_label[figures.NO_COHORT].seekers == 1
    assert result.total.requests == 5 and result.total.seekers == 4
    load = result.load
    assert (load.volunteers, load.most, load.median, load.never_asked) == (3, 2, 1, 1)
    assert load.never_asked_share == 33


def test_the_page_shows_tables_and_charts(client, admin, center):
    client.force_login(admin)
    page = client.get(reverse("center:figures")).content.decode()
    assert "Economics 2027" in page and "67% (2)" in page
    assert page.count("<svg") >= 3
    cohort_page = client.get(reverse("center:cohort_figures", args=[center["economics"].pk]))
    assert "Economics 2027" in cohort_page.content.decode()
    assert "<svg" in cohort_page.content.decode()
    assert "67% (2 replies)" in cohort_page.content.decode()
    history = client.get(reverse("center:cohort_figures", args=[center["history"].pk]))
    assert "100% (1 reply)" in history.content.decode()


def test_the_csv_holds_the_same_figures_and_runs_no_formula(client, admin, center):
    client.force_login(admin)
    response = client.get(reverse("center:figures_csv"), {"days": "90"})
    assert response["Content-Type"].startswith("text/csv")
    assert "90-days.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows
    assert header[:4] == ["Group", "Seekers", "Active seekers", "Requests sent"]
    labels = [row[0] for row in body if row]
    assert "'=History 2028" in labels and "=History 2028" not in labels
    economics = next(row for row in body if row and row[0] == "Economics 2027")
    assert economics[3] == "4"  # the request of 40 days ago is within 90 days


def test_only_center_admins_see_figures(client, center):
    for user in (make_coach("coach_b"), make_member("s", Role.SEEKER), make_volunteer("v")):
        client.force_login(user)
        for name in ("center:figures", "center:figures_csv"):
            assert client.get(reverse(name)).status_code == 404
        url = reverse("center:cohort_figures", args=[center["economics"].pk])
        assert client.get(url).status_code == 404


def test_an_unknown_period_falls_back_to_thirty_days(client, admin, center):
    client.force_login(admin)
    page = client.get(reverse("center:figures"), {"days": "7; DROP"}).content.decode()
    assert '<option value="30" selected>' in page


def test_figures_cost_the_same_for_few_or_many_seekers(
    client, admin, center, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(admin)
    with django_assert_max_num_queries(100) as few:
        client.get(reverse("center:figures"))
    cohort = center["economics"]
    for n in range(15):
        seeker = make_member(f"more{n}", Role.SEEKER, cohort)
        _asked(seeker, replied=True, held=timezone.now() - DAY, thanked_after=HOUR)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("center:figures"))
