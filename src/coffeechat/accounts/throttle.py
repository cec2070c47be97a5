"""Login and sign-up throttling: failed logins are counted per username, per address and across
the whole site, and sign-up attempts per address.

django-axes counts per username (`AXES_LOCKOUT_PARAMETERS = ["username"]`) and clears that
count when the person then logs in. The address and site-wide counts are kept here, beside
axes's own records, because they must behave differently:

- they have their own limits: many students share one campus address, so an address may fail
  more often than a single username before it pauses;
- a successful login never clears them: sign-up is open on a server, so an attacker always has
  an account of their own, and logging into it between guesses must not wipe the guesses made
  at other people's usernames (axes's reset-on-success clears every criterion of the request);
- the site-wide pause is short (one window, minutes) and attempts refused during any pause are
  not counted, so nobody can keep the site paused without making fresh failures, which the
  per-address limit in turn makes slow.

The counts live where axes keeps its records: in the shared cache (Redis) when REDIS_URL is
set, otherwise in the database, since a local-memory cache would give each process its own.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coffeechat.accounts.models import ThrottleCount

SITE_KEY = "login-failures:site"
# Why a request was refused, kept on the request for the page that explains it.
USERNAME, ADDRESS, SITE = "username", "address", "site"


def in_minutes(window: timedelta) -> int:
    return max(1, round(window.total_seconds() / 60))


@dataclass(frozen=True)
class Limit:
    """At most `attempts` counted within `window` from the first of them."""

    attempts: int
    window: timedelta

    @property
    def minutes(self) -> int:
        return in_minutes(self.window)


def address_limit() -> Limit:
    return Limit(
        settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS),
    )


def site_limit() -> Limit:
    return Limit(
        settings.LOGIN_SITE_FAILURE_LIMIT, timedelta(seconds=settings.LOGIN_SITE_WINDOW_SECONDS)
    )


def signup_limit() -> Limit:
    return Limit(settings.SIGNUP_ATTEMPT_LIMIT, timedelta(seconds=settings.SIGNUP_WINDOW_SECONDS))


# --- where the counts live ------------------------------------------------------------------


class CacheCounts:
    """Counts in a Django cache; each key expires one window after its first count."""

    def __init__(self, cache) -> None:
        self.cache = cache

    def add(self, key: str, window: timedelta) -> int:
        timeout = max(1, int(window.total_seconds()))
        if self.cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return self.cache.incr(key)  # keeps the key's expiry (Redis INCR, LocMem)
        except ValueError:  # it expired between the two calls
            self.cache.add(key, 1, timeout=timeout)
            return 1

    def get(self, key: str) -> int:
        return self.cache.get(key, 0)


class DatabaseCounts:
    """Counts in the accounts_throttlecount table, shared by every process on the database."""

    def add(self, key: str, window: timedelta) -> int:
        now = timezone.now()
        for _ in range(2):  # a second pass only when another request created the row first
            with transaction.atomic():
                updated = ThrottleCount.objects.filter(key=key, expires_at__gt=now).update(
                    count=F("count") + 1
                )
                if updated:
                    return ThrottleCount.objects.get(key=key).count
                ThrottleCount.objects.filter(expires_at__lte=now).delete()
                try:
                    with transaction.atomic():
                        ThrottleCount.objects.create(key=key, count=1, expires_at=now + window)
                    return 1
                except IntegrityError:
                    continue
        return ThrottleCount.objects.get(key=key).count

    def get(self, key: str) -> int:
        row = ThrottleCount.objects.filter(key=key, expires_at__gt=timezone.now()).first()
        return row.count if row is not None else 0


def counts() -> CacheCounts | DatabaseCounts:
    """The counts of the configured axes handler (the cache one or the database one)."""
    implementation = AxesProxyHandler.get_implementation()
    return getattr(implementation, "counts", None) or DatabaseCounts()


def address_key(prefix: str, address: str | None) -> str:
    """The key of an address's count. An IPv6 address counts as its /64 network: one home or
    one cloud machine gets a whole /64, and would otherwise have 2**64 addresses to rotate."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return f"{prefix}:{address or 'unknown'}"
    if ip.version == 6 and ip.ipv4_mapped is None:
        return f"{prefix}:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"{prefix}:{getattr(ip, 'ipv4_mapped', None) or ip}"


# --- the axes handlers ------------------------------------------------------------------------


class AddressAndSiteLimits:
    """Adds the per-address and site-wide limits to an axes handler (see the module's text)."""

    counts: CacheCounts | DatabaseCounts

    def is_allowed(self, request, credentials=None) -> bool:
        address = address_key("login-failures", request.axes_ip_address)
        if self.counts.get(SITE_KEY) >= site_limit().attempts:
            request.coffeechat_lock = SITE
            return False
        if self.counts.get(address) >= address_limit().attempts:
            request.coffeechat_lock = ADDRESS
            return False
        if not super().is_allowed(request, credentials):
            request.coffeechat_lock = USERNAME
            return False
        return True

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # A refused attempt was never checked against a password: it is not counted again, so
        # a pause ends when its window does (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
        refused = request is not None and request.axes_locked_out
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or refused:
            return
        if request.axes_locked_out:
            request.coffeechat_lock = USERNAME
        address = self.counts.add(
            address_key("login-failures", request.axes_ip_address), address_limit().window
        )
        site = self.counts.add(SITE_KEY, site_limit().window)
        reached = (
            SITE
            if site >= site_limit().attempts
            else ADDRESS
            if address >= address_limit().attempts
            else None
        )
        if reached and not request.axes_locked_out:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.coffeechat_lock = reached


class DatabaseHandler(AddressAndSiteLimits, AxesDatabaseHandler):
    """Without a shared cache: axes's records and the counts in the database."""

    counts = DatabaseCounts()


class CacheHandler(AddressAndSiteLimits, AxesCacheHandler):
    """With REDIS_URL: axes's records and the counts in the shared cache (AXES_CACHE)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = CacheCounts(self.cache)


def lockout_response(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """The page for a refused login (AXES_LOCKOUT_CALLABLE): what is paused, and for how long."""
    reason = getattr(request, "coffeechat_lock", USERNAME)
    pause = {
        USERNAME: in_minutes(get_cool_off(request)),
        ADDRESS: address_limit().minutes,
        SITE: site_limit().minutes,
    }[reason]
    return render(
        request,
        "accounts/locked_out.html",
        {"reason": reason, "minutes": pause},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- sign-up ----------------------------------------------------------------------------------


def signup_allowed(request: HttpRequest) -> bool:
    """Count one sign-up attempt from the request's address; False once over the limit."""
    limit = signup_limit()
    key = address_key("signups", get_client_ip_address(request))
    return counts().add(key, limit.window) <= limit.attempts
