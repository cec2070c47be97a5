"""Alumni volunteers in a career center: the directory seekers browse (fair, and never showing
an email or phone), requests checked like any request and limited to two waiting, answers
that reveal contact details only on accept, expiry after seven days, the emails each change
sends, and a 404 for everyone a request does not belong to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from django_tasks import default_task_backend
from hypothesis import given
from hypothesis import strategies as st

from coffeechat.accounts.clock import get_profile
from coffeechat.accounts.models import SeekerProfile
from coffeechat.center import (
    access,
    notifications,
    volunteer_requests,
    volunteer_urls,
    volunteer_views,
)
from coffeechat.center.models import Membership, Role, VolunteerProfile, VolunteerRequest
from coffeechat.lib import volunteer_fairness as fairness
from coffeechat.lib.drafting import Writer
from coffeechat.lib.etiquette import check_message, has_errors
from tests.factories import make_user

GOOD_MESSAGE = (
    "Hi Vera,\n\n"
    "I found you in our career center's directory of alumni volunteers. I'm a third-year "
    "economics student, exploring economic consulting.\n\n"
    "Would you have 20 minutes in the coming weeks to share how you found your way into your "
    "work? I'm not asking for a job, only for your advice.\n\n"
    "Thank you,\nSam Lee"
)
JOB_MESSAGE = GOOD_MESSAGE.replace(
    "I'm not asking for a job, only for your advice.", "Could you give me a job at your firm?"
)
# No time asked for: the checker suggests naming one, and does not forbid it.
WARNING_MESSAGE = GOOD_MESSAGE.replace("20 minutes", "some time")
STATUS = VolunteerRequest.Status
User = get_user_model()


# Personas -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def center(settings):
    """Career-center mode is server mode; tasks queued by one test are not another's."""
    settings.LOCAL_MODE = False
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def member(username: str, role: str, *, approved: bool = True, **extra):
    user = make_user(username, email=f"{username}@example.edu", **extra)
    Membership.objects.create(
        user=user, role=role, approved_at=timezone.now() if approved else None
    )
    return user


def volunteer(username: str, *, approved: bool = True, **profile):
    user = member(username, Role.VOLUNTEER, approved=approved)
    VolunteerProfile.objects.create(
        user=user,
        **{
            "display_name": username.title(),
            "field": "Economic consulting",
            "organization": "Northwind Analytics",
            "title": "Senior analyst",
            "topics": "Moving from research into consulting\nCase interviews",
            "email": f"{username}.private@alumni.example.org",
            "phone": "+1 555 0100",
            **profile,
        },
    )
    return user


@pytest.fixture
def vera(db):
    return volunteer("vera")


@pytest.fixture
def sam(seeker):
    """The seeker (no membership at all: a seeker of no cohort), with a profile to draft from."""
    profile = get_profile(seeker)
    profile.display_name = "Sam Lee"
    profile.current_role = "a third-year economics student"
    profile.school = "Lakeside University"
    profile.email = "sam.lee@student.example.edu"
    profile.phone = "+1 555 0199"
    profile.save()
    seeker.refresh_from_db()  # forget the profile cached when the account was made
    return seeker


def client_for(client, user):
    client.force_login(user)
    return client


def profile_id(user) -> int:
    return VolunteerProfile.objects.get(user=user).pk


def ask_url(volunteer_user) -> str:
    return reverse("center:volunteer_ask", args=[profile_id(volunteer_user)])


def textarea(html: str, selector: str) -> str:
    """A text box's text as a browser reads it (without the newline after the tag)."""
    return BeautifulSoup(html, "html.parser").select_one(selector).get_text().removeprefix("\n")


def send(seeker, to, message: str = GOOD_MESSAGE) -> VolunteerRequest:
    return volunteer_requests.send(seeker, profile_id(to), message)


def queued(task) -> list:
    return [r for r in default_task_backend.results if r.task.module_path == task.module_path]


def deliver() -> list:
    """Run every queued email, as the worker would; the messages sent."""
    for result in queued(notifications.send_email):
        notifications.send_email.call(*result.args, **result.kwargs)
    default_task_backend.clear()
    return list(mail.outbox)


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def directory_names(client, **params) -> list[str]:
    soup = BeautifulSoup(
        page(client, reverse("center:volunteer_directory"), **params), "html.parser"
    )
    return [h2.get_text(strip=True) for h2 in soup.select("#volunteer-rows h2")]


