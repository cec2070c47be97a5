from django import forms
from django.utils import timezone

from coffeechat.core.forms import OwnedModelForm
from coffeechat.outreach.models import Message


class MessageForm(OwnedModelForm):
    class Meta:
        model = Message
        fields = [
            "contact",
            "conversation",
            "kind",
            "channel",
            "subject",
            "body",
            "status",
            "sent_at",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in (
            Message.Status.SENT,
            Message.Status.RECEIVED,
        ) and not cleaned.get("sent_at"):
            cleaned["sent_at"] = timezone.now()
        if cleaned.get("status") == Message.Status.DRAFT:
            cleaned["sent_at"] = None
        conversation, contact = cleaned.get("conversation"), cleaned.get("contact")
        if conversation and contact and conversation.contact_id != contact.pk:
            self.add_error("conversation", "That conversation is with someone else.")
        return cleaned
