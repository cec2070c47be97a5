"""Signing in and staying safe: login links, sessions, throttling, sign-up, passwords, headers."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.local import ensure_owner
from coffeechat.accounts.models import LoginLink
from coffeechat.people.models import Contact
from tests.factories import make_user

PASSWORD = "correct horse battery staple"  # what tests.factories.make_user gives everyone
TODAY = "/"
LOGIN_URL = reverse("accounts:login")
LINK_URL = reverse("accounts:link")


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _logged_in_user_id(client: Client) -> str | None:
    return client.session.get(SESSION_KEY)


def _session_cookie(client: Client) -> str | None:
    morsel = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    return morsel.value if morsel is not None and morsel.value else None


def _log_in(client: Client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def _error_texts(response) -> list[str]:
    soup = _soup(response)
    return [el.get_text(" ", strip=True) for el in soup.select(".error, .errors")]


def _assert_is_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


# Login links ---------------------------------------------------------------------------------


def test_login_link_logs_in_and_sends_to_today_without_the_token(client, seeker):
    token = LoginLink.issue(seeker)

    response = client.get(LINK_URL, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == TODAY
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert _logged_in_user_id(client) == str(seeker.pk)
    assert client.get(TODAY).status_code == 200


def test_login_link_works_only_once(client, seeker):
    token = LoginLink.issue(seeker)
    assert client.get(LINK_URL, {"token": token}).status_code == 302

    other_browser = Client()
    response = other_browser.get(LINK_URL, {"token": token})

    assert response.status_code == 403
    assert response["Referrer-Policy"] == "no-referrer"
    assert _logged_in_user_id(other_browser) is None
    _assert_is_login_redirect(other_browser.get(TODAY))


def test_expired_login_link_is_refused(client, seeker):
    token = LoginLink.issue(seeker, max_age_seconds=1)
    LoginLink.objects.filter(user=seeker).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(LINK_URL, {"token": token})

    assert response.status_code == 403
    assert _logged_in_user_id(client) is None
    _assert_is_login_redirect(client.get(TODAY))


@pytest.mark.parametrize("token", ["not-a-token-anyone-was-given", "", "x" * 500])
def test_unknown_login_link_is_refused(client, seeker, token):
    LoginLink.issue(seeker)  # a real link exists, but not this one

    response = client.get(LINK_URL, {"token": token})

    assert response.status_code == 403
    assert _logged_in_user_id(client) is None


def test_login_link_for_inactive_user_is_refused(client, seeker):
    token = LoginLink.issue(seeker)
    seeker.is_active = False
    seeker.save()

    response = client.get(LINK_URL, {"token": token})

    assert response.status_code == 403
    assert _logged_in_user_id(client) is None


def test_only_the_hash_of_a_login_link_is_stored(seeker):
    token = LoginLink.issue(seeker)

    row = LoginLink.objects.get(user=seeker)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in LoginLink.objects.filter(pk=row.pk).values().get().values()]
    assert not any(token in value for value in stored)


def test_login_link_tokens_differ_each_time(seeker):
    assert LoginLink.issue(seeker) != LoginLink.issue(seeker)
    assert LoginLink.objects.filter(user=seeker).count() == 2


def test_ensure_owner_creates_one_superuser_without_a_password(db):
    User = get_user_model()

    owner = ensure_owner()

    assert owner.is_superuser
    assert not owner.has_usable_password()
    assert User.objects.filter(is_superuser=True).count() == 1

    again = ensure_owner()
    assert again.pk == owner.pk
    assert User.objects.filter(is_superuser=True).count() == 1
    assert User.objects.count() == 1


# Sessions ------------------------------------------------------------------------------------


def test_logging_in_with_a_password_rotates_the_session_key(client, seeker):
    session = client.session
    session["seen_before_login"] = True
    session.save()
    before = _session_cookie(client)
    assert before is not None

    response = _log_in(client, "seeker", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == TODAY
    after = _session_cookie(client)
    assert after is not None
    assert after != before
    assert not SessionStore().exists(before)
    assert _logged_in_user_id(client) == str(seeker.pk)


def test_logout_is_post_only(seeker_client):
    response = seeker_client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert seeker_client.get(TODAY).status_code == 200  # still logged in


def test_after_logout_the_old_session_no_longer_works(seeker_client):
    old_key = _session_cookie(seeker_client)
    assert old_key is not None

    response = seeker_client.post(reverse("accounts:logout"))

    _assert_is_login_redirect(response)
    _assert_is_login_redirect(seeker_client.get(TODAY))
    # Someone who kept a copy of the old cookie gets nowhere with it.
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = old_key
    _assert_is_login_redirect(replay.get(TODAY))


# Throttling ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_that_username_but_not_others(client):
    make_user("seeker")
    make_user("stranger")
    limit = django_settings.AXES_FAILURE_LIMIT

    for attempt in range(1, limit + 1):
        response = _log_in(client, "seeker", "not the password")
        # axes answers the failure that reaches the limit with its lockout page already.
        assert response.status_code == (429 if attempt == limit else 200)
        assert _logged_in_user_id(client) is None

    response = _log_in(client, "seeker", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed attempts" in _soup(response).get_text()
    assert _logged_in_user_id(client) is None
    _assert_is_login_redirect(client.get(TODAY))

    # The lock is on the username: another account from the same address still works (the
    # address has a higher limit of its own, see test_account_hardening).
    other = Client()
    response = _log_in(other, "stranger", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == TODAY
    assert other.get(TODAY).status_code == 200


@pytest.mark.django_db
def test_fewer_wrong_passwords_than_the_limit_do_not_lock(client):
    seeker = make_user("seeker")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = _log_in(client, "seeker", "not the password")
        assert response.status_code == 200
        assert _error_texts(response), "a wrong password should be reported on the form"

    response = _log_in(client, "seeker", PASSWORD)

    assert response.status_code == 302
    assert _logged_in_user_id(client) == str(seeker.pk)


# Sign-up (server mode) -----------------------------------------------------------------------


@pytest.fixture
def server_mode(settings, db):
    settings.LOCAL_MODE = False
    return settings


def _signup(client: Client, username: str, password: str, email: str = ""):
    return client.post(
        reverse("accounts:signup"),
        {"username": username, "email": email, "password1": password, "password2": password},
    )


def test_signup_with_a_good_password_creates_an_account_and_logs_in(client, server_mode):
    response = _signup(client, "newperson", "Velvet-otter-harbour-91", "New@Example.com")

    assert response.status_code == 302
    assert response["Location"] == TODAY
    user = get_user_model().objects.get(username="newperson")
    assert user.check_password("Velvet-otter-harbour-91")
    assert _logged_in_user_id(client) == str(user.pk)
    assert client.get(TODAY).status_code == 200


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("password", "too common"),
        ("12345678", "entirely numeric"),
        ("margaretsmith1", "too similar to the username"),
        ("Zq8#vLw2!", "too short"),  # 9 characters
    ],
)
def test_signup_refuses_weak_passwords(client, server_mode, password, expected):
    response = _signup(client, "margaretsmith", password)

    assert response.status_code == 200
    errors = " ".join(_error_texts(response))
    assert expected in errors
    assert not get_user_model().objects.filter(username="margaretsmith").exists()
    assert _logged_in_user_id(client) is None


def test_signup_does_not_exist_in_local_mode(client, db):
    assert django_settings.LOCAL_MODE
    assert client.get(reverse("accounts:signup")).status_code == 404
    response = _signup(client, "newperson", "Velvet-otter-harbour-91")
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="newperson").exists()


# Passwords -----------------------------------------------------------------------------------


def test_owner_without_a_password_can_set_one_and_then_log_in_with_it(client, db):
    owner = ensure_owner()
    client.force_login(owner)

    page = client.get(reverse("accounts:password"))
    assert page.status_code == 200
    assert _soup(page).h1.get_text(strip=True) == "Set a password"
    assert _soup(page).find(attrs={"name": "old_password"}) is None

    new = "Lantern-quiet-meadow-37"
    response = client.post(
        reverse("accounts:password"), {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(new)
    assert client.get(TODAY).status_code == 200  # the session survives the change

    fresh = Client()
    response = _log_in(fresh, owner.get_username(), new)
    assert response.status_code == 302
    assert _logged_in_user_id(fresh) == str(owner.pk)


def test_changing_a_password_needs_the_old_one(seeker_client, seeker):
    page = seeker_client.get(reverse("accounts:password"))
    assert _soup(page).h1.get_text(strip=True) == "Change your password"
    assert _soup(page).find("input", attrs={"name": "old_password"}) is not None

    new = "Lantern-quiet-meadow-37"
    response = seeker_client.post(
        reverse("accounts:password"),
        {"old_password": "a wrong guess!!", "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 200
    assert "incorrectly" in " ".join(_error_texts(response))
    seeker.refresh_from_db()
    assert seeker.check_password(PASSWORD)
    assert not seeker.check_password(new)


def test_changing_a_password_with_the_old_one_works(seeker_client, seeker):
    new = "Lantern-quiet-meadow-37"
    response = seeker_client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.check_password(new)
    assert seeker_client.get(TODAY).status_code == 200


# Request safety ------------------------------------------------------------------------------


def test_unknown_host_header_is_rejected(seeker_client):
    assert seeker_client.get(TODAY, HTTP_HOST="evil.example").status_code == 400
    # A loopback name is what local mode serves on.
    assert seeker_client.get(TODAY, HTTP_HOST="127.0.0.1").status_code == 200


def test_post_without_csrf_token_is_refused(seeker):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(seeker)
    url = reverse("people:contact_create")
    data = {"first_name": "Forged", "last_name": "Request", "source": "cold"}

    response = browser.post(url, data)

    assert response.status_code == 403
    assert not Contact.objects.filter(first_name="Forged").exists()

    # The same post with the page's token goes through, so the token was what was missing.
    form_page = browser.get(url)
    token = _soup(form_page).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = browser.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Contact.objects.filter(first_name="Forged", owner=seeker).count() == 1


@pytest.mark.parametrize("logged_in", [True, False], ids=["today", "login-page"])
def test_security_headers(client, seeker, logged_in):
    if logged_in:
        client.force_login(seeker)
        response = client.get(TODAY)
    else:
        response = client.get(LOGIN_URL)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {part.strip() for part in policy.split(";")}
    assert "object-src 'none'" in directives
    assert "base-uri 'none'" in directives
    assert "frame-ancestors 'none'" in directives
    assert response["X-Frame-Options"] == "DENY"
