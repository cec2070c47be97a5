"""Accounts under attack: password spraying is throttled per username, per address and across
the site; sign-up does not confirm which usernames exist; a server's admin shows accounts, never
what is in them; with Redis the throttle's counts live in the shared cache."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from coffeechat.accounts import throttle
from coffeechat.accounts.clock import get_profile
from coffeechat.accounts.forms import UNUSABLE
from coffeechat.accounts.models import ThrottleCount
from tests.factories import make_one_of_everything, make_user

PASSWORD = "correct horse battery staple"  # what tests.factories.make_user gives everyone
LOGIN_URL = reverse("accounts:login")
SIGNUP_URL = reverse("accounts:signup")
TODAY = "/"
MARKER = "Qwxzvbnmpl"
QUERY = MARKER[:6]  # finds rows carrying the marker, yet its echo never holds the whole marker
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def _log_in(username: str, password: str, address: str = "198.51.100.1", client=None):
    client = client or Client()
    response = client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return client, response


def _text(response) -> str:
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


def _logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def _assert_paused(response, words: str) -> None:
    assert response.status_code == 429
    assert "Too many failed attempts" in _text(response)
    assert words in _text(response)


@pytest.fixture
def people(db):
    return [make_user(name) for name in ("seeker", "coach", "mallory")]


# Spraying one password over many usernames, from one address ---------------------------------


def test_many_usernames_from_one_address_pause_that_address(settings, people):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT  # a campus address may fail more than a name

    for n in range(1, limit + 1):
        _, response = _log_in(f"student{n}", "Winter2026!", address="203.0.113.7")
        assert response.status_code == (429 if n == limit else 200)
    _assert_paused(response, "from your network address")

    # The right password does not get through from that address, even for a real account...
    client, response = _log_in("seeker", PASSWORD, address="203.0.113.7")
    _assert_paused(response, "from your network address")
    assert not _logged_in(client)
    # ...while everyone elsewhere logs in as usual.
    client, response = _log_in("seeker", PASSWORD, address="192.0.2.50")
    assert response.status_code == 302
    assert _logged_in(client)


def test_addresses_of_one_ipv6_network_count_together(settings, people):
    for n in range(1, settings.LOGIN_ADDRESS_FAILURE_LIMIT + 1):
        _, response = _log_in(f"student{n}", "Winter2026!", address=f"2001:db8:0:7::{n:x}")
    _assert_paused(response, "from your network address")

    _, response = _log_in("seeker", PASSWORD, address="2001:db8:0:7:ffff::1")
    assert response.status_code == 429
    _, response = _log_in("seeker", PASSWORD, address="2001:db8:0:8::1")  # another /64
    assert response.status_code == 302


def test_the_address_pause_ends_after_its_window(settings, people, frozen_clock):
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        _log_in(f"student{n}", "Winter2026!", address="203.0.113.7")
    _, response = _log_in("seeker", PASSWORD, address="203.0.113.7")
    assert response.status_code == 429

    frozen_clock.shift(timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS + 1))

    client, response = _log_in("seeker", PASSWORD, address="203.0.113.7")
    assert response.status_code == 302
    assert _logged_in(client)


# One username from many addresses --------------------------------------------------------------


def test_one_username_from_many_addresses_pauses_that_username(settings, people):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(1, limit + 1):
        _, response = _log_in("seeker", f"guess {n}", address=f"203.0.113.{n}")
        assert response.status_code == (429 if n == limit else 200)
    _assert_paused(response, "with this username")

    client, response = _log_in("seeker", PASSWORD, address="192.0.2.99")
    _assert_paused(response, "with this username")
    assert not _logged_in(client)
    # Other people are not paused, from any of those addresses.
    client, response = _log_in("coach", PASSWORD, address="203.0.113.1")
    assert response.status_code == 302
    assert _logged_in(client)


def test_attempts_during_a_pause_do_not_extend_it(settings, people, frozen_clock):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in("seeker", f"guess {n}", address=f"203.0.113.{n}")
    frozen_clock.shift(timedelta(minutes=10))
    for n in range(10):  # refused without a password check, so not counted
        _, response = _log_in("seeker", f"late guess {n}", address=f"198.51.100.{n}")
        assert response.status_code == 429

    frozen_clock.shift(timedelta(minutes=5, seconds=1))  # 15 minutes after the last counted one

    client, response = _log_in("seeker", PASSWORD, address="192.0.2.99")
    assert response.status_code == 302
    assert _logged_in(client)


# Across the whole site -------------------------------------------------------------------------


@pytest.fixture
def small_site_limit(settings):
    settings.LOGIN_SITE_FAILURE_LIMIT = 12
    return settings.LOGIN_SITE_FAILURE_LIMIT


def _spray_from_many_addresses(count: int, start: int = 0):
    """Failures each from its own address at its own username: no other limit is reached."""
    return [
        _log_in(f"student{n}", "Winter2026!", address=f"10.0.{n // 250}.{n % 250}")[1]
        for n in range(start, start + count)
    ]


def test_the_site_wide_ceiling_pauses_every_login_for_a_short_while(
    settings, people, small_site_limit, frozen_clock
):
    responses = _spray_from_many_addresses(small_site_limit)
    assert [r.status_code for r in responses[:-1]] == [200] * (small_site_limit - 1)
    _assert_paused(responses[-1], "on the whole site for up to 5 minutes")

    client, response = _log_in("seeker", PASSWORD, address="192.0.2.99")
    _assert_paused(response, "on the whole site")
    assert not _logged_in(client)
    # Someone already logged in carries on.
    member = Client()
    member.force_login(people[1])
    assert member.get(TODAY).status_code == 200

    # Refused attempts are not counted, so the pause ends with its window however many come.
    _spray_from_many_addresses(small_site_limit * 2, start=1000)
    frozen_clock.shift(timedelta(seconds=settings.LOGIN_SITE_WINDOW_SECONDS + 1))

    client, response = _log_in("seeker", PASSWORD, address="192.0.2.99")
    assert response.status_code == 302
    assert _logged_in(client)


# A successful login ----------------------------------------------------------------------------


def test_logging_in_clears_the_usernames_count_only(settings, people):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        _log_in("seeker", f"typo {n}", address="192.0.2.10")
    client, response = _log_in("seeker", PASSWORD, address="192.0.2.10")
    assert response.status_code == 302

    # The username starts from zero again: limit - 1 more failures do not pause it.
    for n in range(limit - 1):
        _, response = _log_in("seeker", f"typo again {n}", address="192.0.2.11")
        assert response.status_code == 200
    client, response = _log_in("seeker", PASSWORD, address="192.0.2.11")
    assert response.status_code == 302


def test_an_attacker_logging_into_their_own_account_does_not_clear_their_guesses(settings, people):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    attacker = "203.0.113.66"
    for victim in ("seeker", "coach", "alice", "bob"):
        _, response = _log_in(victim, "Winter2026!", address=attacker)
        assert response.status_code == 200
    _, response = _log_in("mallory", PASSWORD, address=attacker)  # their own account
    assert response.status_code == 302

    _, response = _log_in("carol", "Winter2026!", address=attacker)
    assert response.status_code == 200
    _, response = _log_in("dave", "Winter2026!", address=attacker)
    _assert_paused(response, "from your network address")


def test_without_a_shared_cache_the_counts_are_in_the_database(settings, people):
    settings.AXES_HANDLER = "coffeechat.accounts.throttle.DatabaseHandler"  # REDIS_URL unset
    _log_in("nobody", "Winter2026!", address="192.0.2.77")
    keys = set(ThrottleCount.objects.values_list("key", flat=True))
    assert keys == {"login-failures:192.0.2.77", throttle.SITE_KEY}


# Sign-up ---------------------------------------------------------------------------------------


@pytest.fixture
def server(settings, db):
    settings.LOCAL_MODE = False
    return settings


def _sign_up(username: str, password: str = "Velvet-otter-harbour-91", address="192.0.2.1"):
    client = Client()
    data = {"username": username, "email": "", "password1": password, "password2": password}
    return client, client.post(SIGNUP_URL, data, REMOTE_ADDR=address)


def _visible(response) -> tuple[int, str]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for token in soup.select("input[name=csrfmiddlewaretoken]"):
        token.decompose()
    form = soup.find("form")
    for field in form.select("input"):
        field.attrs.pop("value", None)  # the name typed in is echoed back, as for any name
    return response.status_code, soup.get_text(" ", strip=True)


def test_a_taken_name_is_answered_like_a_reserved_one(server, people):
    taken = _visible(_sign_up("seeker")[1])
    reserved = _visible(_sign_up("support")[1])

    assert taken == reserved
    assert taken[0] == 200
    assert UNUSABLE in taken[1]
    assert "exist" not in taken[1].lower()
    assert get_user_model().objects.filter(username="support").count() == 0


def test_a_weak_password_gets_the_same_answer_for_a_taken_and_a_free_name(server, people):
    taken = _visible(_sign_up("seeker", password="password")[1])
    free = _visible(_sign_up("brandnewname", password="password")[1])

    assert taken == free
    assert taken[0] == 200
    assert "too common" in taken[1]
    assert UNUSABLE not in taken[1]
    assert not get_user_model().objects.filter(username="brandnewname").exists()


@pytest.mark.parametrize("look_alike", ["Seeker", "SEEKER", "see.ker", "see_ker", "s-eeker"])
def test_a_look_alike_of_a_taken_name_cannot_be_used(server, people, look_alike):
    _, response = _sign_up(look_alike)
    assert response.status_code == 200
    assert UNUSABLE in _text(response)
    assert get_user_model().objects.filter(username__iexact=look_alike).count() == (
        1 if look_alike.lower() == "seeker" else 0
    )


def test_letters_from_other_scripts_are_refused_with_their_own_reason(server, people):
    _, response = _sign_up("ѕeeker")  # the first letter is Cyrillic
    assert response.status_code == 200
    assert "letters a–z" in _text(response)
    assert UNUSABLE not in _text(response)


def test_a_free_name_still_creates_the_account(server, people):
    client, response = _sign_up("newperson")
    assert response.status_code == 302
    assert response["Location"] == TODAY
    assert _logged_in(client)


def test_sign_up_attempts_are_throttled_per_address(server, people, frozen_clock):
    limit = server.SIGNUP_ATTEMPT_LIMIT
    for n in range(limit):
        _, response = _sign_up(f"probe{n}", password="password", address="203.0.113.9")
        assert response.status_code == 200

    _, response = _sign_up("seeker", address="203.0.113.9")
    assert response.status_code == 429
    assert "Creating accounts from your network address is paused" in _text(response)
    # A free name is refused the same way: the pause says nothing about names.
    _, response = _sign_up("freshname", address="203.0.113.9")
    assert response.status_code == 429
    assert not get_user_model().objects.filter(username="freshname").exists()
    # Others sign up as usual.
    _, response = _sign_up("freshname", address="192.0.2.200")
    assert response.status_code == 302

    frozen_clock.shift(timedelta(seconds=server.SIGNUP_WINDOW_SECONDS + 1))
    _, response = _sign_up("laterperson", address="203.0.113.9")
    assert response.status_code == 302


# The admin of a server -------------------------------------------------------------------------


@pytest.fixture
def planted(people):
    seeker = people[0]
    seeker.first_name, seeker.email = MARKER, f"{MARKER.lower()}@example.com"
    seeker.save()
    profile = get_profile(seeker)
    profile.display_name = profile.signature = MARKER
    profile.save()
    return seeker, make_one_of_everything(seeker, MARKER)


@pytest.fixture
def superuser_client(db):
    client = Client()
    client.force_login(make_user("operator", is_staff=True, is_superuser=True))
    return client


def _admin_pages(seeker, rows) -> list[tuple[type, str]]:
    """Every list, add, change, delete and history page of every registered model, and the
    app pages, with the seeker's own rows as the objects."""
    pages = [(None, reverse("admin:index"))]
    objects = {get_user_model(): seeker, **rows, type(get_profile(seeker)): get_profile(seeker)}
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append((None, reverse("admin:app_list", args=[info[0]])))
        pages.append((model, reverse("admin:{}_{}_changelist".format(*info))))
        pages.append((model, reverse("admin:{}_{}_changelist".format(*info)) + f"?q={QUERY}"))
        obj = objects.get(model)
        if obj is not None:
            for view in ("change", "delete", "history"):
                pages.append((model, reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[obj.pk])))
    return list(dict.fromkeys(pages))


