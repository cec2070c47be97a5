import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone

from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.core.forms import OwnedModelForm


class ConversationForm(OwnedModelForm):
    """The meeting time is typed and shown in the meeting's own time zone, not the server's."""

    class Meta:
        model = Conversation
        fields = [
            "contact",
            "field",
            "organization",
            "status",
            "agreed_minutes",
            "medium",
            "scheduled_at",
            "time_zone",
            "place",
            "meeting_link",
            "goals",
            "notes",
            "resume_requested",
            "usefulness",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = self.fields["contact"].queryset.select_related(
            "organization"
        )
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"
        if self.instance.pk and self.instance.scheduled_at:
            self.initial["scheduled_at"] = self.instance.local_start.replace(tzinfo=None)
        if not self.instance.pk and "time_zone" not in self.initial:
            self.initial["time_zone"] = timezone.get_current_timezone_name()

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                f"“{value}” is not a time zone name like America/New_York."
            ) from None
        return value

    def clean(self):
        cleaned = super().clean()
        when: datetime | None = cleaned.get("scheduled_at")
        zone_name = cleaned.get("time_zone")
        if when is not None and zone_name:
            # Django made the typed time aware in the server's zone; re-read it in the meeting's.
            naive = timezone.make_naive(when) if timezone.is_aware(when) else when
            cleaned["scheduled_at"] = naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
            # A time agreed on means they answered and the meeting is on the calendar.
            if cleaned.get("status") in (
                Conversation.Status.PLANNED,
                Conversation.Status.REQUESTED,
            ):
                cleaned["status"] = Conversation.Status.SCHEDULED
                if self.instance.requested_at and not self.instance.replied_at:
                    self.instance.replied_at = timezone.now()
        return cleaned


class AgendaItemForm(OwnedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["conversation", "question", "text", "position", "minutes", "notes", "asked"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = self.fields["conversation"].queryset.select_related(
            "contact"
        )
        self.fields["question"].queryset = self.fields["question"].queryset.filter(hidden=False)


class TakeawayForm(OwnedModelForm):
    class Meta:
        model = Takeaway
        fields = ["conversation", "category", "text", "answers", "will_act_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = self.fields["conversation"].queryset.select_related(
            "contact"
        )
        self.fields["answers"].queryset = self.fields["answers"].queryset.select_related("field")
