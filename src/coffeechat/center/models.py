"""A career center on a shared server: who plays which part (seeker, coach, alumni volunteer,
center admin), the cohorts coaches look after, the invitations that bring people in, what a
seeker chose to share with a coach, and alumni volunteers with the requests seekers send them.

Who may see which of these rows is decided in one place, coffeechat.center.access; views and
templates never filter on their own.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from coffeechat.accounts.models import hash_token
from coffeechat.core.forms import one_line

USER = settings.AUTH_USER_MODEL


class Role(models.TextChoices):
    SEEKER = "seeker", "Seeker"
    COACH = "coach", "Coach"
    VOLUNTEER = "volunteer", "Alumni volunteer"
    ADMIN = "admin", "Center admin"


class Cohort(models.Model):
    """A group of seekers a center looks after together, like “Economics 2027”; its coaches
    may be shown what each of its seekers chooses to share."""

    name = models.CharField(max_length=120, unique=True, validators=[one_line])
    coaches = models.ManyToManyField(USER, blank=True, related_name="coached_cohorts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's part in the center. An account without one is a seeker of no cohort (the
    server as it was before career-center mode); a volunteer counts once an admin approves."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SEEKER)
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["role", "cohort"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class Invitation(models.Model):
    """A link that brings people into the center in one part (and, for seekers, one cohort).
    Only the token's hash is stored; an emailed invitation is good for one account, a shared
    link for as many as it allows, both until it expires."""

    DAYS_VALID = 30

    token_hash = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(blank=True)
    max_uses = models.PositiveIntegerField(default=1)
    uses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invitation as {self.get_role_display()}"

    @classmethod
    def issue(cls, **fields) -> tuple[Invitation, str]:
        """A new invitation and its token (shown once, never stored)."""
        token = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=cls.DAYS_VALID),
            **fields,
        )
        return invitation, token

    @property
    def usable(self) -> bool:
        return (
            self.revoked_at is None
            and self.uses < self.max_uses
            and self.expires_at > timezone.now()
        )


class Share(models.Model):
    """What one seeker lets one of their coaches see. Deleting it stops sharing at once; the
    coach keeps nothing."""

    seeker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="shares_given")
    coach = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="shares_received")
    progress = models.BooleanField(
        "progress figures",
        default=True,
        help_text="How many people you asked, their replies, conversations and thank-yous, "
        "and which step you are on. Never names or notes.",
    )
    plans = models.BooleanField(
        "conversation plans",
        default=False,
        help_text="Goals and questions of the conversations you are preparing.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "coach"],
                name="one_share_per_seeker_and_coach",
                violation_error_message="You already share with this coach.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.seeker} shares with {self.coach}"


class SharedTakeaway(models.Model):
    """One takeaway a seeker picked to show a coach they share with."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="takeaways")
    takeaway = models.ForeignKey(
        "conversations.Takeaway", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["share", "takeaway"],
                name="one_shared_takeaway",
                violation_error_message="You already show this takeaway to this coach.",
            )
        ]

    def __str__(self) -> str:
        return f"Takeaway {self.takeaway_id} shown in share {self.share_id}"


class SharedNote(models.Model):
    """A conversation's notes, picked by the seeker to show a coach they share with."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="notes")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["share", "conversation"],
                name="one_shared_note",
                violation_error_message="You already show these notes to this coach.",
            )
        ]

    def __str__(self) -> str:
        return f"Notes of conversation {self.conversation_id} shown in share {self.share_id}"


class VolunteerProfile(models.Model):
    """An alumni volunteer as seekers see them in the directory. Their email and phone are
    shown to a seeker only once the volunteer accepts that seeker's request."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="volunteer_profile")
    display_name = models.CharField("name", max_length=200, validators=[one_line])
    field = models.CharField(
        max_length=200, validators=[one_line], help_text="Like “Economic consulting”."
    )
    organization = models.CharField(max_length=200, blank=True, validators=[one_line])
    title = models.CharField(max_length=200, blank=True, validators=[one_line])
    topics = models.TextField(
        blank=True, help_text="What you are glad to talk about, one topic per line."
    )
    class_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    available = models.BooleanField(
        default=True, help_text="Turn off to take no new requests for a while."
    )
    capacity = models.PositiveSmallIntegerField(
        "requests a month",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="The most new requests you want in a month; when reached, you are hidden "
        "from the directory until the month is over.",
    )
    email = models.EmailField("email shown after you accept")
    phone = models.CharField(
        "phone shown after you accept", max_length=50, blank=True, validators=[one_line]
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name


class VolunteerRequest(models.Model):
    """A seeker asks an alumni volunteer for a conversation, through the app."""

    DAYS_OPEN = 7
    # The request is the seeker's: sending, an answer or its expiry moves the seeker's mark of
    # change (coffeechat.core.revisions), which the coach's figures are cached against.
    revision_owner = "seeker"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    seeker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="volunteer_requests")
    volunteer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="requests_received")
    message = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_note = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["volunteer", "created_at"]),
            models.Index(fields=["seeker", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request from {self.seeker} to {self.volunteer}"


class Review(models.Model):
    """A seeker asks a coach they share with to read a draft, their pitch or a conversation
    plan. The coach reads a copy taken when asked (never the live row), comments and may
    suggest new text, which the seeker sees as a word diff and accepts or not. Statuses change
    only in coffeechat.center.reviews."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft message"
        PITCH = "pitch", "Pitch"
        PLAN = "plan", "Conversation plan"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for your coach"
        ANSWERED = "answered", "Coach replied"
        ACCEPTED = "accepted", "Suggestion accepted"
        KEPT = "kept", "Kept your own text"
        WITHDRAWN = "withdrawn", "Withdrawn"

    seeker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reviews_asked")
    coach = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reviews_received")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.ForeignKey(
        "outreach.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pitch = models.ForeignKey(
        "prepare.Pitch", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(max_length=300)
    question = models.TextField(
        "what you would like to know",
        blank=True,
        help_text="For example “Is my ask clear?” or “Too long?”.",
    )
    original = models.TextField()
    context = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    suggestion = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["coach", "status"]),
            models.Index(fields=["seeker", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Review of {self.get_kind_display().lower()} {self.pk}"