def test_a_servers_admin_shows_accounts_and_none_of_their_contents(
    server, planted, superuser_client
):
    seeker, rows = planted
    User = get_user_model()
    shown = []
    for model, url in _admin_pages(seeker, rows):
        response = superuser_client.get(url)
        assert MARKER not in response.content.decode(), url
        assert MARKER.lower() not in response.content.decode().lower(), url
        if response.status_code == 200:
            shown.append(url)
        elif model is not User:
            assert response.status_code == 404, url

    assert reverse("admin:auth_user_changelist") in shown
    assert reverse("admin:auth_user_change", args=[seeker.pk]) in shown
    index = superuser_client.get(reverse("admin:index"))
    links = BeautifulSoup(index.content, "html.parser").select("#content-main a")
    assert {a["href"] for a in links} == {
        reverse("admin:app_list", args=["auth"]),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
    }
    # Deleting an account counts what goes with it instead of listing it.
    delete_page = _text(superuser_client.get(reverse("admin:auth_user_delete", args=[seeker.pk])))
    assert "Contacts: 1" in delete_page


def test_a_servers_admin_can_still_deactivate_an_account(server, planted, superuser_client):
    seeker, _ = planted
    url = reverse("admin:auth_user_change", args=[seeker.pk])
    response = superuser_client.post(url, {"is_staff": "", "is_superuser": ""})  # not active
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert not seeker.is_active
    assert seeker.first_name == MARKER  # fields the page does not show are left alone


