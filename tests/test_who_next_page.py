"""The "who to ask next" page: the ranking rules fed with the user's own rows.

The plain rules have their own tests in test_who_next.py; these check what the page shows.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.lib.business_days import add_business_days
from coffeechat.people.models import Contact, Source, Tier
from tests.factories import make_contact, make_conversation, make_organization

URL = reverse("people:who_next")


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _suggestions(client) -> list[tuple[str, str]]:
    """(name, reason) for each suggestion, in the order shown."""
    soup = _soup(client.get(URL))
    rows = []
    for li in soup.select("main ol.suggestions > li"):
        link = li.find("a", href=lambda h: h and "/people/contacts/" in h)
        reason = li.select_one(".meta")
        rows.append((link.get_text(strip=True), reason.get_text(" ", strip=True)))
    return rows


def _waiting(client) -> list[str]:
    """The text of each organization in the 'Waiting for a reply' section."""
    soup = _soup(client.get(URL))
    heading = next(
        (h for h in soup.select("main h2") if "Waiting for a reply" in h.get_text()), None
    )
    if heading is None:
        return []
    section = heading.find_parent("section")
    return [li.get_text(" ", strip=True) for li in section.select("li")]


def _person(owner, first, org, source=Source.ALUMNI, tier=Tier.NEAR_PEER, **kw):
    return make_contact(
        owner, first_name=first, last_name="Test", organization=org, source=source, tier=tier, **kw
    )


@pytest.fixture
def lamp(seeker):
    """A target list where focus organizations are not the top ranks."""
    orgs = {
        # name: (motivation, posting, in focus)
        "Globex": (3, 3, False),  # #1, not in focus
        "Acme": (3, 2, True),  # #2
        "Initech": (2, 3, True),  # #3 (an advocate puts it above Zeta)
        "Zeta": (2, 3, False),  # #4
        "Umbrella": (2, 1, False),  # #5
        "Hooli": (1, 3, True),  # #6
    }
    return {
        name: make_organization(seeker, name=name, motivation=m, posting=p, in_focus=focus)
        for name, (m, p, focus) in orgs.items()
    }


def test_the_page_lists_the_right_people_in_order_with_reasons(seeker_client, seeker, lamp):
    acme, initech, hooli = lamp["Acme"], lamp["Initech"], lamp["Hooli"]
    alice = _person(seeker, "Alice", acme, Source.ALUMNI, Tier.NEAR_PEER)
    _person(seeker, "Bob", acme, Source.COLD, Tier.SENIOR)
    _person(seeker, "Erin", initech, Source.REFERRAL, Tier.MID, referred_by=alice)
    _person(seeker, "Frank", initech, Source.LINKEDIN_1ST, Tier.SENIOR)
    _person(seeker, "Hank", hooli, Source.EVENT, "")
    _person(seeker, "Jill", hooli, Source.EVENT, Tier.SENIOR)
    # Hooli already has one open conversation, so one more person there at a time.
    ivan = _person(seeker, "Ivan", hooli, Source.FRIEND, Tier.NEAR_PEER)
    make_conversation(seeker, contact=ivan, status=Conversation.Status.SCHEDULED)

    assert _suggestions(seeker_client) == [
        ("Alice Test", "alum · near-peer · Acme is #2 on your list"),
        ("Erin Test", "referred by Alice Test · mid-career · Initech is #3 on your list"),
        ("Hank Test", "met at an event · level unknown · Hooli is #6 on your list"),
        ("Frank Test", "LinkedIn 1st · senior · Initech is #3 on your list"),
        ("Bob Test", "cold · senior · Acme is #2 on your list"),
    ]


def test_suggestions_link_to_the_person_and_to_planning_a_conversation(seeker_client, seeker, lamp):
    alice = _person(seeker, "Alice", lamp["Acme"])
    soup = _soup(seeker_client.get(URL))
    item = soup.select_one("main ol.suggestions > li")
    hrefs = [a["href"] for a in item.find_all("a")]
    assert alice.get_absolute_url() in hrefs
    plan = next(h for h in hrefs if h.startswith(reverse("conversations:conversation_create")))
    assert f"contact={alice.pk}" in plan and f"organization={lamp['Acme'].pk}" in plan


def test_people_who_should_not_be_suggested_are_absent(seeker_client, seeker, lamp):
    acme = lamp["Acme"]
    _person(seeker, "Alice", acme)
    _person(seeker, "Carol", acme, do_not_contact=True)
    dan = _person(seeker, "Dan", acme)
    make_conversation(seeker, contact=dan, status=Conversation.Status.HELD)
    _person(seeker, "Gina", lamp["Globex"])  # the top of the list, but not in focus
    _person(seeker, "Uma", lamp["Umbrella"])
    make_contact(seeker, first_name="Nomad", last_name="Test", organization=None)

    names = [name for name, _ in _suggestions(seeker_client)]
    # Focus first; the rest follow, warm before cold, and the ones not to ask never appear.
    assert names == ["Alice Test", "Gina Test", "Uma Test", "Nomad Test"]


def test_no_focus_organization_says_so_and_still_suggests_people(seeker_client, seeker):
    make_contact(seeker, first_name="Gina", last_name="Ito", organization=make_organization(seeker))
    soup = _soup(seeker_client.get(URL))
    text = soup.select_one("main").get_text(" ", strip=True)
    assert "No organization is in focus" in text
    assert [name for name, _ in _suggestions(seeker_client)] == ["Gina Ito"]
    assert "Warm contacts elsewhere" in text


def test_empty_only_when_everyone_was_asked(seeker_client, seeker):
    gina = make_contact(seeker, first_name="Gina", organization=None)
    make_conversation(seeker, contact=gina, status=Conversation.Status.REQUESTED)
    make_contact(seeker, first_name="Carol", organization=None, do_not_contact=True)
    text = _soup(seeker_client.get(URL)).select_one("main").get_text(" ", strip=True)
    assert _suggestions(seeker_client) == []
    assert "Everyone you may contact has been asked" in text


def test_a_strangers_contacts_never_appear(seeker_client, seeker, stranger, lamp):
    _person(seeker, "Alice", lamp["Acme"])
    theirs = make_organization(stranger, name="Acme", motivation=3, posting=3, in_focus=True)
    _person(stranger, "Mallory", theirs)
    # Even a row pointing at the seeker's organization (no form allows it) stays theirs.
    _person(stranger, "Trudy", lamp["Acme"])
    _person(stranger, "Oscar", lamp["Initech"])

    page = seeker_client.get(URL).content.decode()
    assert [name for name, _ in _suggestions(seeker_client)] == ["Alice Test"]
    for name in ("Mallory", "Trudy", "Oscar"):
        assert name not in page


def test_the_stranger_sees_only_their_own(client, seeker, stranger, lamp):
    _person(seeker, "Alice", lamp["Acme"])
    theirs = make_organization(stranger, name="Acme", motivation=3, posting=3, in_focus=True)
    _person(stranger, "Mallory", theirs)
    client.force_login(stranger)
    assert _suggestions(client) == [("Mallory Test", "alum · near-peer · Acme is #1 on your list")]


# --- the 3-business-day wait ----------------------------------------------------------------


ZONE = "Pacific/Kiritimati"  # UTC+14: its calendar date is often not UTC's


@pytest.fixture
def waiting_setup(seeker, lamp):
    profile = get_profile(seeker)
    profile.time_zone = ZONE
    profile.holiday_country = "US"
    profile.save()
    acme = lamp["Acme"]
    asked = _person(seeker, "Alice", acme)
    _person(seeker, "Bob", acme, Source.COLD, Tier.MID)
    conversation = make_conversation(
        seeker,
        contact=asked,
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=timezone.now(),
        replied_at=None,
    )
    return conversation


def test_a_fresh_request_holds_the_organization_back(seeker_client, waiting_setup):
    zone = zoneinfo.ZoneInfo(ZONE)
    asked_on = waiting_setup.requested_at.astimezone(zone).date()
    until = add_business_days(asked_on, 3, "US")

    assert _suggestions(seeker_client) == []
    waiting = _waiting(seeker_client)
    assert len(waiting) == 1, waiting
    assert waiting[0].startswith("Acme")
    assert date_format(until, "D j M Y") in waiting[0], waiting[0]
    assert "(1 waiting)" in waiting[0]


def test_three_business_days_later_the_next_person_is_suggested(seeker_client, waiting_setup):
    # Ten calendar days hold at least four business days, even around Christmas.
    waiting_setup.requested_at = timezone.now() - timedelta(days=10)
    waiting_setup.save()
    assert _waiting(seeker_client) == []
    assert [name for name, _ in _suggestions(seeker_client)] == ["Bob Test"]


def test_two_days_ago_is_still_waiting(seeker_client, waiting_setup):
    # Two calendar days are at most two business days: never the three the practice asks for.
    waiting_setup.requested_at = timezone.now() - timedelta(days=2)
    waiting_setup.save()
    assert _suggestions(seeker_client) == []
    assert len(_waiting(seeker_client)) == 1


def test_a_reply_ends_the_wait(seeker_client, waiting_setup):
    waiting_setup.replied_at = timezone.now()
    waiting_setup.save()
    assert _waiting(seeker_client) == []
    assert [name for name, _ in _suggestions(seeker_client)] == ["Bob Test"]


def test_the_wait_at_one_organization_does_not_hold_back_another(
    seeker_client, seeker, lamp, waiting_setup
):
    _person(seeker, "Erin", lamp["Initech"])
    assert [name for name, _ in _suggestions(seeker_client)] == ["Erin Test"]
    assert [w.split()[0] for w in _waiting(seeker_client)] == ["Acme"]


def test_the_wait_counts_from_the_request_date_in_the_profiles_time_zone(
    seeker_client, seeker, waiting_setup
):
    """Asked at 00:30 today on the seeker's clock (UTC+14): yesterday in UTC."""
    zone = zoneinfo.ZoneInfo(ZONE)
    today = timezone.now().astimezone(zone).date()
    asked = datetime.combine(today, time(0, 30), tzinfo=zone)
    assert asked.astimezone(UTC).date() == today - timedelta(days=1)
    waiting_setup.requested_at = asked
    waiting_setup.save()
    # On a business day this differs from counting from the UTC date.
    expected = add_business_days(today, 3, "US")
    waiting = _waiting(seeker_client)
    assert len(waiting) == 1, waiting
    assert date_format(expected, "D j M Y") in waiting[0], waiting[0]


