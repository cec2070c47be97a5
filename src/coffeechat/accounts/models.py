"""Accounts: the seeker behind each account (profile, time zone, holidays), the one-time login
links of local mode and the counts that throttle logins."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from coffeechat.core.fields import TimeZoneField


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_holiday_country() -> str:
    return settings.HOLIDAY_COUNTRY


def default_time_zone() -> str:
    return settings.TIME_ZONE


class SeekerProfile(models.Model):
    """One per user, made with the account: who the seeker is (what drafts and pitches are
    built from) and where they live (their time zone and the holidays that are not business
    days), which every count of days reads through coffeechat.accounts.clock."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    display_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    school = models.CharField(max_length=200, blank=True)
    program = models.CharField(
        max_length=200, blank=True, help_text="Degree, major or program, with the year."
    )
    current_role = models.CharField(
        "how you describe yourself",
        max_length=200,
        blank=True,
        help_text="Used in drafts after “I'm”: for example “a third-year economics student” "
        "or “an accountant of six years”.",
    )
    employers = models.TextField(blank=True, help_text="Past employers, one per line.")
    location = models.CharField(max_length=200, blank=True)
    time_zone = TimeZoneField(default=default_time_zone)
    holiday_country = models.CharField(
        max_length=10,
        default=default_holiday_country,
        help_text="Country whose public holidays are not business days, like US, GB or DE.",
    )
    linkedin_premium = models.BooleanField(
        "LinkedIn Premium",
        default=False,
        help_text="Premium accounts may write 300-character connection notes.",
    )
    signature = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name or self.owner.get_username()

    def get_absolute_url(self) -> str:
        return reverse("prepare:profile")


class LoginLink(models.Model):
    """A one-time token exchanged for a session; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Login link for {self.user} ({'used' if self.used_at else 'unused'})"

    @classmethod
    def issue(cls, user, max_age_seconds: int | None = None) -> str:
        """Create a link for user and return its token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)  # 256 bits
        max_age = max_age_seconds or settings.LOGIN_LINK_MAX_AGE_SECONDS
        cls.objects.create(
            user=user,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(seconds=max_age),
        )
        return token

    @classmethod
    def redeem(cls, token: str):
        """The user the token belongs to, when it is unused and unexpired; it is then spent."""
        if not token or len(token) > 200:
            return None
        now = timezone.now()
        with transaction.atomic():
            # The conditional UPDATE is the compare-and-set: only one request can spend it.
            spent = cls.objects.filter(
                token_hash=hash_token(token), used_at__isnull=True, expires_at__gt=now
            ).update(used_at=now)
            if spent != 1:
                return None
            link = cls.objects.select_related("user").get(token_hash=hash_token(token))
        return link.user if link.user.is_active else None


class ThrottleCount(models.Model):
    """A count of attempts (failed logins from an address or on the whole site, sign-ups from
    an address) within a window; used by coffeechat.accounts.throttle when there is no shared
    cache. A row past its expiry counts as zero and is deleted by the next count."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
