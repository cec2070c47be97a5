"""The funnel page: stage counts overall and broken down, reply times, weekly activity."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.outreach.models import Message
from coffeechat.people.models import Source, Tier
from tests.factories import make_contact, make_conversation, make_job_lead, make_message

URL = reverse("insights:funnel")
ZONE_NAME = "America/Los_Angeles"
ZONE = zoneinfo.ZoneInfo(ZONE_NAME)
Status = Conversation.Status
Kind = Message.Kind
SENT = Message.Status.SENT

# Monday 5 October 2026, 09:00 in Los Angeles; Monday the 12th is Columbus Day (US holiday).
ASKED = datetime(2026, 10, 5, 16, 0, tzinfo=UTC)


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _table(soup, table_id: str) -> list[list[str]]:
    table = soup.select_one(f"main table#{table_id}")
    return [
        [cell.get_text(" ", strip=True) for cell in tr(["th", "td"])] for tr in table.tbody("tr")
    ]


def _svg_texts(soup, section_id: str) -> list[str]:
    section = soup.find(id=section_id).find_parent("section")
    return [t.get_text() for t in section.select(".chart-wrap svg text")]


@pytest.fixture
def profile(seeker):
    profile = get_profile(seeker)
    profile.time_zone = ZONE_NAME
    profile.holiday_country = "US"
    profile.save()
    return profile


def _person(owner, first, source, tier, **kw):
    return make_contact(owner, first_name=first, last_name="Test", source=source, tier=tier, **kw)


@pytest.fixture
def pipeline(seeker, profile):
    """Eleven people at every stage of the funnel (see each line for what they count as)."""
    s = seeker
    ana = _person(s, "Ana", Source.ALUMNI, Tier.NEAR_PEER)
    ben = _person(s, "Ben", Source.ALUMNI, Tier.MID)
    cy = _person(s, "Cy", Source.COLD, Tier.SENIOR)
    dee = _person(s, "Dee", Source.COLD, Tier.SENIOR)
    eve = _person(s, "Eve", Source.FRIEND, "")
    fay = _person(s, "Fay", Source.REFERRAL, Tier.NEAR_PEER, referred_by=ana)
    gus = _person(s, "Gus", Source.REFERRAL, Tier.MID, referred_by=ana)
    _person(s, "Hal", Source.REFERRAL, Tier.SENIOR, referred_by=ben)
    _person(s, "Ivy", Source.LINKEDIN_2ND, Tier.NEAR_PEER, referred_by=fay)
    jon = _person(s, "Jon", Source.COLD, Tier.NEAR_PEER)
    kim = _person(s, "Kim", Source.COLD, Tier.MID)

    # Ana: asked, answered the next business day, talked. Her request message is the same ask.
    ana_talk = make_conversation(
        s,
        contact=ana,
        status=Status.HELD,
        requested_at=ASKED,
        replied_at=datetime(2026, 10, 6, 18, 0, tzinfo=UTC),
        held_at=datetime(2026, 10, 9, 17, 0, tzinfo=UTC),
    )
    make_message(
        s, contact=ana, conversation=ana_talk, kind=Kind.REQUEST, status=SENT, sent_at=ASKED
    )
    # Ben: asked, no answer yet.
    make_conversation(s, contact=ben, status=Status.REQUESTED, requested_at=ASKED)
    # Cy: a request marked sent outside any conversation.
    make_message(s, contact=cy, kind=Kind.REQUEST, status=SENT, sent_at=ASKED)
    # Dee: declined on Wednesday the 14th: 6 business days, the holiday skipped.
    make_conversation(
        s,
        contact=dee,
        status=Status.DECLINED,
        requested_at=ASKED,
        replied_at=datetime(2026, 10, 14, 16, 0, tzinfo=UTC),
    )
    # Eve: a friend who agreed a time without a formal request.
    make_conversation(s, contact=eve, status=Status.SCHEDULED)
    # Fay (Ana's referral): answered on Thursday (3 business days), talked and thanked.
    make_conversation(
        s,
        contact=fay,
        status=Status.THANKED,
        requested_at=ASKED,
        replied_at=datetime(2026, 10, 8, 20, 0, tzinfo=UTC),
        held_at=datetime(2026, 10, 13, 17, 0, tzinfo=UTC),
    )
    # Jon: only a draft, never sent. Kim: her reply arrived as a message.
    make_message(s, contact=jon, kind=Kind.REQUEST, status=Message.Status.DRAFT)
    make_message(s, contact=kim, kind=Kind.REPLY, status=Message.Status.RECEIVED)

    make_job_lead(s, role="Analyst", contact=ana)
    make_job_lead(s, role="Engineer", contact=ana)
    make_job_lead(s, role="Intern", contact=fay)
    make_job_lead(s, role="Posting on a board")
    return {"gus": gus}


STAGE_COLUMNS = ["People", "Requests", "Replies", "Conversations", "Referrals", "Job leads"]


def test_overall_funnel_counts_people_at_each_stage(seeker_client, pipeline):
    soup = _soup(seeker_client.get(URL))
    rows = _table(soup, "funnel-table")
    assert [row[:2] for row in rows] == [
        ["Requests", "7"],  # Ana, Ben, Cy, Dee, Eve, Fay, Kim
        ["Replies", "5"],  # Ana, Dee, Eve, Fay, Kim
        ["Conversations", "2"],  # Ana, Fay
        ["Referrals", "3"],  # Fay and Gus (Ana's), Ivy (Fay's); not Hal: Ben was not talked to
        ["Job leads", "4"],
    ]
    assert all(len(row[2]) > 30 for row in rows)  # every stage is defined in words
    yields = [li.get_text(" ", strip=True) for li in soup.select("main ul.yields li")]
    assert yields == [
        "Reply rate: 71% of the people you asked",
        "Conversation rate: 29% of the people you asked",
        "Referrals per conversation: 1.5",
        "Job leads per conversation: 2",
    ]


def test_the_funnel_chart_prints_the_same_numbers(seeker_client, pipeline):
    soup = _soup(seeker_client.get(URL))
    svg = soup.select_one("main #funnel-head").find_parent("section").select_one("svg")
    assert svg["role"] == "img" and svg["aria-label"] == "From requests to job leads"
    assert _svg_texts(soup, "funnel-head") == [
        "Requests",
        "7",
        "Replies",
        "5",
        "Conversations",
        "2",
        "Referrals",
        "3",
        "Job leads",
        "4",
    ]


def test_funnel_by_how_you_know_them(seeker_client, pipeline):
    rows = _table(_soup(seeker_client.get(URL)), "by-source")
    assert rows == [
        # label, people, requests, replies, conversations, referrals, job leads, reply rate
        ["Referral", "3", "1", "1", "1", "1", "1", "100%"],
        ["Alumni", "2", "2", "1", "1", "2", "2", "50%"],
        ["Friend", "1", "1", "1", "0", "0", "0", "100%"],
        ["LinkedIn 2nd degree", "1", "0", "0", "0", "0", "0", "—"],
        ["Cold contact", "4", "3", "2", "0", "0", "0", "67%"],
        ["No one recorded", "0", "0", "0", "0", "0", "1", "—"],
    ]


def test_reply_rate_charts_leave_out_groups_nobody_was_asked_in(seeker_client, pipeline):
    soup = _soup(seeker_client.get(URL))
    assert _svg_texts(soup, "by-source-head") == [
        *("Referral", "100%", "Alumni", "50%", "Friend", "100%", "Cold contact", "67%"),
    ]
    assert _svg_texts(soup, "by-tier-head") == [
        *("Near-peer (a few years ahead)", "100%", "Mid-career", "50%"),
        *("Senior", "50%", "Not set", "100%"),
    ]


def test_funnel_by_seniority(seeker_client, pipeline):
    rows = _table(_soup(seeker_client.get(URL)), "by-tier")
    assert rows == [
        ["Near-peer (a few years ahead)", "4", "2", "2", "2", "3", "3", "100%"],
        ["Mid-career", "3", "2", "1", "0", "0", "0", "50%"],
        ["Senior", "3", "2", "1", "0", "0", "0", "50%"],
        ["Not set", "1", "1", "1", "0", "0", "0", "100%"],
        ["No one recorded", "0", "0", "0", "0", "0", "1", "—"],
    ]


def test_reply_times_in_business_days_with_boosters(seeker_client, pipeline):
    soup = _soup(seeker_client.get(URL))
    section = soup.select_one("main section.reply-times")
    summary = {
        li["class"][0]: li.get_text(" ", strip=True) for li in section.select("ul.summary li")
    }
    assert summary == {
        "timed": "Replies timed: 3",  # Ana 1, Fay 3, Dee 6 business days
        "median": "Median: 3 business days",
        "middle-half": "Middle half: 2 to 4.5 business days",
        "range": "Fastest 1 , slowest 6 business days",
        "boosters": "Likely boosters: 2 people answered within 3 business days",
    }
    histogram = _table(soup, "reply-table")
    assert histogram == [
        ["0", "0"],
        ["1", "1"],
        ["2", "0"],
        ["3", "1"],
        ["4", "0"],
        ["5", "0"],
        ["6", "1"],
        ["7", "0"],
        ["8+", "0"],
    ]
    texts = _svg_texts(soup, "reply-head")
    assert texts[:4] == ["0 business days", "0", "1 business days", "1"]
    assert texts[12:14] == ["6 business days", "1"]


def test_no_reply_yet_says_so(seeker_client, profile):
    soup = _soup(seeker_client.get(URL))
    assert "No reply timed yet" in soup.select_one("main section.reply-times").get_text()
    assert [row[:2] for row in _table(soup, "funnel-table")][0] == ["Requests", "0"]


def test_a_stranger_sees_an_empty_funnel(stranger_client, pipeline):
    soup = _soup(stranger_client.get(URL))
    assert [row[1] for row in _table(soup, "funnel-table")] == ["0", "0", "0", "0", "0"]
    assert _table(soup, "by-source") == []
    assert "Ana" not in soup.get_text()


# Weekly activity ----------------------------------------------------------------------------


def _this_monday() -> date:
    today = timezone.now().astimezone(ZONE).date()
    return today - timedelta(days=today.weekday())


def _local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def test_weekly_activity_counts_in_the_seekers_weeks(seeker_client, seeker, profile):
    monday = _this_monday()
    week = {n: monday - timedelta(weeks=11 - n) for n in range(12)}  # week 11 is this one
    contact = make_contact(seeker)
    asked = _local(week[10] + timedelta(days=1), 10)
    talk = make_conversation(
        seeker,
        contact=contact,
        status=Status.THANKED,
        requested_at=asked,
        held_at=_local(week[10] + timedelta(days=3), 15),
    )
    # The request message behind that conversation is the same request: not counted twice.
    make_message(
        seeker, contact=contact, conversation=talk, kind=Kind.REQUEST, status=SENT, sent_at=asked
    )
    make_conversation(seeker, contact=contact, requested_at=_local(week[8] + timedelta(days=1), 9))
    make_message(
        seeker,
        contact=contact,
        kind=Kind.REQUEST,
        status=SENT,
        sent_at=_local(week[8] + timedelta(days=2), 9),
    )
    # Monday 05:00 UTC is still Sunday evening in Los Angeles: the week before.
    sunday_evening = datetime.combine(week[10], time(5), tzinfo=UTC)
    make_conversation(seeker, contact=contact, requested_at=sunday_evening)
    # Held thirteen weeks ago: outside the window.
    make_conversation(
        seeker, contact=contact, status=Status.HELD, held_at=_local(week[0] - timedelta(days=1), 12)
    )
    for kind, status, when in [
        (Kind.THANK_YOU, SENT, _local(week[10] + timedelta(days=4), 18)),
        (Kind.FOLLOW_UP, SENT, _local(week[5], 8)),
        (Kind.FOLLOW_UP, SENT, _local(week[0], 8)),
        (Kind.UPDATE, SENT, _local(week[10], 8)),  # an update is not a thank-you
        (Kind.THANK_YOU, Message.Status.DRAFT, None),  # not sent
    ]:
        make_message(seeker, contact=contact, kind=kind, status=status, sent_at=when)

    soup = _soup(seeker_client.get(URL))
    rows = _table(soup, "weekly-table")
    assert len(rows) == 12
    first = soup.select("main table#weekly-table tbody time")[0]["datetime"]
    assert first == week[0].isoformat()
    counts = {index: row[1:] for index, row in enumerate(rows) if row[1:] != ["0", "0", "0"]}
    assert counts == {
        0: ["0", "0", "1"],
        5: ["0", "0", "1"],
        8: ["2", "0", "0"],
        9: ["1", "0", "0"],
        10: ["1", "1", "1"],
    }
    assert rows[10][0] == f"{week[10]:%b} {week[10].day}"
    svg = soup.select_one("main #weekly-head").find_parent("section").select_one("svg")
    legend = [t.get_text() for t in svg.select("text")][:3]
    assert legend == ["Requests sent", "Conversations held", "Thank-yous and follow-ups"]
    assert f"{week[10]:%b} {week[10].day}: Requests sent 1, Conversations held 1" in (
        svg.find("desc").get_text()
    )


# Query counts --------------------------------------------------------------------------------


def _add_people(owner, count: int) -> None:
    for _ in range(count):
        referrer = make_contact(owner)
        contact = make_contact(owner, referred_by=referrer)
        talk = make_conversation(
            owner,
            contact=referrer,
            status=Status.HELD,
            requested_at=ASKED,
            replied_at=ASKED + timedelta(days=1),
            held_at=ASKED + timedelta(days=3),
        )
        make_message(owner, contact=referrer, conversation=talk, kind=Kind.REQUEST, status=SENT)
        make_message(owner, contact=contact, kind=Kind.THANK_YOU, status=SENT, sent_at=ASKED)
        make_job_lead(owner, contact=referrer)


def test_funnel_queries_do_not_grow_with_people(
    seeker_client, seeker, profile, django_assert_num_queries
):
    _add_people(seeker, 2)
    with CaptureQueriesContext(connection) as queries:
        seeker_client.get(URL)
    _add_people(seeker, 48)
    with django_assert_num_queries(len(queries)):
        response = seeker_client.get(URL)
    assert _table(_soup(response), "funnel-table")[2][1] == "50"
