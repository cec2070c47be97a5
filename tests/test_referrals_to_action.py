"""Names a person suggested become action: a contact in one step (a referral, referred by them),
a task "Write to X — Y suggested you" on Today, a first request that names Y first, and the
task closed once X is asked, whichever way."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle, referrals
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Source
from tests.factories import make_contact, make_conversation, make_organization


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _met(seeker) -> Conversation:
    yuki = make_contact(seeker, first_name="Yuki", last_name="Tanaka", organization=None)
    return make_conversation(
        seeker,
        contact=yuki,
        status=Conversation.Status.SCHEDULED,
        scheduled_at=timezone.now() - timedelta(hours=3),
    )


def _wrap_up(client, conversation, **rows):
    data = {"usefulness": "4"}
    data.update(rows)
    url = reverse("conversations:conversation_wrap_up", args=[conversation.pk])
    return client.post(url, data)


def test_a_name_given_after_the_conversation_becomes_a_contact_and_a_task(seeker_client, seeker):
    conversation = _met(seeker)
    acme = make_organization(seeker, name="Acme Analytics")
    response = _wrap_up(
        seeker_client,
        conversation,
        **{
            "suggested-0-first_name": "Ximena",
            "suggested-0-last_name": "Ortiz",
            "suggested-0-organization": "ACME analytics",  # matched, not duplicated
            "suggested-0-note": "Runs the data team",
        },
    )
    assert response.status_code == 302
    person = Contact.objects.get(first_name="Ximena")
    assert person.source == Source.REFERRAL
    assert person.referred_by == conversation.contact
    assert person.organization == acme
    (task,) = Task.objects.filter(kind=Task.Kind.WRITE_TO)
    assert task.title == "Write to Ximena Ortiz — Yuki Tanaka suggested you"
    assert task.contact == person and not task.done
    assert task.due_on <= clock_for(seeker).today() + timedelta(days=7)


def test_a_row_with_a_note_but_no_name_is_refused_and_nothing_is_saved(seeker_client, seeker):
    conversation = _met(seeker)
    response = _wrap_up(seeker_client, conversation, **{"suggested-0-note": "Someone at Acme"})
    assert response.status_code == 200
    assert "Give their first or last name" in response.content.decode()
    assert not Contact.objects.filter(source=Source.REFERRAL).exists()
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SCHEDULED


def test_today_leads_from_the_task_to_a_request_that_names_who_suggested_it(seeker_client, seeker):
    conversation = _met(seeker)
    _wrap_up(
        seeker_client,
        conversation,
        **{"suggested-0-first_name": "Ximena", "suggested-0-last_name": "Ortiz"},
    )
    today = _soup(seeker_client.get(reverse("today:today")))
    (row,) = [
        li for li in today.select("ul.today-items > li") if "Write to Ximena" in li.get_text()
    ]
    link = row.find("a", string="Draft the request")
    query = parse_qs(urlsplit(link["href"]).query)
    assert query["kind"] == ["request"]
    draft = _soup(seeker_client.get(link["href"]))
    body = draft.select_one("#id_body").get_text()
    first_sentence = body.split("\n\n")[1]
    assert "Yuki Tanaka" in first_sentence, body


def test_asking_them_closes_the_task(seeker_client, seeker):
    conversation = _met(seeker)
    _wrap_up(seeker_client, conversation, **{"suggested-0-first_name": "Ximena"})
    person = Contact.objects.get(first_name="Ximena")
    message = Message.objects.create(
        owner=seeker,
        contact=person,
        kind=Message.Kind.REQUEST,
        channel=Message.Channel.EMAIL,
        subject="20 minutes of your advice?",
        body="Hi Ximena,\n\nYuki Tanaka suggested I write to you.\n\nBest,\nSam",
    )
    response = seeker_client.post(
        reverse("outreach:message_act", args=[message.pk]), {"action": "mark_sent"}
    )
    assert response.status_code == 302
    assert Task.objects.get(kind=Task.Kind.WRITE_TO).done


def test_a_meeting_arranged_without_a_request_closes_the_task_too(seeker):
    conversation = _met(seeker)
    person = referrals.capture(conversation, {"first_name": "Ximena", "last_name": "Ortiz"})
    with_them = lifecycle.start(seeker, person)
    lifecycle.move(with_them, lifecycle.SCHEDULED)
    assert Task.objects.get(kind=Task.Kind.WRITE_TO).done


def test_the_new_persons_page_says_who_suggested_them(seeker_client, seeker):
    conversation = _met(seeker)
    _wrap_up(seeker_client, conversation, **{"suggested-0-first_name": "Ximena"})
    person = Contact.objects.get(first_name="Ximena")
    page = _soup(seeker_client.get(person.get_absolute_url()))
    step = page.select_one("section.next-step")
    assert "Yuki Tanaka suggested you write to Ximena" in step.get_text(" ", strip=True)
    assert step.find("a", string="Draft a request") is not None


def test_someone_already_on_the_list_is_that_contact_not_a_copy(seeker_client, seeker):
    conversation = _met(seeker)
    acme = make_organization(seeker, name="Acme Analytics")
    zed = make_contact(
        seeker, first_name="Zed", last_name="Quinn", organization=acme, source=Source.LINKEDIN_1ST
    )
    _wrap_up(
        seeker_client,
        conversation,
        **{
            "suggested-0-first_name": "zed",
            "suggested-0-last_name": "QUINN",
            "suggested-0-organization": "Acme Analytics Inc.",
            "suggested-0-note": "Knows the hiring side",
        },
    )
    assert Contact.objects.filter(last_name__iexact="quinn").count() == 1
    zed.refresh_from_db()
    assert zed.source == Source.LINKEDIN_1ST  # how you know them stays true
    assert zed.referred_by == conversation.contact
    assert "Knows the hiring side" in zed.notes
    (task,) = Task.objects.filter(kind=Task.Kind.WRITE_TO)
    assert task.contact == zed
    # Asking them closes it, as for anyone suggested.
    lifecycle.move(lifecycle.start(seeker, zed), Conversation.Status.REQUESTED)
    task.refresh_from_db()
    assert task.done