# The directory ---------------------------------------------------------------------------


def test_the_directory_never_shows_email_or_phone(client, sam, vera):
    html = page(client_for(client, sam), reverse("center:volunteer_directory"))
    assert "Vera" in html and "Case interviews" in html
    assert "vera.private@alumni.example.org" not in html
    assert "vera@example.edu" not in html
    assert "555 0100" not in html


def test_the_directory_hides_full_unavailable_unapproved_and_closed_accounts(client, sam, vera):
    volunteer("away", available=False)
    volunteer("pending", approved=False)
    closed = volunteer("closed")
    closed.is_active = False
    closed.save()
    full = volunteer("full", capacity=1)
    send(member("other", Role.SEEKER), full)
    assert directory_names(client_for(client, sam)) == ["Vera"]


def test_every_request_received_this_month_counts_and_the_next_month_frees_them(
    client, sam, frozen_clock
):
    busy = volunteer("busy", capacity=2)
    first, second = member("first", Role.SEEKER), member("second", Role.SEEKER)
    volunteer_requests.withdraw(send(first, busy))  # withdrawn still reached them
    volunteer_requests.decline(send(second, busy), "Not this month, sorry.")
    assert directory_names(client_for(client, sam)) == []
    html = page(client, ask_url(busy))
    assert "had all the requests they offered to take this month" in html
    assert "Fri 1 Jan 2027" in html
    frozen_clock.shift(timedelta(days=30))  # 1 January; sessions last two weeks
    assert directory_names(client_for(client, sam)) == ["Busy"]


def test_the_directory_ranks_the_least_asked_for_what_they_offered_first(client, sam):
    asked_twice = volunteer("twice", capacity=3)
    volunteer("never", capacity=3)
    asked_once_of_six = volunteer("roomy", capacity=6)
    asked_once = volunteer("once", capacity=3)
    others = [member(f"s{n}", Role.SEEKER) for n in range(4)]
    send(others[0], asked_twice)
    send(others[1], asked_twice)
    send(others[2], asked_once_of_six)
    send(others[3], asked_once)
    assert directory_names(client_for(client, sam)) == ["Never", "Roomy", "Once", "Twice"]


def test_the_directory_filters_by_field_and_topic(client, sam, vera):
    volunteer("nadia", field="Public health", topics="Epidemiology\nWorking at a city agency")
    client_for(client, sam)
    assert directory_names(client, q="public health") == ["Nadia"]
    assert directory_names(client, q="case interviews") == ["Vera"]
    assert directory_names(client, q="EPIDEMIOLOGY") == ["Nadia"]
    assert "No volunteer who can take a request now matches" in page(
        client, reverse("center:volunteer_directory"), q="astronomy"
    )


def test_a_seeker_with_two_waiting_requests_is_told_why_they_cannot_ask_more(client, sam, vera):
    send(sam, volunteer("one"))
    send(sam, volunteer("two"))
    html = page(client_for(client, sam), reverse("center:volunteer_directory"))
    assert "You have 2 requests waiting for an answer" in html
    assert ask_url(vera) not in html
    response = client.post(ask_url(vera), {"body": GOOD_MESSAGE})
    assert "You have 2 requests waiting for an answer" in response.content.decode()
    assert not VolunteerRequest.objects.filter(volunteer=vera).exists()
    with pytest.raises(volunteer_requests.NotNow):
        send(sam, vera)


def test_a_seeker_cannot_ask_the_same_volunteer_twice_while_waiting(sam, vera):
    send(sam, vera)
    with pytest.raises(volunteer_requests.NotNow, match="still waiting"):
        send(sam, vera)


def test_unavailable_volunteers_refuse_and_unapproved_ones_do_not_exist(client, sam):
    away = volunteer("away", available=False)
    pending = volunteer("pending", approved=False)
    client_for(client, sam)
    response = client.post(ask_url(away), {"body": GOOD_MESSAGE})
    assert "not taking requests at the moment" in response.content.decode()
    url = ask_url(pending)
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": GOOD_MESSAGE}).status_code == 404
    assert not VolunteerRequest.objects.exists()


# Writing and sending ---------------------------------------------------------------------


