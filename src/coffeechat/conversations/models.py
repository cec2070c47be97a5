"""Step 5, the informational interview itself: its pipeline, its agenda and what it taught."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from coffeechat.core.fields import TimeZoneField, WebAddressField
from coffeechat.core.models import OwnedModel
from coffeechat.lib.zones import UTC_ZONE, zone_named

MIN_MINUTES = 10
MAX_MINUTES = 60
DEFAULT_MINUTES = 20


class Conversation(OwnedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        THANKED = "thanked", "Thanked"
        KEEPING_IN_TOUCH = "keeping_in_touch", "Keeping in touch"
        DECLINED = "declined", "Declined"
        NO_REPLY = "no_reply", "No reply"
        CANCELLED = "cancelled", "Cancelled"

    # The status groups and every move between statuses: coffeechat.conversations.lifecycle.

    class Medium(models.TextChoices):
        COFFEE = "coffee", "Coffee"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        OFFICE = "office", "Their office"
        OTHER = "other", "Other"

    contact = models.ForeignKey(
        "people.Contact", on_delete=models.CASCADE, related_name="conversations"
    )
    field = models.ForeignKey(
        "research.CareerField",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
        verbose_name="career field",
    )
    organization = models.ForeignKey(
        "research.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
        help_text="Defaults to the person's organization.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    agreed_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_MINUTES,
        validators=[MinValueValidator(MIN_MINUTES), MaxValueValidator(MAX_MINUTES)],
    )
    medium = models.CharField(max_length=20, choices=Medium.choices, default=Medium.VIDEO)
    scheduled_at = models.DateTimeField("when", null=True, blank=True)
    time_zone = TimeZoneField(default="UTC")
    place = models.CharField(max_length=300, blank=True, help_text="Address or café.")
    meeting_link = WebAddressField(blank=True, max_length=1000)
    goals = models.TextField(blank=True, help_text="What you want to learn from this person.")
    notes = models.TextField(blank=True, help_text="Notes, in Markdown.")
    come_back_to = models.TextField(
        "come back to this",
        blank=True,
        help_text="Questions left open during the meeting, one a line.",
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    thanked_at = models.DateTimeField(null=True, blank=True)
    resume_requested = models.BooleanField("they asked for my résumé", default=False)
    usefulness = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How useful it was, 1 to 5.",
    )

    detail_select_related = ("contact", "contact__organization", "field", "organization")
    own_time_zone_fields = ("scheduled_at",)  # the meeting happens in its own time zone

    class Meta:
        ordering = ["-scheduled_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "status"], name="conversation_owner_status"),
            models.Index(fields=["owner", "scheduled_at"], name="conversation_owner_when"),
        ]

    def __str__(self) -> str:
        return f"Conversation with {self.contact}"

    def save(self, *args, **kwargs) -> None:
        if self.organization_id is None and self.contact_id is not None:
            self.organization_id = self.contact.organization_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conversations:conversation_detail", args=[self.pk])

    @property
    def local_start(self):
        """The meeting time in the meeting's own time zone (UTC for a name no longer known)."""
        if self.scheduled_at is None:
            return None
        return self.scheduled_at.astimezone(zone_named(self.time_zone) or UTC_ZONE)


class AgendaItem(OwnedModel):
    """One question in one conversation's plan, with the minutes it gets and what was said."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="agenda_items"
    )
    question = models.ForeignKey(
        "prepare.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    text = models.CharField(max_length=500, blank=True, help_text="Defaults to the question.")
    position = models.PositiveIntegerField(default=0)
    minutes = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)]
    )
    notes = models.TextField(blank=True, help_text="What they said.")
    asked = models.BooleanField(default=False)

    detail_select_related = ("conversation", "conversation__contact", "question")

    class Meta:
        ordering = ["conversation", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        if not self.text and self.question_id is not None:
            self.text = self.question.text
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.text and self.question_id is None:
            raise ValidationError("Pick a question from your bank or write one.")

    def get_absolute_url(self) -> str:
        return reverse("conversations:agendaitem_detail", args=[self.pk])


class Takeaway(OwnedModel):
    class Category(models.TextChoices):
        TYPICAL_DAY = "typical_day", "A typical day"
        SKILLS = "skills", "Skills"
        FUTURE = "future", "Future prospects"
        PATH = "path", "Career path"
        ADVICE = "advice", "Advice"
        CULTURE = "culture", "Culture"
        FIT = "fit", "Fit for me"
        RESOURCES = "resources", "Resources"
        OTHER = "other", "Other"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="takeaways"
    )
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    text = models.TextField()
    answers = models.ForeignKey(
        "research.OpenQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        help_text="The field's open question this answers, if any.",
    )
    will_act_on = models.BooleanField(
        default=False, help_text="Advice you intend to follow; the thank-you mentions it."
    )

    detail_select_related = ("conversation", "conversation__contact", "answers")

    class Meta:
        ordering = ["conversation", "category", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("conversations:takeaway_detail", args=[self.pk])
