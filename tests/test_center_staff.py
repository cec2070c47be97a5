"""The career center's admin: cohorts and their coaches, people's parts, volunteers approved or
refused, invitations by link or email, and joining through one — once per place, even when
two people click at the same moment. Admin pages are a 404 for every other part and show
names and counts, never what a seeker wrote."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from coffeechat.accounts.models import SeekerProfile, hash_token
from coffeechat.center import access, invitations
from coffeechat.center.invitation_tasks import email_invitation
from coffeechat.center.models import Cohort, Invitation, Membership, Role
from coffeechat.cli import cli
from coffeechat.people.models import Contact
from tests.center_factories import make_coach, make_cohort, make_member, make_share
from tests.factories import make_contact, make_one_of_everything, make_user

MARKER = "Qvmarkerzz"
PASSWORD = "a long and unusual passphrase 42"
User = get_user_model()


@pytest.fixture
def center(db, settings):
    settings.LOCAL_MODE = False
    return settings


@pytest.fixture
def cohort(db):
    return make_cohort("Economics 2027")


@pytest.fixture
def admin(center):
    return make_member("boss", Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture(autouse=True)
def no_queued_tasks():
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def _text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def _fresh(user):
    """The account as a new request sees it (access caches a membership on the object)."""
    return User.objects.get(pk=user.pk)


def _join_url(token: str) -> str:
    return reverse("center:join", kwargs={"token": token})


def _seeker_link(cohort, admin, max_uses: int = 5) -> tuple[Invitation, str]:
    return invitations.issue_link(admin, Role.SEEKER, cohort, max_uses)


def _sign_up(client, url: str, username: str):
    data = {"username": username, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(url, data)


# --- who reaches the admin pages ----------------------------------------------------------------


def _admin_urls(cohort, membership, invitation) -> list[str]:
    return [
        reverse("center:admin_home"),
        reverse("center:cohort_create"),
        reverse("center:cohort_detail", kwargs={"cohort_id": cohort.pk}),
        reverse("center:cohort_edit", kwargs={"cohort_id": cohort.pk}),
        reverse("center:people"),
        reverse("center:person_manage"),
        reverse("center:invitation_list"),
        reverse("center:invitation_create"),
        *(
            reverse(f"center:{name}", kwargs={"membership_id": membership.pk})
            for name in (
                "membership_detail",
                "membership_role",
                "membership_cohort",
                "membership_coaching",
                "volunteer_approve",
                "volunteer_refuse",
            )
        ),
        *(
            reverse(f"center:{name}", kwargs={"invitation_id": invitation.pk})
            for name in ("invitation_revoke", "invitation_resend")
        ),
    ]


@pytest.mark.parametrize("persona", ["seeker", "coach", "volunteer", "pending", "stranger"])
def test_only_admins_reach_admin_pages(persona, client, center, admin, cohort):
    people = {
        "seeker": make_member("seeker", Role.SEEKER, cohort),
        "coach": make_coach("coach", cohort),
        "volunteer": make_member("volunteer", Role.VOLUNTEER),
        "pending": make_member("pending", Role.VOLUNTEER, approved=False),
        "stranger": make_user("stranger"),
    }
    target = Membership.objects.get(user=people["pending"])
    invitation, _ = _seeker_link(cohort, admin)
    client.force_login(people[persona])
    for url in _admin_urls(cohort, target, invitation):
        assert client.get(url).status_code == 404, f"GET {url}"
        data = {"role": Role.ADMIN, "name": "x", "cohort": "", "account": people[persona].pk}
        assert client.post(url, data).status_code == 404, f"POST {url}"
    target.refresh_from_db()
    assert target.role == Role.VOLUNTEER and target.approved_at is None
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert access.role_of(people[persona]) != Role.ADMIN


def test_the_admin_opens_every_page(admin_client, admin, cohort):
    target = Membership.objects.get(user=make_member("seeker", Role.SEEKER, cohort))
    invitation, _ = _seeker_link(cohort, admin)
    for url in _admin_urls(cohort, target, invitation):
        status = admin_client.get(url).status_code
        assert status in (200, 405), url


def test_admin_pages_and_links_do_not_exist_in_local_mode(admin_client, settings, admin, cohort):
    _, token = _seeker_link(cohort, admin)
    settings.LOCAL_MODE = True
    assert admin_client.get(reverse("center:admin_home")).status_code == 404
    assert Client().get(_join_url(token)).status_code == 404


# --- cohorts, parts and volunteers --------------------------------------------------------------


def test_cohorts_are_made_renamed_and_given_coaches(admin_client):
    one, two = make_coach("ana"), make_coach("ben")
    response = admin_client.post(reverse("center:cohort_create"), {"name": "History 2028"})
    cohort = Cohort.objects.get(name="History 2028")
    assert response["Location"] == reverse("center:cohort_detail", kwargs={"cohort_id": cohort.pk})
    other = make_cohort("Economics 2027", one)

    url = reverse("center:cohort_edit", kwargs={"cohort_id": cohort.pk})
    admin_client.post(url, {"name": "History 2029", "coaches": [one.pk, two.pk]})
    cohort.refresh_from_db()
    assert cohort.name == "History 2029"
    assert set(cohort.coaches.all()) == {one, two}
    assert set(one.coached_cohorts.all()) == {cohort, other}  # a coach may look after several

    response = admin_client.post(reverse("center:cohort_create"), {"name": "History 2029"})
    assert response.status_code == 200
    assert "already exists" in _text(response)


def test_a_coachs_cohorts_are_set_on_their_page(admin_client, cohort):
    other = make_cohort("History 2028")
    coach = make_coach("ana", cohort)
    membership = Membership.objects.get(user=coach)
    url = reverse("center:membership_coaching", kwargs={"membership_id": membership.pk})
    admin_client.post(url, {"cohorts": [other.pk]})
    assert list(coach.coached_cohorts.all()) == [other]


def test_center_home_counts_seekers_and_coaches_per_cohort(admin_client, cohort):
    make_coach("ana", cohort)
    for name in ("sam", "kim"):
        make_member(name, Role.SEEKER, cohort)
    make_member("gone", Role.SEEKER, cohort, is_active=False)
    make_user("loner")  # no membership: a seeker of no cohort
    make_member("waiting", Role.VOLUNTEER, approved=False)
    response = admin_client.get(reverse("center:admin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.find("a", string="Economics 2027").find_parent("tr")
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert cells[1:3] == ["2", "1"]
    text = _text(response)
    assert "3 seekers (1 in no cohort)" in text
    assert "waiting" in text  # to approve


def test_moving_a_seeker_ends_the_old_coachs_sight(admin_client, cohort):
    other = make_cohort("History 2028")
    coach = make_coach("ana", cohort)
    seeker = make_member("sam", Role.SEEKER, cohort)
    make_share(seeker, coach)
    assert access.shares_received(coach).count() == 1
    membership = Membership.objects.get(user=seeker)
    url = reverse("center:membership_cohort", kwargs={"membership_id": membership.pk})
    response = admin_client.post(url, {"cohort": other.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.cohort == other
    assert access.shares_received(_fresh(coach)).count() == 0


def test_an_account_without_membership_is_managed_as_a_seeker(admin_client, cohort):
    loner = make_user("loner")
    response = admin_client.post(reverse("center:person_manage"), {"account": loner.pk})
    membership = Membership.objects.get(user=loner)
    assert (membership.role, membership.cohort) == (Role.SEEKER, None)
    assert response["Location"] == reverse(
        "center:membership_detail", kwargs={"membership_id": membership.pk}
    )


def _set_role(client, user, role):
    membership, _ = Membership.objects.get_or_create(user=user)
    url = reverse("center:membership_role", kwargs={"membership_id": membership.pk})
    return client.post(url, {"role": role})


def test_changing_a_part_keeps_cohorts_for_the_parts_that_have_them(admin_client, cohort):
    seeker = make_member("sam", Role.SEEKER, cohort)
    _set_role(admin_client, seeker, Role.COACH)
    membership = Membership.objects.get(user=seeker)
    assert (membership.role, membership.cohort) == (Role.COACH, None)
    cohort.coaches.add(seeker)

    _set_role(admin_client, seeker, Role.SEEKER)
    assert not seeker.coached_cohorts.exists()  # a former coach looks after nobody

    _set_role(admin_client, seeker, Role.VOLUNTEER)
    assert access.role_of(_fresh(seeker)) == Role.VOLUNTEER  # named by the admin: approved


def test_the_only_admin_cannot_step_down(admin_client, admin):
    response = _set_role(admin_client, admin, Role.SEEKER)
    assert response.status_code == 409
    assert "only admin" in _text(response)
    assert Membership.objects.get(user=admin).role == Role.ADMIN

    _set_role(admin_client, make_user("second"), Role.ADMIN)
    response = _set_role(admin_client, admin, Role.SEEKER)
    assert response["Location"] == reverse("today:today")
    assert admin_client.get(reverse("center:admin_home")).status_code == 404


def test_approving_a_volunteer_makes_them_one(admin_client):
    volunteer = make_member("vera", Role.VOLUNTEER, approved=False)
    assert access.role_of(volunteer) is None
    membership = Membership.objects.get(user=volunteer)
    admin_client.post(reverse("center:volunteer_approve", kwargs={"membership_id": membership.pk}))
    assert access.role_of(_fresh(volunteer)) == Role.VOLUNTEER
    assert volunteer in access.approved_volunteers()


def test_refusing_a_volunteer_leaves_a_plain_seeker_with_their_data(admin_client):
    volunteer = make_member("vera", Role.VOLUNTEER, approved=False)
    make_contact(volunteer, first_name="Kept")
    membership = Membership.objects.get(user=volunteer)
    url = reverse("center:volunteer_refuse", kwargs={"membership_id": membership.pk})
    assert admin_client.post(url).status_code == 302
    assert not Membership.objects.filter(user=volunteer).exists()
    assert access.role_of(_fresh(volunteer)) == Role.SEEKER
    assert Contact.objects.filter(owner=volunteer).count() == 1
    # An approved volunteer is not "refused" by a stale button.
    approved = make_member("val", Role.VOLUNTEER)
    other = Membership.objects.get(user=approved)
    admin_client.post(reverse("center:volunteer_refuse", kwargs={"membership_id": other.pk}))
    assert Membership.objects.filter(pk=other.pk).exists()


def test_admin_pages_show_no_seekers_private_text(admin_client, admin, cohort):
    seeker = make_member("sam", Role.SEEKER, cohort)
    make_one_of_everything(seeker, MARKER)
    SeekerProfile.objects.update_or_create(
        owner=seeker,
        defaults={
            "display_name": "Sam Rivera",
            "phone": f"555 {MARKER}",
            "employers": MARKER,
            "email": f"{MARKER}@example.org",
        },
    )
    membership = Membership.objects.get(user=seeker)
    invitation, _ = _seeker_link(cohort, admin)
    pages = [
        url
        for url in _admin_urls(cohort, membership, invitation)
        if admin_client.get(url).status_code == 200
    ]
    pages += [reverse("center:people") + "?q=Sam", reverse("center:people") + "?q=" + MARKER[:6]]
    for url in pages:
        response = admin_client.get(url)
        assert MARKER.casefold() not in response.content.decode().casefold(), url
    assert "Sam Rivera" in _text(admin_client.get(reverse("center:people")))


def _center_of(count: int, start: int = 0) -> None:
    """Cohorts with a coach and a seeker each, volunteers waiting and invitations."""
    for number in range(start, start + count):
        cohort = make_cohort(f"Cohort {number:02}", make_coach(f"coach{number}"))
        make_member(f"seeker{number}", Role.SEEKER, cohort)
        make_member(f"volunteer{number}", Role.VOLUNTEER, approved=False)
        invitations.issue_link(None, Role.SEEKER, cohort, 10)


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page", ["center:admin_home", "center:people", "center:invitation_list", "center:cohort_detail"]
)
def test_admin_pages_take_the_same_queries_for_2_and_30_rows(
    page, admin_client, django_assert_num_queries
):
    _center_of(2)
    first = Cohort.objects.order_by("name").first()
    for number in range(2):  # the first cohort's seekers and coaches grow too
        make_member(f"more{number}", Role.SEEKER, first)
    kwargs = {"cohort_id": first.pk} if page == "center:cohort_detail" else {}
    url = reverse(page, kwargs=kwargs)
    admin_client.get(url)  # the session and the caches, once
    with_two = _count_queries(admin_client, url)
    _center_of(28, start=2)
    for number in range(2, 30):
        make_member(f"more{number}", Role.SEEKER, first)
        first.coaches.add(make_coach(f"extra{number}"))
    with django_assert_num_queries(with_two):
        assert admin_client.get(url).status_code == 200


# --- making invitations -------------------------------------------------------------------------


def test_a_link_is_shown_once_and_only_its_hash_is_kept(admin_client, cohort):
    data = {"role": Role.SEEKER, "cohort": cohort.pk, "delivery": "link", "max_uses": 200}
    response = admin_client.post(reverse("center:invitation_create"), data)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("input", id="invitation-link")["value"]
    token = re.fullmatch(r"http://testserver/center/join/([\w-]+)/", link).group(1)
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.cohort, invitation.max_uses) == (Role.SEEKER, cohort, 200)
    assert invitation.token_hash == hash_token(token) != token
    assert token not in admin_client.get(reverse("center:invitation_list")).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"role": Role.SEEKER, "delivery": "link", "max_uses": 5}, "cohort"),
        ({"role": Role.VOLUNTEER, "delivery": "link", "max_uses": 5, "cohort": "C"}, "cohort"),
        ({"role": Role.COACH, "delivery": "link", "max_uses": 201}, "max_uses"),
        ({"role": Role.ADMIN, "delivery": "link", "max_uses": 1}, "role"),
        ({"role": Role.COACH, "delivery": "email", "emails": "ok@example.org nope"}, "emails"),
        ({"role": Role.COACH, "delivery": "email", "emails": " "}, "emails"),
    ],
)
def test_an_invitation_that_cannot_be_made_is_said_on_its_field(admin_client, cohort, data, field):
    data = {**data, "cohort": cohort.pk} if data.get("cohort") == "C" else data
    response = admin_client.post(reverse("center:invitation_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_email_invitations_are_sent_by_the_worker_with_a_link_that_works(
    admin_client, cohort, django_capture_on_commit_callbacks
):
    addresses = "ada@example.org, Ada@example.org\nbob@example.org"
    data = {"role": Role.SEEKER, "cohort": cohort.pk, "delivery": "email", "emails": addresses}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("center:invitation_create"), data)
    assert response["Location"] == reverse("center:invitation_list")
    sent = Invitation.objects.order_by("email")
    assert [(i.email, i.max_uses) for i in sent] == [("ada@example.org", 1), ("bob@example.org", 1)]
    queued = default_task_backend.results
    assert [result.task.name for result in queued] == ["email_invitation"] * 2
    # The queue holds which invitation and where the site is: no token, no link.
    assert sorted(tuple(result.args) for result in queued) == [
        (invitation.pk, "http://testserver/") for invitation in sent.order_by("pk")
    ]
    assert mail.outbox == []  # the page did not wait for the mail server

    for result in queued:  # what the worker does
        assert email_invitation.call(*result.args, **result.kwargs) is True
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@example.org",
        "bob@example.org",
    ]
    body = mail.outbox[0].body
    assert "as a seeker in Economics 2027" in body
    url = re.search(r"http://testserver(/center/join/[\w-]+/)", body).group(1)
    assert Client().get(url).status_code == 200


def test_sending_again_replaces_the_emailed_link(admin_client, admin, cohort):
    [invitation] = invitations.issue_emails(admin, Role.SEEKER, cohort, ["ada@example.org"])
    email_invitation.call(invitation.pk, "http://testserver/")
    first = re.search(r"/center/join/[\w-]+/", mail.outbox[0].body).group(0)
    url = reverse("center:invitation_resend", kwargs={"invitation_id": invitation.pk})
    admin_client.post(url)
    email_invitation.call(invitation.pk, "http://testserver/")
    second = re.search(r"/center/join/[\w-]+/", mail.outbox[1].body).group(0)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200


def test_an_invitation_withdrawn_before_the_worker_runs_is_not_sent(admin_client, admin, cohort):
    [invitation] = invitations.issue_emails(admin, Role.COACH, cohort, ["ada@example.org"])
    admin_client.post(reverse("center:invitation_revoke", kwargs={"invitation_id": invitation.pk}))
    assert email_invitation.call(invitation.pk, "http://testserver/") is False
    assert mail.outbox == []


# --- joining ------------------------------------------------------------------------------------


def test_a_visitor_signs_up_through_a_seeker_link(client, admin, cohort):
    invitation, token = _seeker_link(cohort, admin)
    page = client.get(_join_url(token))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "Join as a seeker in Economics 2027" in _text(page)

    response = _sign_up(client, _join_url(token), "newstudent")
    assert response["Location"] == reverse("today:today")
    user = User.objects.get(username="newstudent")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.cohort) == (Role.SEEKER, cohort)
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_a_visitor_signs_up_as_a_coach_of_the_named_cohort(client, admin, cohort):
    _, token = invitations.issue_link(admin, Role.COACH, cohort, 3)
    _sign_up(client, _join_url(token), "newcoach")
    coach = User.objects.get(username="newcoach")
    assert access.role_of(coach) == Role.COACH
    assert list(access.cohorts_coached_by(_fresh(coach))) == [cohort]


def test_a_volunteer_waits_for_approval_after_joining(client, admin_client, admin):
    _, token = invitations.issue_link(admin, Role.VOLUNTEER, None, 3)
    visitor = Client()
    response = _sign_up(visitor, _join_url(token), "alumna")
    assert response["Location"] == reverse("center:join_pending")
    waiting = visitor.get(response["Location"])
    assert "approves each alumni volunteer" in _text(waiting)
    alumna = User.objects.get(username="alumna")
    assert access.role_of(alumna) is None

    membership = Membership.objects.get(user=alumna)
    admin_client.post(reverse("center:volunteer_approve", kwargs={"membership_id": membership.pk}))
    assert access.role_of(_fresh(alumna)) == Role.VOLUNTEER
    assert visitor.get(reverse("center:join_pending"))["Location"] == reverse("today:today")


def test_a_seeker_with_data_joins_with_one_button_and_keeps_it(client, center, admin, cohort):
    seeker = make_user("sam")
    make_one_of_everything(seeker, MARKER)
    contacts = Contact.objects.filter(owner=seeker).count()
    invitation, token = _seeker_link(cohort, admin)
    client.force_login(seeker)
    page = client.get(_join_url(token))
    assert "You are logged in as sam" in _text(page)
    response = client.post(_join_url(token))
    assert response["Location"] == reverse("today:today")
    assert Membership.objects.get(user=seeker).cohort == cohort
    assert Contact.objects.filter(owner=seeker).count() == contacts
    # Joining again changes nothing and takes no second place.
    again = client.get(_join_url(token))
    assert "already" in _text(again)
    client.post(_join_url(token))
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_a_coach_cannot_be_made_a_seeker_by_a_link(client, admin, cohort):
    coach = make_coach("ana")
    invitation, token = _seeker_link(cohort, admin)
    client.force_login(coach)
    assert "as a coach; an invitation cannot change that" in _text(client.get(_join_url(token)))
    assert client.post(_join_url(token)).status_code == 409
    assert Membership.objects.get(user=coach).role == Role.COACH
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_used_up_withdrawn_expired_and_unknown_links_say_so(
    admin_client, admin, cohort, frozen_clock
):
    used, used_token = _seeker_link(cohort, admin, max_uses=1)
    _sign_up(Client(), _join_url(used_token), "first")
    withdrawn, withdrawn_token = _seeker_link(cohort, admin)
    admin_client.post(reverse("center:invitation_revoke", kwargs={"invitation_id": withdrawn.pk}))
    _, expired_token = _seeker_link(cohort, admin)
    frozen_clock.shift(timedelta(days=Invitation.DAYS_VALID, seconds=1))
    cases = [
        (used_token, 410, "used as many times as it allows"),
        (withdrawn_token, 410, "withdrew this invitation"),
        (expired_token, 410, "has expired"),
        ("x" * 32, 404, "not one of ours"),
    ]
    visitor = Client()
    for token, status, words in cases:
        for response in (
            visitor.get(_join_url(token)),
            _sign_up(visitor, _join_url(token), "late"),
        ):
            assert response.status_code == status, token
            assert words in _text(response)
    assert not User.objects.filter(username="late").exists()


def test_sign_up_through_a_link_is_throttled_like_sign_up(client, center, admin, cohort):
    center.SIGNUP_ATTEMPT_LIMIT = 1
    _, token = _seeker_link(cohort, admin)
    _sign_up(client, _join_url(token), "first")
    response = _sign_up(Client(), _join_url(token), "second")
    assert response.status_code == 429
    assert not User.objects.filter(username="second").exists()


def test_the_second_of_two_joins_for_one_place_is_refused(client, center, admin, cohort):
    invitation, token = _seeker_link(cohort, admin, max_uses=1)
    one, two = make_user("one"), make_user("two")
    for user, status in ((one, 302), (two, 410)):
        joiner = Client()
        joiner.force_login(user)
        assert joiner.post(_join_url(token)).status_code == status
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert not Membership.objects.filter(user=two).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite admits one writing transaction at a time (BEGIN IMMEDIATE) by design",
)
@pytest.mark.django_db(transaction=True)
def test_two_joins_at_the_same_moment_take_one_place(settings):
    settings.LOCAL_MODE = False
    admin = make_member("boss", Role.ADMIN)
    invitation, token = _seeker_link(make_cohort("Economics 2027"), admin, max_uses=1)
    clients = []
    for name in ("one", "two"):
        joiner = Client()
        joiner.force_login(make_user(name))
        clients.append(joiner)
    visitor = Client()  # and a third, signing up at the same moment
    start = threading.Barrier(3)
    answers: list = [None, None, None]

    def join(index: int) -> None:
        try:
            start.wait()
            if index < 2:
                answers[index] = clients[index].post(_join_url(token)).status_code
            else:
                answers[index] = _sign_up(visitor, _join_url(token), "three").status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=join, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [302, 410, 410]
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert Membership.objects.filter(role=Role.SEEKER).count() == 1
    assert User.objects.filter(username="three").exists() == (answers[2] == 302)


# --- the first admin ----------------------------------------------------------------------------


def _center_admin(*args: str):
    return CliRunner().invoke(cli, ["center-admin", *args], prog_name="coffeechat")


def test_center_admin_command_makes_an_account_the_admin(center):
    user = make_user("dean")
    result = _center_admin("dean")
    assert result.exit_code == 0, result.output
    assert "dean is now a center admin" in result.output
    assert access.role_of(_fresh(user)) == Role.ADMIN


def test_center_admin_command_refuses_an_unknown_account(center):
    result = _center_admin("nobody")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: There is no active account named 'nobody'; the person signs up first."
    )
    assert not Membership.objects.exists()


def test_center_admin_command_refuses_local_mode(db, settings):
    settings.LOCAL_MODE = True
    make_user("dean")
    result = _center_admin("dean")
    assert result.exit_code == 2
    assert "only on a server" in result.output
    assert "Traceback" not in result.output
    assert not Membership.objects.exists()