def test_the_ask_page_offers_a_draft_from_the_seekers_profile(client, sam, vera):
    body = textarea(page(client_for(client, sam), ask_url(vera)), "textarea#id_body")
    assert body.startswith("Hi Vera,")
    assert "directory of alumni volunteers" in body
    assert "third-year economics student" in body
    assert body.rstrip().endswith("Sam Lee")
    assert not has_errors(check_message(body, "email", ""))


def test_sending_queues_an_email_for_the_volunteer_and_the_expiry(
    client, sam, vera, django_capture_on_commit_callbacks
):
    url = ask_url(vera)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(client, sam).post(url, {"body": GOOD_MESSAGE})
    sent = VolunteerRequest.objects.get(seeker=sam, volunteer=vera)
    assert response.status_code == 302
    assert response["Location"] == reverse("center:volunteer_request", args=[sent.pk])
    assert (sent.status, sent.message) == (STATUS.OPEN, GOOD_MESSAGE)
    assert sent.expires_at == sent.created_at + timedelta(days=7)
    [expiry] = queued(volunteer_requests.expire_requests)
    assert expiry.task.run_after == sent.expires_at
    [email] = deliver()
    assert email.to == ["vera@example.edu"]
    assert email.subject == "Sam Lee would like a conversation with you"
    assert reverse("center:volunteer_request", args=[sent.pk]) in email.body
    # Only what the volunteer may see before answering: no email or phone of the seeker.
    assert "sam.lee@student.example.edu" not in email.body
    assert "555 0199" not in email.body


def test_a_must_fix_finding_blocks_sending(client, sam, vera):
    url = ask_url(vera)
    response = client_for(client, sam).post(url, {"body": JOB_MESSAGE})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Must fix" in html and "ask.job" in html
    assert not VolunteerRequest.objects.exists()
    # Pressing Send again does not get it through either.
    response = client.post(url, {"body": JOB_MESSAGE, "warned": _warned(response)})
    assert not VolunteerRequest.objects.exists()
    with pytest.raises(volunteer_requests.NotNow):
        send(sam, vera, JOB_MESSAGE)


def _warned(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("input[name=warned]")["value"]


def test_a_suggestion_is_shown_once_and_then_the_message_may_go(client, sam, vera):
    url = ask_url(vera)
    first = client_for(client, sam).post(url, {"body": WARNING_MESSAGE})
    html = first.content.decode()
    assert "Consider" in html and "time.missing" in html
    assert "Send it as it is" in html
    assert not VolunteerRequest.objects.exists()
    second = client.post(url, {"body": WARNING_MESSAGE, "warned": _warned(first)})
    assert second.status_code == 302
    assert VolunteerRequest.objects.get().message == WARNING_MESSAGE


def test_a_draft_still_waiting_for_a_name_cannot_be_sent(client, seeker, vera):
    draft = textarea(page(client_for(client, seeker), ask_url(vera)), "textarea#id_body")
    assert "[your name" in draft
    response = client.post(ask_url(vera), {"body": draft})
    assert "Sign the message with your name" in response.content.decode()
    assert not VolunteerRequest.objects.exists()


# Answers ---------------------------------------------------------------------------------


def test_accepting_reveals_both_sides_contact_details_and_only_then(
    client, sam, vera, django_capture_on_commit_callbacks
):
    sent = send(sam, vera)
    request_url = reverse("center:volunteer_request", args=[sent.pk])
    seeker_pages = [request_url, reverse("center:volunteer_requests")]
    volunteer_pages = [request_url, reverse("center:volunteer_inbox")]
    for url in seeker_pages:
        html = page(client_for(client, sam), url)
        assert "vera.private@alumni.example.org" not in html and "555 0100" not in html
    for url in volunteer_pages:
        html = page(client_for(client, vera), url)
        assert "sam.lee@student.example.edu" not in html and "555 0199" not in html
        assert "third-year economics student" in html

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("center:volunteer_accept", args=[sent.pk]))
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.answered_at is not None) == (STATUS.ACCEPTED, True)
    for url in volunteer_pages:
        html = page(client, url)
        assert "sam.lee@student.example.edu" in html and "555 0199" in html
    for url in seeker_pages:
        html = page(client_for(client, sam), url)
        assert "vera.private@alumni.example.org" in html and "555 0100" in html
    [email] = deliver()
    assert email.to == ["seeker@example.com"]
    assert email.subject == "Vera accepted your request"
    assert "vera.private@alumni.example.org" in email.body


