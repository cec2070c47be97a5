"""Sharing by consent: a coach sees a seeker only while the seeker shares with them and is in
a cohort they coach, and then only what the seeker chose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.center import access, volunteer_requests
from coffeechat.center.models import (
    Membership,
    Role,
    Share,
    SharedNote,
    SharedTakeaway,
    VolunteerRequest,
)
from coffeechat.center.progress import progress_of
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.outreach.models import Message
from tests.center_factories import (
    make_coach,
    make_cohort,
    make_member,
    make_share,
    make_volunteer,
    make_volunteer_request,
)
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_message,
    make_one_of_everything,
    make_takeaway,
)

PRIVATE = "Qwmprivatemarker"


@pytest.fixture(autouse=True)
def server_mode(settings):
    settings.LOCAL_MODE = False


@pytest.fixture
def cohort(db):
    return make_cohort("Economics 2027")


@pytest.fixture
def their_coach(cohort):
    return make_coach("coach_a", cohort)


@pytest.fixture
def member(cohort):
    seeker = make_member("mira", Role.SEEKER, cohort)
    make_one_of_everything(seeker, PRIVATE)
    return seeker


def _as(client, user):
    client.force_login(user)
    return client


def test_a_seeker_shares_progress_and_the_coach_sees_counts_only(client, member, their_coach):
    _as(client, member)
    response = client.post(
        reverse("center:sharing"), {"coach": their_coach.pk, "progress": "on"}, follow=True
    )
    assert "You now share with coach_a." in response.content.decode()
    share = Share.objects.get(seeker=member)
    assert (share.progress, share.plans) == (True, False)

    _as(client, their_coach)
    dashboard = client.get(reverse("center:coach_dashboard")).content.decode()
    assert "mira" in dashboard
    assert "Step reached" in dashboard
    assert PRIVATE not in dashboard
    page = client.get(reverse("center:coach_seeker", args=[member.pk])).content.decode()
    assert PRIVATE not in page
    assert page.count("Not shared with you.") == 1  # plans; progress is shared


def test_plans_takeaways_and_notes_show_only_once_picked(client, member, their_coach):
    share = make_share(member, their_coach, progress=False, plans=True)
    contact = make_contact(member, first_name="Priya", last_name="Raman")
    planned = make_conversation(
        member, contact=contact, status=Conversation.Status.PLANNED, goals="Learn the hours"
    )
    make_agenda_item(member, conversation=planned, text="What does a first year look like?")
    shown = make_takeaway(member, conversation=planned, text="Shown takeaway about audits")
    held = make_conversation(
        member, contact=contact, status=Conversation.Status.HELD, notes="Shown notes on pay"
    )
    make_takeaway(member, conversation=held, text=f"{PRIVATE} hidden takeaway")

    _as(client, member)
    client.post(reverse("center:share_takeaway", args=[share.pk, shown.pk]), {"shared": "yes"})
    client.post(reverse("center:share_note", args=[share.pk, held.pk]), {"shared": "yes"})

    _as(client, their_coach)
    page = client.get(reverse("center:coach_seeker", args=[member.pk])).content.decode()
    assert "Learn the hours" in page and "What does a first year look like?" in page
    assert "Shown takeaway about audits" in page
    assert "Shown notes on pay" in page
    assert "hidden takeaway" not in page
    assert f"{PRIVATE} takeaway" not in page  # the planted takeaway was not picked
    dashboard = client.get(reverse("center:coach_dashboard")).content.decode()
    assert "Shares no figures with you" in dashboard

    _as(client, member)
    client.post(reverse("center:share_takeaway", args=[share.pk, shown.pk]), {"shared": "no"})
    _as(client, their_coach)
    page = client.get(reverse("center:coach_seeker", args=[member.pk])).content.decode()
    assert "Shown takeaway about audits" not in page


def test_stopping_takes_effect_at_once_and_leaves_nothing(client, member, their_coach):
    share = make_share(member, their_coach)
    SharedNote.objects.create(
        share=share, conversation=make_conversation(member, notes="some notes")
    )
    _as(client, member)
    client.post(reverse("center:share_stop", args=[share.pk]))
    assert not Share.objects.exists() and not SharedNote.objects.exists()
    _as(client, their_coach)
    assert client.get(reverse("center:coach_seeker", args=[member.pk])).status_code == 404
    assert "mira" not in client.get(reverse("center:coach_dashboard")).content.decode()


def test_a_seeker_moved_to_another_cohort_is_out_of_the_old_coachs_sight(
    client, member, their_coach
):
    make_share(member, their_coach)
    Membership.objects.filter(user=member).update(cohort=make_cohort("History 2028"))
    _as(client, their_coach)
    assert client.get(reverse("center:coach_seeker", args=[member.pk])).status_code == 404
    assert "mira" not in client.get(reverse("center:coach_dashboard")).content.decode()


def test_only_the_cohorts_coaches_can_be_chosen(client, member, their_coach):
    elsewhere = make_coach("coach_b", make_cohort("History 2028"))
    _as(client, member)
    page = client.get(reverse("center:sharing")).content.decode()
    assert "coach_a" in page and "coach_b" not in page
    response = client.post(reverse("center:sharing"), {"coach": elsewhere.pk, "progress": "on"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Share.objects.exists()


def test_a_seeker_without_a_cohort_is_told_why_there_is_nobody(client, db):
    loner = make_member("loner", Role.SEEKER, None)
    page = _as(client, loner).get(reverse("center:sharing")).content.decode()
    assert "You are not in a cohort yet" in page


def test_nobody_else_can_change_a_share_or_share_anothers_takeaway(
    client, member, their_coach, cohort
):
    share = make_share(member, their_coach)
    other = make_member("other", Role.SEEKER, cohort)
    theirs = make_takeaway(other, text="other's takeaway")
    mine = make_takeaway(member, text="mine")
    _as(client, other)
    for name in ("share_edit", "share_stop"):
        assert client.post(reverse(f"center:{name}", args=[share.pk])).status_code == 404
    url = reverse("center:share_takeaway", args=[share.pk, mine.pk])
    assert client.post(url, {"shared": "yes"}).status_code == 404
    _as(client, member)
    url = reverse("center:share_takeaway", args=[share.pk, theirs.pk])
    assert client.post(url, {"shared": "yes"}).status_code == 404
    assert not SharedTakeaway.objects.exists()
    assert Share.objects.filter(pk=share.pk).exists()


def test_coach_pages_are_for_coaches_and_sharing_for_seekers(client, member, their_coach):
    _as(client, member)
    assert client.get(reverse("center:coach_dashboard")).status_code == 404
    _as(client, their_coach)
    assert client.get(reverse("center:sharing")).status_code == 404


def test_local_mode_has_no_center(client, settings, member, their_coach):
    settings.LOCAL_MODE = True
    _as(client, member)
    assert client.get(reverse("center:sharing")).status_code == 404
    _as(client, their_coach)
    assert client.get(reverse("center:coach_dashboard")).status_code == 404


@pytest.mark.frozen_at("2026-12-02T15:00:00+00:00")
def test_flags_follow_the_practice(client, member, their_coach, frozen_clock):
    make_share(member, their_coach)
    now = timezone.now()
    contact = make_contact(member)
    make_conversation(
        member,
        contact=contact,
        status=Conversation.Status.REQUESTED,
        requested_at=now - timedelta(days=14),  # ten business days
    )
    followed = make_conversation(
        member,
        contact=contact,
        status=Conversation.Status.REQUESTED,
        requested_at=now - timedelta(days=14),
    )
    make_message(
        member,
        contact=contact,
        conversation=followed,
        kind=Message.Kind.FOLLOW_UP,
        status=Message.Status.SENT,
    )
    make_conversation(
        member, contact=contact, status=Conversation.Status.HELD, held_at=now - timedelta(days=3)
    )
    figures = access_progress(member)
    assert figures.overdue_follow_ups == 1
    assert figures.unthanked == 1
    assert not figures.quiet
    assert figures.step == 5

    frozen_clock.shift(timedelta(days=15))
    assert access_progress(member).quiet
    _as(client, their_coach)
    page = client.get(reverse("center:coach_dashboard")).content.decode()
    assert "No activity for 14 days" in page
    assert "1 request past 7 business days, no follow-up" in page
    assert "1 conversation held, no thank-you yet" in page


def access_progress(seeker):
    return progress_of([seeker.pk])[seeker.pk]


def test_the_dashboard_costs_the_same_for_two_seekers_or_twelve(
    client, cohort, their_coach, django_assert_num_queries, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            seeker = make_member(f"s{Share.objects.count()}_{i}", Role.SEEKER, cohort)
            conversation = make_conversation(seeker, status=Conversation.Status.HELD)
            conversation.held_at = timezone.now()
            conversation.save()
            make_share(seeker, their_coach)

    _as(client, their_coach)
    add(2)
    with django_assert_max_num_queries(100) as small:
        client.get(reverse("center:coach_dashboard"))
    add(10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("center:coach_dashboard"))
    assert response.content.decode().count("/center/coach/seekers/") == 12


def test_coaches_for_lists_active_coaches_of_the_cohort(member, their_coach, cohort):
    retired = make_coach("retired", cohort)
    retired.is_active = False
    retired.save()
    assert list(access.coaches_for(member)) == [their_coach]


def test_requests_to_alumni_volunteers_count_in_the_figures(client, member, their_coach):
    make_share(member, their_coach)
    volunteers = [make_volunteer(f"alum{n}") for n in range(2)]
    make_volunteer_request(member, volunteers[0], "Hello", status=VolunteerRequest.Status.ACCEPTED)
    make_volunteer_request(member, volunteers[1], f"{PRIVATE} hello")
    figures = access_progress(member)
    assert (figures.alumni_asked, figures.alumni_accepted) == (2, 1)
    _as(client, their_coach)
    page = client.get(reverse("center:coach_dashboard")).content.decode()
    assert "2 (1 accepted)" in page
    assert PRIVATE not in page


# The coach's figures are kept against the seekers' marks of change and the current hour.


def _alumni_cell(client) -> str:
    response = client.get(reverse("center:coach_dashboard"))
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("main td[data-label='Alumni asked']").get_text(strip=True)


# Each write its own transaction: on PostgreSQL a page read inside the transaction that
# changed a seeker is never kept, and these tests are about the pages that are.
@pytest.mark.django_db(transaction=True)
def test_the_coach_sees_a_volunteers_answer_at_once(client, cohort, their_coach):
    seeker = make_member("mira", Role.SEEKER, cohort)
    make_share(seeker, their_coach)
    vera = make_volunteer("vera")
    sent = make_volunteer_request(seeker, vera, "Hello")
    _as(client, their_coach)
    assert _alumni_cell(client) == "1 (0 accepted)"
    with CaptureQueriesContext(connection) as queries:
        assert _alumni_cell(client) == "1 (0 accepted)"
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "center_volunteerrequest" not in read
    assert "conversations_conversation" not in read

    volunteer_requests.accept(sent)  # the volunteer's answer: the seeker wrote nothing

    assert _alumni_cell(client) == "1 (1 accepted)"


@pytest.mark.django_db(transaction=True)
@pytest.mark.frozen_at("2026-12-02T15:00:00+00:00")
def test_the_coachs_flags_follow_the_clock_with_no_change_written(
    client, cohort, their_coach, frozen_clock
):
    seeker = make_member("mira", Role.SEEKER, cohort)
    make_share(seeker, their_coach)
    two_days = timedelta(days=lifecycle.THANK_YOU_WITHIN_DAYS)
    held_at = timezone.now() - two_days + timedelta(minutes=30)
    make_conversation(seeker, status=Conversation.Status.HELD, held_at=held_at)
    _as(client, their_coach)
    assert "On track" in client.get(reverse("center:coach_dashboard")).content.decode()

    frozen_clock.shift(timedelta(minutes=59))
    assert "On track" in client.get(reverse("center:coach_dashboard")).content.decode()

    frozen_clock.shift(timedelta(minutes=2))  # the next hour: the thank-you is now late

    page = client.get(reverse("center:coach_dashboard")).content.decode()
    assert "1 conversation held, no thank-you yet" in page
