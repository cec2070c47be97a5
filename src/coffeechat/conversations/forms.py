from datetime import datetime

from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.core.forms import OwnedModelForm
from coffeechat.lib.zones import zone_named


class ConversationForm(OwnedModelForm):
    """The meeting time is typed and shown in the meeting's own time zone, not the server's.

    The status chosen here is a move in the conversation's lifecycle: a refused move is a form
    error, and saving makes the move with its side effects."""

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
            "come_back_to",
            "resume_requested",
            "usefulness",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = self.fields["contact"].queryset.select_related(
            "organization"
        )
        self.current_status = self.instance.status if self.instance.pk else lifecycle.PLANNED
        if self.instance.pk and self.instance.scheduled_at:
            self.initial["scheduled_at"] = self.instance.local_start.replace(tzinfo=None)
        if not self.instance.pk and "time_zone" not in self.initial:
            self.initial["time_zone"] = clock_for(self.owner).zone_name

    def clean(self):
        cleaned = super().clean()
        when: datetime | None = cleaned.get("scheduled_at")
        zone = zone_named(cleaned.get("time_zone"))
        if when is not None and zone is not None:
            # Django made the typed time aware in the server's zone; re-read it in the meeting's.
            naive = timezone.make_naive(when) if timezone.is_aware(when) else when
            cleaned["scheduled_at"] = naive.replace(tzinfo=zone)
        target = cleaned.get("status")
        if target is None:
            return cleaned
        # A time agreed on means they answered and the meeting is on the calendar, unless the
        # seeker chose another status themselves (a correction).
        left_as_it_was = target == self.current_status or not self.instance.pk
        not_yet_scheduled = target in (lifecycle.PLANNED, lifecycle.REQUESTED)
        if when is not None and left_as_it_was and not_yet_scheduled:
            target = lifecycle.SCHEDULED
        reason = lifecycle.refusal(self.current_status, target)
        if reason:
            self.add_error("status", reason)
        cleaned["status"] = target
        return cleaned

    @transaction.atomic
    def save(self, commit: bool = True):
        target = self.cleaned_data["status"]
        self.instance.status = self.current_status  # the lifecycle makes the move
        conversation = super().save(commit=commit)
        if commit and target != self.current_status:
            lifecycle.move(conversation, target)
        return conversation


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