def test_the_volunteer_declines_with_the_kind_note_offered_or_their_own(
    client, sam, vera, django_capture_on_commit_callbacks
):
    sent = send(sam, vera)
    html = page(client_for(client, vera), reverse("center:volunteer_inbox"))
    offered = textarea(html, f"textarea#id_r{sent.pk}_note")
    assert offered.startswith("Hi Sam,") and offered.rstrip().endswith("Vera")
    assert not has_errors(check_message(offered, "email", "", kind="follow_up"))

    url = reverse("center:volunteer_decline", args=[sent.pk])
    response = client.post(url, {"note": "   "})
    assert "This field is required" in response.content.decode()
    note = "Thank you for asking. I am travelling all month; please ask Nadia instead."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"note": note}).status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.decline_note) == (STATUS.DECLINED, note)
    html = page(client_for(client, sam), reverse("center:volunteer_request", args=[sent.pk]))
    assert note in html
    assert "vera.private@alumni.example.org" not in html
    [email] = deliver()
    assert email.to == ["seeker@example.com"] and note in email.body
    assert "vera.private@alumni.example.org" not in email.body
    # A second answer changes nothing.
    client_for(client, vera).post(reverse("center:volunteer_accept", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.status == STATUS.DECLINED


def test_the_seeker_withdraws_a_waiting_request(client, sam, vera):
    sent = send(sam, vera)
    response = client_for(client, sam).post(reverse("center:volunteer_withdraw", args=[sent.pk]))
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == STATUS.WITHDRAWN
    assert access.open_requests_of(sam).count() == 0


def test_a_request_unanswered_for_seven_days_expires_and_the_seeker_is_told(
    client, sam, vera, frozen_clock, django_capture_on_commit_callbacks
):
    sent = send(sam, vera)
    frozen_clock.shift(timedelta(days=6, hours=23))
    html = page(client_for(client, sam), reverse("center:volunteer_requests"))
    assert "Waiting for an answer" in html
    frozen_clock.shift(timedelta(hours=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        html = page(client, reverse("center:volunteer_requests"))
    sent.refresh_from_db()
    assert sent.status == STATUS.EXPIRED
    assert "did not answer within 7 days, so this request closed" in html
    [email] = deliver()
    assert email.to == ["seeker@example.com"]
    assert email.subject == "Your request to Vera has closed"
    # Too late to accept, and it no longer counts toward the seeker's two.
    client_for(client, vera).post(reverse("center:volunteer_accept", args=[sent.pk]))
    sent.refresh_from_db()
    assert sent.status == STATUS.EXPIRED
    assert access.open_requests_of(sam).count() == 0


def test_the_worker_expires_requests_when_their_time_comes(sam, vera, frozen_clock):
    sent = send(sam, vera)
    assert volunteer_requests.expire_requests.call() == 0
    frozen_clock.shift(timedelta(days=7, minutes=1))
    assert volunteer_requests.expire_requests.call() == 1
    sent.refresh_from_db()
    assert sent.status == STATUS.EXPIRED
    assert volunteer_requests.expire_due() == 0  # once


def test_only_a_waiting_request_moves_and_where_it_lands_is_final():
    moves = {
        (a, b) for a in STATUS.values for b in STATUS.values if volunteer_requests.can_move(a, b)
    }
    assert moves == {
        (STATUS.OPEN, STATUS.ACCEPTED),
        (STATUS.OPEN, STATUS.DECLINED),
        (STATUS.OPEN, STATUS.WITHDRAWN),
        (STATUS.OPEN, STATUS.EXPIRED),
    }


# Who may see what ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SEEKER, Role.COACH, Role.ADMIN, Role.VOLUNTEER])
def test_a_request_is_404_for_everyone_it_does_not_belong_to(client, sam, vera, role):
    sent = send(sam, vera)
    other = volunteer("other") if role == Role.VOLUNTEER else member("other", role)
    client_for(client, other)
    for name in ("request", "accept", "decline", "withdraw"):
        url = reverse(f"center:volunteer_{name}", args=[sent.pk])
        assert client.get(url).status_code == 404, f"GET {url}"
        assert client.post(url, {"note": "x"}).status_code == 404, f"POST {url}"
    sent.refresh_from_db()
    assert sent.status == STATUS.OPEN


def test_each_side_may_make_only_its_own_moves(client, sam, vera):
    sent = send(sam, vera)
    client_for(client, sam)
    assert client.post(reverse("center:volunteer_accept", args=[sent.pk])).status_code == 404
    assert client.post(reverse("center:volunteer_decline", args=[sent.pk])).status_code == 404
    client_for(client, vera)
    assert client.post(reverse("center:volunteer_withdraw", args=[sent.pk])).status_code == 404
    sent.refresh_from_db()
    assert sent.status == STATUS.OPEN


def test_pages_are_only_for_their_part(client, sam, vera):
    seeker_pages = ["center:volunteer_directory", "center:volunteer_requests"]
    volunteer_pages = ["center:volunteer_inbox", "center:volunteer_profile"]
    for user, refused in ((sam, volunteer_pages), (vera, seeker_pages)):
        client_for(client, user)
        for name in refused:
            assert client.get(reverse(name)).status_code == 404, name
    pending = volunteer("pending", approved=False)
    client_for(client, pending)
    for name in seeker_pages + volunteer_pages:
        assert client.get(reverse(name)).status_code == 404, name
    for persona in (Role.COACH, Role.ADMIN):
        client_for(client, member(f"a_{persona}", persona))
        for name in seeker_pages + volunteer_pages:
            assert client.get(reverse(name)).status_code == 404, name


def every_url(sent: VolunteerRequest, volunteer_user) -> dict[str, str]:
    args = {"volunteerrequest_id": sent.pk, "volunteerprofile_id": profile_id(volunteer_user)}
    return {
        pattern.name: reverse(
            f"center:{pattern.name}",
            kwargs={name: args[name] for name in pattern.pattern.converters},
        )
        for pattern in volunteer_urls.urlpatterns
    }


def test_local_mode_has_no_volunteers(client, settings, sam, vera):
    sent = send(sam, vera)
    settings.LOCAL_MODE = True
    for user in (sam, vera):
        client_for(client, user)
        for url in every_url(sent, vera).values():
            assert client.get(url).status_code in (404, 405), url
            assert client.post(url, {"body": GOOD_MESSAGE}).status_code in (404, 405), url
    assert VolunteerRequest.objects.get().status == STATUS.OPEN


def test_every_volunteer_page_declares_its_methods_and_refuses_others(client, sam, vera):
    sent = send(sam, vera)
    volunteer_pages = ("volunteer_accept", "volunteer_decline", "volunteer_inbox")
    for name, url in every_url(sent, vera).items():
        methods = set(resolve(url).func.http_methods)
        assert methods <= {"GET", "HEAD", "POST"}, name
        owner = vera if name in volunteer_pages + ("volunteer_profile",) else sam
        response = client_for(client, owner).generic("PUT", url)
        assert response.status_code == 405, url
        assert set(response["Allow"].split(", ")) == methods


# The volunteer's profile ---------------------------------------------------------------------


def test_an_approved_volunteer_without_a_profile_is_sent_to_write_it(client, db):
    newcomer = member("newcomer", Role.VOLUNTEER)
    client_for(client, newcomer)
    response = client.get(reverse("center:volunteer_inbox"))
    assert response.status_code == 302
    assert response["Location"] == reverse("center:volunteer_profile")
    html = page(client, reverse("center:volunteer_profile"))
    form = BeautifulSoup(html, "html.parser")
    assert form.select_one("input#id_email")["value"] == "newcomer@example.edu"
    assert form.select_one("input#id_capacity")["value"] == "3"
    response = client.post(
        reverse("center:volunteer_profile"),
        {
            "display_name": "Nico Ortiz",
            "field": "Urban planning",
            "topics": "Transit\n\n transit \nZoning",
            "available": "on",
            "capacity": "2",
            "email": "nico@alumni.example.org",
        },
    )
    assert response.status_code == 302
    saved = VolunteerProfile.objects.get(user=newcomer)
    assert (saved.capacity, saved.topics, saved.available) == (2, "Transit\nZoning", True)
    assert page(client, reverse("center:volunteer_inbox"))


def test_a_volunteer_offering_one_request_reads_it_in_the_singular(client, sam):
    solo = volunteer("solo", capacity=1)
    html = page(client_for(client, solo), reverse("center:volunteer_profile"))
    assert "0 of the 1 request you offered." in html
    send(sam, solo)
    html = page(client, reverse("center:volunteer_profile"))
    assert "You have had 1 request this month, the 1 you offered," in html


def test_the_profile_says_how_full_the_month_is(client, vera, sam):
    send(sam, vera)
    html = page(client_for(client, vera), reverse("center:volunteer_profile"))
    assert "1 of the 3 requests you offered" in html
    response = client.post(
        reverse("center:volunteer_profile"),
        {"display_name": "Vera", "field": "Consulting", "capacity": "0", "email": "v@x.org"},
    )
    assert "greater than or equal to 1" in response.content.decode()


# Query counts ------------------------------------------------------------------------------


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_directory_runs_as_many_queries_for_30_volunteers_as_for_2(
    client, sam, django_assert_num_queries
):
    volunteers = [volunteer(f"v{n}") for n in range(30)]
    for helper in volunteers:
        send(member(f"asker{helper.pk}", Role.SEEKER), helper)
    send(sam, volunteers[0])
    url = reverse("center:volunteer_directory")
    client_for(client, sam)
    VolunteerProfile.objects.filter(user__in=volunteers[2:]).update(available=False)
    with_two = _count(client, url)
    VolunteerProfile.objects.update(available=True)
    with django_assert_num_queries(with_two):
        client.get(url)
    assert len(directory_names(client)) == 20  # a page of them


def test_the_inbox_and_the_seekers_requests_run_as_many_queries_for_30_as_for_2(
    client, vera, django_assert_num_queries
):
    seekers = [member(f"s{n}", Role.SEEKER) for n in range(30)]
    VolunteerProfile.objects.filter(user=vera).update(capacity=20)
    for seeker in seekers[:2]:
        send(seeker, vera)
    url = reverse("center:volunteer_inbox")
    with_two = _count(client_for(client, vera), url)
    for seeker in seekers[2:]:
        VolunteerRequest.objects.create(
            seeker=seeker,
            volunteer=vera,
            message="Hello",
            expires_at=timezone.now() + timedelta(days=7),
        )
    volunteer_requests.accept(VolunteerRequest.objects.filter(seeker=seekers[5]).get())
    with django_assert_num_queries(with_two):
        client.get(url)

    asker = seekers[0]
    helpers = [volunteer(f"h{n}") for n in range(30)]
    mine = reverse("center:volunteer_requests")
    with_two = _count(client_for(client, asker), mine)  # the one to vera and none else
    for helper in helpers:
        VolunteerRequest.objects.create(
            seeker=asker, volunteer=helper, message="Hello", expires_at=timezone.now()
        )
    volunteer_requests.expire_due()
    with django_assert_num_queries(with_two):
        client.get(mine)


# Text built from what people typed -------------------------------------------------------

names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


@given(seeker_name=names, volunteer_name=names)
def test_the_kind_note_offered_passes_the_checker_whatever_the_names(seeker_name, volunteer_name):
    seeker, helper = User(username="sam"), User(username="vera")
    seeker.seeker_profile = SeekerProfile(display_name=seeker_name)
    helper.volunteer_profile = VolunteerProfile(display_name=volunteer_name)
    note = volunteer_requests.default_decline_note(
        VolunteerRequest(seeker=seeker, volunteer=helper)
    )
    assert not has_errors(check_message(note, "email", "", kind="follow_up")), note


titles = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@given(name=names, title=titles, organization=titles, writer_name=names)
def test_the_starting_draft_has_nothing_to_fix_whatever_the_volunteer_typed(
    name, title, organization, writer_name
):
    load = fairness.Load(1, capacity=3)
    card = access.VolunteerCard(1, 1, name, "Field", organization, title, (), None, True, load)
    draft = volunteer_views.draft_to(card, Writer(name=writer_name, role="a nurse"))
    assert not has_errors(check_message(draft, "email", "")), draft


def test_email_goes_to_the_account_address_else_the_profiles(db):
    volunteer_only = volunteer("quiet")
    volunteer_only.email = ""
    volunteer_only.save()
    assert notifications.send_email.call(volunteer_only.pk, "Hello", "Body")
    assert mail.outbox[-1].to == ["quiet.private@alumni.example.org"]
    nobody = make_user("nobody")
    assert not notifications.send_email.call(nobody.pk, "Hello", "Body")
    closed = make_user("closed", email="closed@example.edu", is_active=False)
    assert not notifications.send_email.call(closed.pk, "Hello", "Body")
    assert len(mail.outbox) == 1
