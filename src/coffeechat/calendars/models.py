"""The private calendar feed's token, and what each published event last looked like."""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from coffeechat.accounts.models import hash_token

TOKEN_BYTES = 32  # 256 bits from secrets; the URL carries 43 URL-safe characters
MAX_TOKEN_LENGTH = 100


class FeedToken(models.Model):
    """One feed per user. Only the token's SHA-256 is stored; the URL is shown once."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.owner}"

    @classmethod
    def issue(cls, user) -> str:
        """Create the user's feed or give it a new token; the old URL stops working at once."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with transaction.atomic():
            feed, created = cls.objects.select_for_update().get_or_create(
                owner=user, defaults={"token_hash": hash_token(token)}
            )
            if not created:
                feed.token_hash = hash_token(token)
                feed.rotated_at = timezone.now()
                feed.save(update_fields=["token_hash", "rotated_at"])
        return token

    @classmethod
    def revoke(cls, user) -> bool:
        deleted, _ = cls.objects.filter(owner=user).delete()
        return deleted > 0

    @classmethod
    def owner_for(cls, token: str):
        """The active user whose feed the token opens, or None."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        digest = hash_token(token)
        feed = cls.objects.select_related("owner").filter(token_hash=digest).first()
        # The lookup already matched; comparing again in constant time costs nothing and keeps
        # the check correct should the lookup ever become a prefix or case-insensitive match.
        if feed is None or not hmac.compare_digest(feed.token_hash, digest):
            return None
        return feed.owner if feed.owner.is_active else None


class EventRevision(models.Model):
    """The SEQUENCE and DTSTAMP calendars were last given for one meeting or follow-up.

    SEQUENCE goes up by one whenever what a calendar shows (time, zone, length, title,
    place, cancellation) changes, so an imported or subscribed copy updates in place.
    """

    conversation = models.OneToOneField(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_revision",
    )
    task = models.OneToOneField(
        "followup.Task",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_revision",
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(conversation__isnull=False, task__isnull=True)
                    | models.Q(conversation__isnull=True, task__isnull=False)
                ),
                name="calendar_revision_has_one_subject",
                violation_error_message=(
                    "A calendar event comes from one conversation or one task, never both."
                ),
            )
        ]

    def __str__(self) -> str:
        subject = self.conversation if self.conversation_id else self.task
        return f"{subject}, version {self.sequence}"