def test_on_your_own_computer_the_admin_shows_your_rows(planted, superuser_client, settings):
    assert settings.LOCAL_MODE
    seeker, rows = planted
    contact = next(row for model, row in rows.items() if model.__name__ == "Contact")
    response = superuser_client.get(reverse("admin:people_contact_change", args=[contact.pk]))
    assert response.status_code == 200
    assert MARKER in response.content.decode()  # the walk above would see a leak


# With Redis ------------------------------------------------------------------------------------


@pytest.fixture
def redis_cache():
    """The settings REDIS_URL gives (RedisCache as the default cache, the cache handler),
    on a key prefix of this test's own; skipped without a Redis here, but not in CI."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}, and CI must test it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"coffeechat-test-{uuid.uuid4().hex}"
    cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(
        CACHES={"default": cache}, AXES_HANDLER="coffeechat.accounts.throttle.CacheHandler"
    ):
        client = redis.Redis.from_url(REDIS_URL)
        yield client, prefix
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_with_redis_the_counts_live_in_the_shared_cache(redis_cache, people, settings):
    client, prefix = redis_cache
    for n in range(settings.AXES_FAILURE_LIMIT):
        _log_in("seeker", f"guess {n}", address=f"203.0.113.{n}")

    keys = {key.decode().split(":", 2)[2] for key in client.scan_iter(f"{prefix}:*")}
    assert "login-failures:203.0.113.0" in keys
    assert throttle.SITE_KEY in keys
    assert any(key.startswith("axes-") for key in keys)  # axes's per-username count
    assert caches["default"].get(throttle.SITE_KEY) == settings.AXES_FAILURE_LIMIT
    assert not ThrottleCount.objects.exists()  # nothing went to the database

    # Another process would see the same pause: it is read back from Redis.
    _, response = _log_in("seeker", PASSWORD, address="192.0.2.99")
    _assert_paused(response, "with this username")
    # And a successful login clears the username's count there too.
    _, response = _log_in("coach", "wrong", address="192.0.2.98")
    _, response = _log_in("coach", PASSWORD, address="192.0.2.98")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("redis_url", "handler"),
    [("", "DatabaseHandler"), ("redis://127.0.0.1:6379/0", "CacheHandler")],
)
def test_settings_put_the_counts_in_redis_exactly_when_redis_url_is_set(
    tmp_path, redis_url, handler
):
    environ = {**os.environ, "COFFEECHAT_DATA_DIR": str(tmp_path), "REDIS_URL": redis_url}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    code = "from coffeechat import settings as s; print(s.AXES_HANDLER, s.CACHES['default'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[0] == f"coffeechat.accounts.throttle.{handler}"
    assert ("RedisCache" in result.stdout) == bool(redis_url)
