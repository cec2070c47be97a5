"""A conversation's plan page and its printable prep sheet, as the seeker uses them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.conversations.models import AgendaItem
from coffeechat.lib.agenda import CLOSING_CHECKLIST, question_count_for
from coffeechat.people.models import Source, Tier
from coffeechat.prepare.models import Question
from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_field,
    make_news,
    make_open_question,
    make_organization,
    make_pitch,
    make_question,
    make_takeaway,
)

BUILTIN_BY_KEY = {q.key: q for q in BUILTIN_QUESTIONS}
HTMX = {"HTTP_HX_REQUEST": "true"}


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _plan_url(conversation) -> str:
    return reverse("conversations:conversation_plan", args=[conversation.pk])


def _prep_url(conversation) -> str:
    return reverse("conversations:conversation_prep", args=[conversation.pk])


def _shown(client, conversation) -> list[tuple[str, int]]:
    """(question text, minutes) of each question the plan page shows, in order."""
    response = client.get(_plan_url(conversation))
    assert response.status_code == 200
    rows = []
    for li in _soup(response).select("#plan li.question"):
        minutes = li.select_one("input[name=minutes]")["value"]
        rows.append((li.select_one(".text").get_text(strip=True), int(minutes)))
    return rows


def _suggest(client, conversation) -> list[Question | None]:
    """Press "Suggest a plan" and return the bank questions behind the shown items, in order."""
    response = client.post(_plan_url(conversation), {"action": "suggest"})
    assert response.status_code == 302
    bank = {q.text: q for q in Question.objects.filter(owner=conversation.owner)}
    return [bank.get(text) for text, _ in _shown(client, conversation)]


def _alert(soup) -> str:
    alert = soup.select_one("#plan [role=alert]")
    return alert.get_text(" ", strip=True) if alert else ""


# --- Suggesting a plan -------------------------------------------------------------------------


@pytest.mark.parametrize("agreed", [10, 20, 30])
def test_suggested_plan_has_room_for_its_questions_and_fits_exactly(seeker_client, seeker, agreed):
    conversation = make_conversation(seeker, agreed_minutes=agreed)
    response = seeker_client.post(_plan_url(conversation), {"action": "suggest"}, follow=True)
    soup = _soup(response)
    questions = soup.select("#plan li.question")
    assert len(questions) == question_count_for(agreed)
    assert _alert(soup) == ""
    status = soup.select_one("#plan [role=status]").get_text(" ", strip=True)
    assert f"Fits: {agreed} of {agreed} minutes" in status
    minutes = [int(li.select_one("input[name=minutes]")["value"]) for li in questions]
    opening = int(re.search(r"Opening · (\d+) min", soup.select_one("#plan").text).group(1))
    closing = int(re.search(r"Close · (\d+) min", soup.select_one("#plan").text).group(1))
    assert opening + sum(minutes) + closing == agreed


def test_a_long_conversation_gets_as_many_questions_as_it_has_room_for(seeker_client, seeker):
    conversation = make_conversation(seeker, agreed_minutes=60)
    seeker_client.post(_plan_url(conversation), {"action": "suggest"})
    shown = _shown(seeker_client, conversation)
    assert len(shown) == question_count_for(60)
    assert sum(minutes for _, minutes in shown) == 60 - 3 - 5


@pytest.mark.parametrize("tier", [Tier.NEAR_PEER, Tier.MID, Tier.SENIOR])
def test_suggestion_prefers_questions_for_the_persons_seniority(seeker_client, seeker, tier):
    contact = make_contact(seeker, tier=tier)
    conversation = make_conversation(seeker, contact=contact, agreed_minutes=30)
    picked = _suggest(seeker_client, conversation)
    assert picked and all(q is not None and q.builtin_key for q in picked)
    suited_picks = 0
    for question in picked:
        category_has_suited = any(
            tier in q.tiers for q in BUILTIN_QUESTIONS if q.category == question.category
        )
        if category_has_suited:
            assert tier in BUILTIN_BY_KEY[question.builtin_key].tiers, question.builtin_key
            suited_picks += 1
    assert suited_picks >= 3  # the built-in bank has tier-specific questions in many categories


def test_suggestion_differs_between_a_near_peer_and_a_senior(seeker_client, seeker):
    junior = make_conversation(seeker, contact=make_contact(seeker, tier=Tier.NEAR_PEER))
    senior = make_conversation(seeker, contact=make_contact(seeker, tier=Tier.SENIOR))
    junior_keys = [q.builtin_key for q in _suggest(seeker_client, junior)]
    senior_keys = [q.builtin_key for q in _suggest(seeker_client, senior)]
    assert "path.first_foothold" in junior_keys and "path.first_foothold" not in senior_keys
    assert "path.detours" in senior_keys and "path.detours" not in junior_keys


def test_suggestion_skips_categories_already_covered_with_the_same_person(seeker_client, seeker):
    contact = make_contact(seeker, tier="")
    earlier = make_conversation(seeker, contact=contact, status="held")
    for category in ("typical_day", "path"):
        question = Question.objects.filter(owner=seeker, category=category).first()
        make_agenda_item(seeker, conversation=earlier, question=question, text=question.text)
    conversation = make_conversation(seeker, contact=contact, agreed_minutes=20)
    picked = _suggest(seeker_client, conversation)
    categories = [q.category for q in picked]
    assert len(categories) == question_count_for(20)
    assert "typical_day" not in categories and "path" not in categories
    assert categories == ["skills", "trends", "organization", "fit", "resume"]

    # What was asked of someone else does not count as covered with this person.
    other = make_conversation(seeker, contact=make_contact(seeker, tier=""), agreed_minutes=20)
    assert [q.category for q in _suggest(seeker_client, other)][:2] == ["typical_day", "path"]


def test_open_questions_of_the_field_are_planned_until_answered(seeker_client, seeker):
    field = make_field(seeker)
    unanswered = make_open_question(seeker, field=field, text="Is a master's degree expected?")
    answered = make_open_question(seeker, field=field, text="Do teams hire career changers?")
    make_takeaway(seeker, text="Yes, often from consulting.", answers=answered)
    make_open_question(seeker, text="A question of another field?")
    conversation = make_conversation(seeker, field=field, agreed_minutes=20)
    seeker_client.post(_plan_url(conversation), {"action": "suggest"})
    texts = [text for text, _ in _shown(seeker_client, conversation)]
    assert unanswered.text in texts
    assert answered.text not in texts
    assert "A question of another field?" not in texts
    assert len(texts) == question_count_for(20)


def test_suggesting_twice_adds_no_duplicates(seeker_client, seeker):
    conversation = make_conversation(seeker, agreed_minutes=20)
    seeker_client.post(_plan_url(conversation), {"action": "suggest"})
    first = _shown(seeker_client, conversation)
    seeker_client.post(_plan_url(conversation), {"action": "suggest"})
    assert _shown(seeker_client, conversation) == first


# --- Editing a plan ----------------------------------------------------------------------------


def test_adding_changing_moving_and_removing_questions(seeker_client, seeker):
    conversation = make_conversation(seeker, agreed_minutes=30)
    url = _plan_url(conversation)
    bank_question = Question.objects.filter(owner=seeker, category="advice").first()
    own = "What surprised you most in your first year?"

    seeker_client.post(url, {"action": "add", "question": bank_question.pk, "minutes": "4"})
    seeker_client.post(url, {"action": "add", "text": f"  {own}  ", "minutes": "5"})
    assert _shown(seeker_client, conversation) == [(bank_question.text, 4), (own, 5)]

    first, second = AgendaItem.objects.filter(conversation=conversation).order_by("position")
    assert first.question == bank_question and second.question is None

    seeker_client.post(url, {"action": "minutes", "item": second.pk, "minutes": "7"})
    assert _shown(seeker_client, conversation) == [(bank_question.text, 4), (own, 7)]

    seeker_client.post(url, {"action": "down", "item": first.pk})
    assert _shown(seeker_client, conversation) == [(own, 7), (bank_question.text, 4)]

    seeker_client.post(url, {"action": "up", "item": first.pk})
    assert _shown(seeker_client, conversation) == [(bank_question.text, 4), (own, 7)]

    seeker_client.post(url, {"action": "remove", "item": first.pk})
    assert _shown(seeker_client, conversation) == [(own, 7)]


def test_moving_the_first_up_or_the_last_down_changes_nothing(seeker_client, seeker):
    conversation = make_conversation(seeker)
    a = make_agenda_item(seeker, conversation=conversation, text="First?", minutes=3, position=1)
    b = make_agenda_item(seeker, conversation=conversation, text="Second?", minutes=3, position=2)
    seeker_client.post(_plan_url(conversation), {"action": "up", "item": a.pk})
    seeker_client.post(_plan_url(conversation), {"action": "down", "item": b.pk})
    assert _shown(seeker_client, conversation) == [("First?", 3), ("Second?", 3)]


def test_adding_nothing_is_refused_with_a_message(seeker_client, seeker):
    conversation = make_conversation(seeker)
    response = seeker_client.post(_plan_url(conversation), {"action": "add", "text": "   "})
    assert response.status_code == 302
    page = seeker_client.get(_plan_url(conversation)).content.decode()
    assert "Pick a question from your bank or write one." in page
    assert not AgendaItem.objects.filter(conversation=conversation).exists()


def test_htmx_changes_return_only_the_plan(seeker_client, seeker):
    conversation = make_conversation(seeker)
    response = seeker_client.post(
        _plan_url(conversation), {"action": "add", "text": "How did you start?"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<nav" not in html
    soup = _soup(response)
    top = [tag for tag in soup.find_all(recursive=False) if tag.name]
    assert [tag.get("id") for tag in top] == ["plan"]
    assert [li.select_one(".text").text for li in soup.select("li.question")] == [
        "How did you start?"
    ]

    item = AgendaItem.objects.get(conversation=conversation)
    response = seeker_client.post(
        _plan_url(conversation), {"action": "minutes", "item": item.pk, "minutes": "9"}, **HTMX
    )
    assert "<html" not in response.content.decode()
    assert _soup(response).select_one("#plan input[name=minutes]")["value"] == "9"

    full = seeker_client.get(_plan_url(conversation))
    assert "<html" in full.content.decode() and _soup(full).select_one("#plan")


# --- Fitting the time --------------------------------------------------------------------------


def test_a_plan_that_runs_over_says_by_how_much(seeker_client, seeker):
    conversation = make_conversation(seeker, agreed_minutes=20)
    for n in range(4):
        make_agenda_item(seeker, conversation=conversation, text=f"Q{n}?", minutes=5, position=n)
    soup = _soup(seeker_client.get(_plan_url(conversation)))
    warning = _alert(soup)
    assert "25 minutes" in warning
    assert "5 more than the 20" in warning
    assert not soup.select("#plan [role=status]")

    # Giving one question less time brings it back within the agreed minutes.
    item = AgendaItem.objects.filter(conversation=conversation).first()
    seeker_client.post(
        _plan_url(conversation), {"action": "minutes", "item": item.pk, "minutes": 1}
    )
    soup = _soup(seeker_client.get(_plan_url(conversation)))
    warning = _alert(soup)
    assert "21 minutes" in warning and "1 more than the 20" in warning


def test_the_prep_sheet_warns_too(seeker_client, seeker):
    conversation = make_conversation(seeker, agreed_minutes=20)
    for n in range(4):
        make_agenda_item(seeker, conversation=conversation, text=f"Q{n}?", minutes=5, position=n)
    soup = _soup(seeker_client.get(_prep_url(conversation)))
    assert "Agenda · 25 of 20 minutes" in soup.get_text(" ", strip=True)
    assert "5 more than the 20" in soup.select_one(".notice").get_text()


@pytest.mark.parametrize(("agreed", "opening", "closing"), [(10, 1, 2), (60, 3, 5)])
def test_opening_and_close_keep_their_minutes(seeker_client, seeker, agreed, opening, closing):
    conversation = make_conversation(seeker, agreed_minutes=agreed)
    make_agenda_item(seeker, conversation=conversation, text="Q?", minutes=agreed)
    soup = _soup(seeker_client.get(_plan_url(conversation)))
    frames = [li.find("strong").get_text(strip=True) for li in soup.select("#plan li.frame")]
    assert frames == [f"Opening · {opening} min", f"Close · {closing} min"]
    assert f"{agreed + opening + closing} minutes" in _alert(soup)


# --- Ownership ---------------------------------------------------------------------------------


def test_an_item_of_another_conversation_is_not_found(seeker_client, seeker):
    conversation = make_conversation(seeker)
    other = make_conversation(seeker)
    item = make_agenda_item(seeker, conversation=other, text="Elsewhere?", minutes=3)
    for action in ("minutes", "up", "down", "remove"):
        response = seeker_client.post(
            _plan_url(conversation), {"action": action, "item": item.pk, "minutes": "9"}
        )
        assert response.status_code == 404
    item.refresh_from_db()
    assert (item.conversation, item.minutes) == (other, 3)


def test_another_users_item_and_question_are_not_found(seeker_client, seeker, stranger):
    conversation = make_conversation(seeker)
    theirs = make_agenda_item(stranger, text="Theirs?", minutes=3)
    response = seeker_client.post(_plan_url(conversation), {"action": "remove", "item": theirs.pk})
    assert response.status_code == 404
    assert AgendaItem.objects.filter(pk=theirs.pk).exists()

    their_question = make_question(stranger, text="A stranger's question?")
    response = seeker_client.post(
        _plan_url(conversation), {"action": "add", "question": their_question.pk}
    )
    assert response.status_code == 404
    assert not AgendaItem.objects.filter(conversation=conversation).exists()


def test_a_stranger_cannot_see_or_change_the_plan_or_the_prep_sheet(stranger_client, seeker):
    conversation = make_conversation(seeker, goals="Secret goals")
    item = make_agenda_item(seeker, conversation=conversation, text="Secret?", minutes=3)
    assert stranger_client.get(_plan_url(conversation)).status_code == 404
    assert stranger_client.get(_prep_url(conversation)).status_code == 404
    for data in (
        {"action": "suggest"},
        {"action": "add", "text": "Injected?"},
        {"action": "remove", "item": item.pk},
    ):
        assert stranger_client.post(_plan_url(conversation), data).status_code == 404
    assert stranger_client.post(_prep_url(conversation)).status_code == 404
    assert list(AgendaItem.objects.filter(conversation=conversation)) == [item]


# --- The prep sheet ----------------------------------------------------------------------------


def test_prep_sheet_has_what_to_know_on_one_page(seeker_client, seeker):
    organization = make_organization(
        seeker, name="Acme Analytics", notes="Known for **open data**."
    )
    referrer = make_contact(seeker, first_name="Maria", last_name="Chen")
    contact = make_contact(
        seeker,
        first_name="Ann",
        last_name="Okafor",
        organization=organization,
        source=Source.REFERRAL,
        source_detail="Maria's old team",
        referred_by=referrer,
        background="Studied physics, then *five years* in audit.",
    )
    news = [
        make_news(seeker, organization=organization, title=f"News {n}", published_on=day)
        for n, day in enumerate(
            [date(2025, 1, 1), date(2025, 3, 1), date(2025, 2, 1), date(2025, 4, 1)]
        )
    ]
    make_news(seeker, title="Another company's news", published_on=date(2025, 5, 1))
    make_pitch(seeker, text="My general pitch.")
    make_pitch(seeker, contact=contact, text="My pitch for Ann.")
    conversation = make_conversation(seeker, contact=contact, agreed_minutes=20)
    make_agenda_item(seeker, conversation=conversation, text="How did you start?", minutes=4)
    make_agenda_item(
        seeker, conversation=conversation, text="What would you do now?", minutes=6, position=2
    )

    response = seeker_client.get(_prep_url(conversation))
    assert response.status_code == 200
    soup = _soup(response)
    text = soup.get_text(" ", strip=True)

    assert "Studied physics" in text
    assert soup.select_one(".prose em").get_text() == "five years"
    assert "How you know them: Referral (Maria's old team)" in text
    assert "Referred by: Maria Chen" in text
    notes = soup.find("h2", string="The organization").find_parent("section")
    assert notes.select_one(".prose strong").get_text() == "open data"
    assert "**" not in notes.get_text()
    titles = [li.get_text(strip=True) for li in notes.select("ul li")]
    assert [t.split(" (")[0] for t in titles] == ["News 3", "News 1", "News 2"]
    assert news[0].title not in text
    assert "Another company's news" not in text
    assert soup.select_one(".pitch").get_text(strip=True) == "My pitch for Ann."
    assert "My general pitch." not in text
    agenda = [li.get_text(" ", strip=True) for li in soup.select("ol.agenda li")]
    assert agenda[1:3] == ["4 min · How did you start?", "6 min · What would you do now?"]
    assert agenda[0].startswith("2 min · Opening") and agenda[-1] == "3 min · Close"
    checklist = [li.get_text(strip=True) for li in soup.select("ul.checklist li")]
    assert checklist == [f"☐ {line}" for line in CLOSING_CHECKLIST]


def test_prep_sheet_falls_back_to_the_general_pitch(seeker_client, seeker):
    contact = make_contact(seeker)
    make_pitch(seeker, text="My general pitch.")
    make_pitch(seeker, contact=make_contact(seeker), text="A pitch for someone else.")
    conversation = make_conversation(seeker, contact=contact)
    soup = _soup(seeker_client.get(_prep_url(conversation)))
    assert soup.select_one(".pitch").get_text(strip=True) == "My general pitch."


def test_prep_sheet_prints_without_navigation(seeker_client, seeker):
    conversation = make_conversation(seeker)
    soup = _soup(seeker_client.get(_prep_url(conversation)))
    stylesheet = soup.select_one("link[rel=stylesheet]")["href"]
    css = Path(finders.find(stylesheet.split("/static/", 1)[1])).read_text()
    assert "@media print" in css
    hidden = set()
    for block in re.findall(r"@media print\s*\{(.*?)\n\}", css, flags=re.S):
        for selectors, rules in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
            if re.search(r"display\s*:\s*none", rules):
                hidden |= {s.strip() for s in selectors.split(",")}
    # The page's top bar and step navigation are there on screen, and hidden in print.
    top = soup.select_one("header.top")
    assert top is not None and ".top" in hidden
    assert soup.select("nav") and "nav" in hidden
    for link in soup.select(".prep-head a.button"):
        assert ".button" in hidden or "no-print" in link.find_parent("p")["class"]
    assert not soup.select(".subnav")


# --- Query counts ------------------------------------------------------------------------------


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", [_plan_url, _prep_url], ids=["plan", "prep"])
def test_plan_and_prep_queries_do_not_grow_with_items(seeker_client, seeker, page):
    conversation = make_conversation(seeker, field=make_field(seeker))
    make_pitch(seeker)
    questions = list(Question.objects.filter(owner=seeker)[:15])

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            make_agenda_item(
                seeker, conversation=conversation, question=questions[n], position=n, minutes=1
            )

    add(3, 0)
    with_three = _count_queries(seeker_client, page(conversation))
    add(12, 3)
    with_fifteen = _count_queries(seeker_client, page(conversation))
    assert with_fifteen == with_three
