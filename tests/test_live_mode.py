"""Live interview mode, server side: the page, notes saved as typed, and referrals in one step.

The clock, the question timers and the ticked checklist entries are kept in the browser
(static/coffeechat/live.js); what the server must get right is tested here.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations.models import AgendaItem, Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.agenda import CLOSING_CHECKLIST, OPENING_CHECKLIST
from coffeechat.lib.zones import format_day
from coffeechat.people.models import Contact, Source
from coffeechat.research.models import Organization
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_organization,
)

# Until conversations/urls.py includes live_urls; then delete this line and live_test_urls.py.

HTMX = {"HTTP_HX_REQUEST": "true"}


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _live(conversation) -> str:
    return reverse("conversations:conversation_live", args=[conversation.pk])


def _note(conversation) -> str:
    return reverse("conversations:conversation_live_note", args=[conversation.pk])


def _person(conversation) -> str:
    return reverse("conversations:conversation_live_person", args=[conversation.pk])


@pytest.fixture
def conversation(seeker):
    contact = make_contact(seeker, first_name="Grace", last_name="Hopper")
    return make_conversation(seeker, contact=contact, agreed_minutes=20, notes="Before: prep")


@pytest.fixture
def items(seeker, conversation):
    # Created out of order: the page follows position, not creation.
    third = make_agenda_item(seeker, conversation=conversation, text="Third?", position=3)
    first = make_agenda_item(
        seeker, conversation=conversation, text="First?", position=1, minutes=4
    )
    second = make_agenda_item(
        seeker, conversation=conversation, text="Second?", position=2, minutes=5
    )
    return [first, second, third]


def _notes(*rows) -> list[str]:
    return [type(row).objects.get(pk=row.pk).notes for row in rows]


# --- The page ---------------------------------------------------------------------------------


def test_page_shows_the_agenda_in_order_with_minutes_and_both_checklists(
    seeker_client, conversation, items
):
    items[1].notes = "Already written"
    items[1].save()
    response = seeker_client.get(_live(conversation))
    assert response.status_code == 200
    soup = _soup(response)
    shown = [
        (
            li.select_one(".pick .text").get_text(strip=True),
            li.select_one(".minutes").get_text(strip=True),
        )
        for li in soup.select("li.live-question")
    ]
    assert shown == [("First?", "4 min"), ("Second?", "5 min"), ("Third?", "2 min")]
    assert soup.select_one(f"#notes-{items[1].pk}").get_text() == "Already written"
    assert soup.select_one("#notes-general").get_text() == "Before: prep"

    opening = [label.get_text(strip=True) for label in soup.select("#opening-checklist label")]
    closing = [label.get_text(strip=True) for label in soup.select("#closing-checklist label")]
    assert opening == list(OPENING_CHECKLIST)
    assert "talk" in opening[-1]
    assert closing == list(CLOSING_CHECKLIST)
    assert len(soup.select("#opening-checklist input[type=checkbox]")) == len(OPENING_CHECKLIST)
    assert soup.select_one("#live")["data-agreed"] == "20"


def test_every_control_is_labelled_and_notes_save_as_typed(seeker_client, conversation, items):
    soup = _soup(seeker_client.get(_live(conversation)))
    live = soup.select_one("#live")
    controls = live.select("input:not([type=hidden]), textarea, select")
    assert len(controls) >= len(items) * 2 + 1 + 5  # notes + asked, general, the person form
    for control in controls:
        assert control.get("id"), control
        assert live.select_one(f"label[for={control['id']}]"), f"no label for {control['id']}"
    for textarea in live.select("textarea[data-draft]"):
        assert textarea["hx-post"] == _note(conversation)
        assert "input changed delay:600ms" in textarea["hx-trigger"]
        assert "blur" in textarea["hx-trigger"]
        assert textarea["data-updated"].isdigit()
    drafts = [t["data-draft"] for t in live.select("textarea[data-draft]")]
    assert drafts == [str(item.pk) for item in items] + ["general", "come_back_to"]


def test_page_follows_the_content_security_policy(seeker_client, conversation, items):
    soup = _soup(seeker_client.get(_live(conversation)))
    assert finders.find("coffeechat/live.js") and finders.find("coffeechat/live.css")
    sources = [script.get("src", "") for script in soup.select("script")]
    assert any(src.endswith("coffeechat/live.js") for src in sources)
    assert all(sources), "an inline script would be blocked"
    assert not soup.select("style, [style]"), "inline styles are blocked"
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_page_queries_do_not_grow_with_the_agenda(seeker_client, seeker):
    counts = []
    for size in (3, 15):
        conversation = make_conversation(seeker)
        for position in range(size):
            make_agenda_item(seeker, conversation=conversation, position=position)
        make_contact(seeker, referred_by=conversation.contact, source=Source.REFERRAL)
        with CaptureQueriesContext(connection) as queries:
            response = seeker_client.get(_live(conversation))
        assert len(_soup(response).select("li.live-question")) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- Saving notes -----------------------------------------------------------------------------


def test_a_note_is_saved_on_that_item_only(seeker_client, conversation, items):
    first, second, third = items
    response = seeker_client.post(
        _note(conversation), {"item": second.pk, "notes": "Loves the work\r\nHates travel"}, **HTMX
    )
    assert response.status_code == 200
    assert _notes(first, second, third) == ["", "Loves the work\nHates travel", ""]
    assert Conversation.objects.get(pk=conversation.pk).notes == "Before: prep"


def test_general_notes_go_to_the_conversation(seeker_client, conversation, items):
    response = seeker_client.post(
        _note(conversation), {"item": "general", "notes": "Met at the café"}, **HTMX
    )
    assert response.status_code == 200
    assert response["X-Coffeechat-Saved"] == "general"
    assert Conversation.objects.get(pk=conversation.pk).notes == "Met at the café"
    assert _notes(*items) == ["", "", ""]


def test_saving_twice_is_the_same_as_saving_once(seeker_client, conversation, items):
    data = {"item": items[0].pk, "notes": "Same words", "asked": ["0", "1"]}
    for _ in range(2):
        assert seeker_client.post(_note(conversation), data, **HTMX).status_code == 200
    assert list(
        AgendaItem.objects.filter(conversation=conversation)
        .order_by("position")
        .values_list("notes", "asked")
    ) == [("Same words", True), ("", False), ("", False)]


def test_asked_follows_the_box_and_is_left_alone_when_not_sent(seeker_client, conversation, items):
    item = items[0]
    seeker_client.post(_note(conversation), {"item": item.pk, "notes": "a", "asked": ["0", "1"]})
    item.refresh_from_db()
    assert item.asked is True
    seeker_client.post(_note(conversation), {"item": item.pk, "notes": "b"})
    item.refresh_from_db()
    assert (item.notes, item.asked) == ("b", True)
    seeker_client.post(_note(conversation), {"item": item.pk, "notes": "c", "asked": "0"})
    item.refresh_from_db()
    assert (item.notes, item.asked) == ("c", False)


def test_the_note_endpoint_answers_htmx_with_a_small_fragment(seeker_client, conversation, items):
    response = seeker_client.post(
        _note(conversation), {"item": items[0].pk, "notes": "Short"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<body" not in body
    assert "Saved" in body and len(body) < 200
    assert response["X-Coffeechat-Saved"] == str(items[0].pk)
    items[0].refresh_from_db()
    assert int(response["X-Coffeechat-Updated"]) == int(items[0].updated_at.timestamp() * 1000)


def test_without_javascript_saving_returns_to_the_live_page(seeker_client, conversation, items):
    response = seeker_client.post(_note(conversation), {"item": items[2].pk, "notes": "No JS"})
    assert response.status_code == 302
    assert response["Location"] == _live(conversation)
    assert _notes(items[2]) == ["No JS"]


def test_the_endpoints_only_take_their_method(seeker_client, conversation, items):
    assert seeker_client.post(_live(conversation)).status_code == 405
    assert seeker_client.get(_note(conversation)).status_code == 405
    assert seeker_client.get(_person(conversation)).status_code == 405


@pytest.mark.parametrize("which", ["other_users_item", "other_conversations_item", "nonsense"])
def test_an_item_outside_this_conversation_is_404_and_nothing_changes(
    which, client, seeker, stranger, conversation, items
):
    other_conversation = make_conversation(seeker)
    own_elsewhere = make_agenda_item(seeker, conversation=other_conversation, notes="kept")
    strangers = make_agenda_item(stranger, notes="theirs")
    target = {
        "other_users_item": str(strangers.pk),
        "other_conversations_item": str(own_elsewhere.pk),
        "nonsense": "1 OR 1=1",
    }[which]
    client.force_login(seeker)
    response = client.post(_note(conversation), {"item": target, "notes": "overwritten"}, **HTMX)
    assert response.status_code == 404
    assert _notes(own_elsewhere, strangers, *items) == ["kept", "theirs", "", "", ""]
    assert Conversation.objects.get(pk=conversation.pk).notes == "Before: prep"


# --- Strangers --------------------------------------------------------------------------------


@pytest.mark.parametrize("url_of", [_live, _note, _person], ids=["live", "note", "person"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_stranger_gets_404_everywhere(url_of, method, stranger_client, conversation, items):
    contacts_before = Contact.objects.count()
    data = {
        "item": items[0].pk,
        "notes": "stranger was here",
        "first_name": "Mallory",
        "organization": "Evil Corp",
    }
    response = getattr(stranger_client, method)(url_of(conversation), data, **HTMX)
    assert response.status_code == 404
    assert b"Grace" not in response.content and b"First?" not in response.content
    assert _notes(*items) == ["", "", ""]
    assert Conversation.objects.get(pk=conversation.pk).notes == "Before: prep"
    assert Contact.objects.count() == contacts_before
    assert not Organization.objects.filter(name="Evil Corp").exists()


def test_visitors_who_are_not_logged_in_are_sent_to_log_in(client, conversation, items):
    response = client.get(_live(conversation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.post(_note(conversation), {"item": items[0].pk, "notes": "anonymous"})
    assert _notes(items[0]) == [""]


# --- Adding a person they mentioned -----------------------------------------------------------


def test_adding_a_person_makes_one_referral_matched_to_an_existing_organization(
    seeker_client, seeker, conversation
):
    acme = make_organization(seeker, name="Acme")
    organizations_before = Organization.objects.count()
    contacts_before = Contact.objects.count()
    response = seeker_client.post(
        _person(conversation),
        {
            "first_name": "Katherine",
            "last_name": "Johnson",
            "title": "Analyst",
            "organization": "  ACME   Inc. ",
            "note": "Runs the data team",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert Contact.objects.count() == contacts_before + 1
    assert Organization.objects.count() == organizations_before
    person = Contact.objects.get(first_name="Katherine")
    assert person.owner == seeker
    assert person.referred_by == conversation.contact
    assert person.source == Source.REFERRAL
    today = clock_for(seeker).today()
    assert person.source_detail == f"Suggested by Grace Hopper on {format_day(today)}"
    task = Task.objects.get(contact=person)
    assert (task.kind, task.title) == (
        Task.Kind.WRITE_TO,
        "Write to Katherine Johnson — Grace Hopper suggested you",
    )
    assert (person.last_name, person.title, person.notes) == (
        "Johnson",
        "Analyst",
        "Runs the data team",
    )
    assert person.organization == acme
    body = response.content.decode()
    assert "<html" not in body and "Katherine Johnson" in body
    assert response["X-Coffeechat-Added"] == str(person.pk)

    page = _soup(seeker_client.get(person.referred_by.get_absolute_url()))
    heading = next(h for h in page.select("h2") if h.get_text().startswith("Whom"))
    assert "Grace led you to" in heading.get_text()
    assert "Katherine Johnson" in heading.find_next("ul").get_text()


def test_an_unknown_organization_is_created_once(seeker_client, seeker, stranger, conversation):
    make_organization(stranger, name="Initech")  # someone else's is never matched
    for first_name in ("Peter", "Samir"):
        seeker_client.post(
            _person(conversation),
            {"first_name": first_name, "organization": "Initech LLC"},
            **HTMX,
        )
    mine = Organization.objects.filter(owner=seeker, normalized_name="initech")
    assert list(mine.values_list("name", flat=True)) == ["Initech LLC"]
    people = Contact.objects.filter(owner=seeker, first_name__in=["Peter", "Samir"])
    assert {p.organization_id for p in people} == {mine.get().pk}


def test_a_person_without_a_name_is_not_added(seeker_client, conversation):
    before = Contact.objects.count()
    response = seeker_client.post(_person(conversation), {"title": "Someone's boss"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#person-problem"
    assert "name" in response.content.decode()
    assert "X-Coffeechat-Added" not in response
    assert Contact.objects.count() == before


def test_without_javascript_adding_a_person_returns_to_the_live_page(seeker_client, conversation):
    response = seeker_client.post(_person(conversation), {"last_name": "Turing"}, follow=True)
    assert response.redirect_chain == [(_live(conversation), 302)]
    added = Contact.objects.get(last_name="Turing")
    assert added.referred_by_id == conversation.contact_id
    assert added.organization is None
    people = _soup(response).select_one("#people-added").get_text()
    assert "Turing" in people
