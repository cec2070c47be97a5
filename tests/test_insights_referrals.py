"""The referral tree page: who is drawn, where, with links, and the list under it."""

from __future__ import annotations

from itertools import combinations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.conversations.models import Conversation
from coffeechat.insights import graph
from coffeechat.insights.graph import MAX_EVERYONE
from coffeechat.people.models import Contact
from tests.factories import make_contact, make_conversation

URL = reverse("insights:referrals")


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _rows(soup) -> list[list[str]]:
    table = soup.select_one("main table#referral-table")
    return [
        [cell.get_text(" ", strip=True) for cell in tr(["th", "td"])] for tr in table.tbody("tr")
    ]


def _person(owner, first, **kw):
    return make_contact(owner, first_name=first, last_name="Test", **kw)


@pytest.fixture
def people(seeker):
    ana = _person(seeker, "Ana")
    fay = _person(seeker, "Fay", referred_by=ana)
    _person(seeker, "Gus", referred_by=ana)
    _person(seeker, "Ivy", referred_by=fay)
    ben = _person(seeker, "Ben")  # not talked with, but led to Hal
    _person(seeker, "Hal", referred_by=ben)
    cy = _person(seeker, "Cy")  # thanked: talked with, even without a held time
    dee = _person(seeker, "Dee")  # only a planned conversation and nobody introduced
    make_conversation(seeker, contact=ana, status=Conversation.Status.HELD)
    make_conversation(seeker, contact=fay, status=Conversation.Status.KEEPING_IN_TOUCH)
    make_conversation(seeker, contact=cy, status=Conversation.Status.THANKED)
    make_conversation(seeker, contact=dee, status=Conversation.Status.SCHEDULED)
    return {"ana": ana, "dee": dee}


def test_the_list_follows_the_tree_from_the_seeker(seeker_client, people):
    soup = _soup(seeker_client.get(URL))
    assert _rows(soup) == [
        # person, introduced by, steps from you, led you to, talked with
        ["Ana Test", "—", "1", "2", "yes"],
        ["Fay Test", "Ana Test", "2", "1", "yes"],
        ["Ivy Test", "Fay Test", "3", "0", "no"],
        ["Gus Test", "Ana Test", "2", "0", "no"],
        ["Ben Test", "—", "1", "1", "no"],
        ["Hal Test", "Ben Test", "2", "0", "no"],
        ["Cy Test", "—", "1", "0", "yes"],
    ]
    scope = soup.select_one("main p.graph-scope").get_text(" ", strip=True)
    assert scope.startswith("Showing 7 of your 8 contacts")


def test_the_drawing_links_each_person_by_name(seeker_client, people):
    soup = _soup(seeker_client.get(URL))
    svg = soup.select_one("main .graph-wrap svg")
    assert svg["aria-label"] == "Who led to whom"
    links = svg.find_all("a")
    names = [a.find("text").get_text() for a in links]
    assert names == [
        "Ana Test",
        "Fay Test",
        "Ivy Test",
        "Gus Test",
        "Ben Test",
        "Hal Test",
        "Cy Test",
    ]
    assert links[0]["href"] == reverse("people:contact_detail", args=[people["ana"].pk])
    talked = [a.find("text").get_text() for a in links if "talked" in a.g["class"]]
    assert talked == ["Ana Test", "Fay Test", "Cy Test"]
    root = svg.select_one("g.root text").get_text()
    assert root == "You"
    assert len(svg.select("g.edges path")) == 7  # one line into each person


def test_show_everyone_adds_people_outside_any_chain(seeker_client, people):
    soup = _soup(seeker_client.get(URL, {"show": "all"}))
    assert [row[0] for row in _rows(soup)][-1] == "Dee Test"
    assert len(_rows(soup)) == 8
    scope = soup.select_one("main p.graph-scope")
    assert scope.get_text(" ", strip=True).startswith("Showing all 8 of your contacts")
    assert scope.a["href"] == URL


def test_one_contact_is_counted_in_the_singular(seeker_client, seeker):
    make_conversation(seeker, contact=_person(seeker, "Solo"), status=Conversation.Status.HELD)
    scope = _soup(seeker_client.get(URL)).select_one("main p.graph-scope")
    assert scope.get_text(" ", strip=True).startswith("Showing 1 of your 1 contact: the people")
    everyone = _soup(seeker_client.get(URL, {"show": "all"})).select_one("main p.graph-scope")
    assert everyone.get_text(" ", strip=True).startswith("Showing your one contact; people")