# --- queries ----------------------------------------------------------------------------------


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def _fill(owner, orgs, count: int) -> None:
    sources = [Source.ALUMNI, Source.REFERRAL, Source.COLD, Source.EVENT]
    for n in range(count):
        org = orgs[n % len(orgs)]
        referrer = make_contact(owner, organization=None) if n % 4 == 1 else None
        contact = make_contact(owner, organization=org, source=sources[n % 4], referred_by=referrer)
        if n % 5 == 0:
            make_conversation(
                owner,
                contact=contact,
                status=Conversation.Status.REQUESTED,
                requested_at=timezone.now() - timedelta(days=20),
            )


def test_page_queries_do_not_grow_with_contacts(seeker_client, seeker, lamp):
    focus = [lamp["Acme"], lamp["Initech"], lamp["Hooli"]]
    get_profile(seeker)  # the first visit creates the profile; not what is measured here
    _fill(seeker, focus, 10)
    with_ten = _page_queries(seeker_client)
    assert _suggestions(seeker_client)
    _fill(seeker, focus, 50)
    with_sixty = _page_queries(seeker_client)
    assert with_sixty == with_ten, f"{with_ten} queries for 10 contacts, {with_sixty} for 60"


def test_one_large_employer_cannot_crowd_out_everyone_else(seeker_client, seeker):
    """Hundreds of warm contacts at one company outside the focus list, then a few cold ones
    elsewhere: the page asks two at the big company and still shows the others."""
    acme = make_organization(seeker, name="Acme Logistics")
    Contact.objects.bulk_create(
        Contact(
            owner=seeker,
            first_name="Alum",
            last_name=f"{number:03d}",
            organization=acme,
            source=Source.ALUMNI,
        )
        for number in range(450)
    )
    beta = make_organization(seeker, name="Beta Works")
    for name in ("Bo", "Bea", "Ben"):
        make_contact(seeker, first_name=name, last_name="Cold", organization=beta)
    make_contact(seeker, first_name="Nadia", last_name="Nowhere", organization=None)
    names = [name for name, _ in _suggestions(seeker_client)]
    assert names.count("Alum 000") + names.count("Alum 001") == 2
    assert not any(
        name.startswith("Alum") and name not in ("Alum 000", "Alum 001") for name in names
    )
    assert "Nadia Nowhere" in names
    assert sum(name.endswith(" Cold") for name in names) == 2  # two at Beta at a time
