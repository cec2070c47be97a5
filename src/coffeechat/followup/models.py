"""Step 6, follow up: tasks with due dates (thank-yous, promises, follow-ups) and job leads."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from coffeechat.core.fields import WebAddressField
from coffeechat.core.models import OwnedModel


class Task(OwnedModel):
    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Send a thank-you"
        FOLLOW_UP = "follow_up", "Follow up (7 business days)"
        SECOND_CONTACT = "second_contact", "Write to a second person (3 business days)"
        WRITE_TO = "write_to", "Write to someone suggested to me"
        PROMISE = "promise", "Keep a promise"
        SEND_RESUME = "send_resume", "Send my résumé"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
        PREPARE = "prepare", "Prepare"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    contact = models.ForeignKey(
        "people.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    notes = models.TextField(blank=True)

    detail_select_related = ("contact", "conversation", "conversation__contact")

    class Meta:
        ordering = ["done", "due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done", "due_on"], name="task_owner_due")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.done and self.done_at is None:
            self.done_at = timezone.now()
        elif not self.done:
            self.done_at = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("followup:task_detail", args=[self.pk])

    def is_overdue(self, today) -> bool:
        """Past its day, where `today` is the seeker's (coffeechat.accounts.clock)."""
        return not self.done and self.due_on is not None and self.due_on < today


class JobLead(OwnedModel):
    class Status(models.TextChoices):
        NOTED = "noted", "Noted"
        APPLIED = "applied", "Applied"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        CLOSED = "closed", "Closed"

    role = models.CharField(max_length=200)
    organization = models.ForeignKey(
        "research.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_leads",
    )
    url = WebAddressField("link", blank=True, max_length=1000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTED)
    contact = models.ForeignKey(
        "people.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_leads",
        help_text="Who told you about it.",
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_leads",
    )
    notes = models.TextField(blank=True)

    detail_select_related = ("organization", "contact", "conversation")

    class Meta:
        ordering = ["status", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.role} at {self.organization}" if self.organization_id else self.role

    def get_absolute_url(self) -> str:
        return reverse("followup:joblead_detail", args=[self.pk])