def test_nobody_to_draw_says_how_to_start(seeker_client, seeker):
    _person(seeker, "Solo")
    soup = _soup(seeker_client.get(URL))
    assert soup.select_one("main p.empty")
    assert soup.select_one("main svg") is None


def test_a_stranger_sees_none_of_the_seekers_people(stranger_client, people):
    soup = _soup(stranger_client.get(URL, {"show": "all"}))
    assert "Ana" not in soup.get_text()
    assert soup.select_one("main svg") is None


def _add_chain(owner, count: int) -> None:
    """`count` people: a talked-with head and the people each next one led to."""
    previous = None
    for n in range(count):
        person = _person(owner, f"P{n}", referred_by=previous if n % 4 else None)
        if n % 3 == 0:
            make_conversation(owner, contact=person, status=Conversation.Status.HELD)
        previous = person


def _box(rect) -> tuple[float, float, float, float]:
    x, y = float(rect["x"]), float(rect["y"])
    return x, y, x + float(rect["width"]), y + float(rect["height"])


def test_two_hundred_people_are_drawn_without_overlap(seeker_client, seeker):
    _add_chain(seeker, 200)
    soup = _soup(seeker_client.get(URL, {"show": "all"}))
    boxes = [_box(rect) for rect in soup.select("main .graph-wrap svg g.node rect")]
    assert len(boxes) == 201  # everyone and you
    for a, b in combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_referral_page_queries_do_not_grow_with_people(
    seeker_client, seeker, django_assert_num_queries
):
    _add_chain(seeker, 2)
    with CaptureQueriesContext(connection) as queries:
        seeker_client.get(URL, {"show": "all"})
    _add_chain(seeker, 48)
    with django_assert_num_queries(len(queries)):
        response = seeker_client.get(URL, {"show": "all"})
    assert len(_rows(_soup(response))) == 50


def test_everyone_falls_back_to_the_chains_when_there_are_too_many_to_draw(seeker_client, seeker):
    ana = _person(seeker, "Ana")
    _person(seeker, "Fay", referred_by=ana)
    Contact.objects.bulk_create(
        Contact(owner=seeker, first_name="Quiet", last_name=str(n)) for n in range(MAX_EVERYONE)
    )
    soup = _soup(seeker_client.get(URL, {"show": "all"}))
    assert [row[0] for row in _rows(soup)] == ["Ana Test", "Fay Test"]
    notice = soup.select_one("main p.notice").get_text(" ", strip=True)
    assert notice.startswith(f"You have {MAX_EVERYONE + 2} contacts: too many to draw at once")
    assert soup.select_one("main p.graph-scope a") is None


def test_past_the_drawing_limit_the_largest_chains_are_drawn_first(
    seeker_client, seeker, monkeypatch
):
    monkeypatch.setattr(graph, "MAX_DRAWN", 5)
    ann = _person(seeker, "Ann")
    for first in ("Bo", "Cal", "Dot"):
        _person(seeker, first, referred_by=ann)
    eve = _person(seeker, "Eve")
    _person(seeker, "Fox", referred_by=eve)  # a chain of two: only its head fits
    for first in ("Gil", "Hap"):  # talked with, in no chain: left out
        make_conversation(seeker, contact=_person(seeker, first), status=Conversation.Status.HELD)
    _person(seeker, "Quiet")
    soup = _soup(seeker_client.get(URL))
    assert [row[:3] for row in _rows(soup)] == [
        ["Ann Test", "—", "1"],
        ["Bo Test", "Ann Test", "2"],
        ["Cal Test", "Ann Test", "2"],
        ["Dot Test", "Ann Test", "2"],
        ["Eve Test", "—", "1"],
    ]
    scope = soup.select_one("main p.graph-scope").get_text(" ", strip=True)
    assert scope.startswith(
        "Showing 5 of the 8 people in an introduction chain (someone led you to them, or they "
        "led you to someone) or talked with, out of your 9 contacts: the largest chains first"
    )
    assert soup.select_one("main p.graph-scope a")["href"] == "?show=all"
    everyone = _rows(_soup(seeker_client.get(URL, {"show": "all"})))
    assert len(everyone) == 9


def test_past_the_drawing_limit_queries_stay_the_same(seeker_client, seeker, monkeypatch):
    monkeypatch.setattr(graph, "MAX_DRAWN", 10)
    _add_chain(seeker, 2)
    with CaptureQueriesContext(connection) as queries:
        seeker_client.get(URL)
    _add_chain(seeker, 48)
    with CaptureQueriesContext(connection) as more:
        response = seeker_client.get(URL)
    assert len(more) == len(queries)
    assert len(_rows(_soup(response))) == 10
