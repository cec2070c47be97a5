"""Step 4, reach out: requests, follow-ups, thank-yous and updates, as drafts or as sent."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from coffeechat.core.models import OwnedModel


class Message(OwnedModel):
    class Kind(models.TextChoices):
        REQUEST = "request", "Request for a conversation"
        FOLLOW_UP = "follow_up", "Follow-up"
        THANK_YOU = "thank_you", "Thank-you"
        UPDATE = "update", "Keep-in-touch update"
        CONFIRM = "confirm", "Confirmation of the meeting"
        RESCHEDULE = "reschedule", "Request to move the meeting"
        NO_SHOW = "no_show", "Note after a missed meeting"
        DECLINE_REPLY = "decline_reply", "Answer to a no"
        INTRODUCTION = "introduction", "Request for an introduction"
        REPLY = "reply", "Their reply"
        OTHER = "other", "Other"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LINKEDIN_NOTE = "linkedin_note", "LinkedIn connection note"
        LINKEDIN_MESSAGE = "linkedin_message", "LinkedIn message"
        INMAIL = "inmail", "LinkedIn InMail"
        LETTER = "letter", "Letter"
        CARD = "card", "Handwritten card"
        PHONE = "phone", "Phone script"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        RECEIVED = "received", "Received"

    contact = models.ForeignKey("people.Contact", on_delete=models.CASCADE, related_name="messages")
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REQUEST)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)

    detail_select_related = ("contact", "contact__organization", "conversation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "status", "sent_at"], name="message_owner_status_sent"),
            # Today's latest drafts.
            models.Index(
                fields=["owner", "status", "-updated_at"], name="message_owner_status_updated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.contact}"

    @property
    def label(self) -> str:
        return self.subject or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse("outreach:message_detail", args=[self.pk])
