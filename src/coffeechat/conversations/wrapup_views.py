"""After the conversation: takeaways, promises and leads in one form, then the thank-you."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.conversations import lifecycle, referrals
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.core.views import owned_object
from coffeechat.followup.models import JobLead, Task
from coffeechat.people.links import draft_url
from coffeechat.research.models import OpenQuestion

TAKEAWAY_ROWS = 5
PROMISE_ROWS = 3
SUGGESTED_ROWS = 3


class TakeawayRow(forms.Form):
    category = forms.ChoiceField(choices=Takeaway.Category.choices, required=False)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    will_act_on = forms.BooleanField(required=False, label="I will act on this")
    answers = forms.ModelChoiceField(
        queryset=OpenQuestion.objects.none(), required=False, label="Answers the open question"
    )


class PromiseRow(forms.Form):
    title = forms.CharField(required=False, max_length=300, label="I promised to")
    due_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="By"
    )


class SuggestedRow(forms.Form):
    """Someone they suggested you talk to: becomes a contact and a task to write to them."""

    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)
    organization = forms.CharField(required=False, max_length=200, label="Where they work")
    note = forms.CharField(required=False, max_length=1000, label="Why talk to them")

    def has_name(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("first_name", "").strip() or data.get("last_name", "").strip())

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("organization", "").strip() or cleaned.get("note", "").strip()) and not (
            cleaned.get("first_name", "").strip() or cleaned.get("last_name", "").strip()
        ):
            raise forms.ValidationError("Give their first or last name, or clear this row.")
        return cleaned


class WrapUpForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        choices=[("", "—")] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        label="How useful was it (1–5)?",
    )
    resume_requested = forms.BooleanField(required=False, label="They asked for my résumé")
    open_questions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What I still want to know",
        help_text="Added to your notes on this conversation.",
    )
    job_lead = forms.CharField(required=False, max_length=200, label="A job they mentioned")
    job_lead_url = forms.URLField(required=False, label="Its link", assume_scheme="https")


def _rows(form_class, prefix: str, count: int, data=None, field_queryset=None):
    rows = []
    for index in range(count):
        row = form_class(data, prefix=f"{prefix}-{index}")
        if field_queryset is not None:
            row.fields["answers"].queryset = field_queryset
        rows.append(row)
    return rows


@owned_object(Conversation, "GET", "POST")
def wrap_up(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    open_questions = OpenQuestion.objects.owned_by(request.user).filter(
        field_id=conversation.field_id
    )
    form = WrapUpForm(
        data,
        initial={
            "usefulness": conversation.usefulness,
            "resume_requested": conversation.resume_requested,
        },
    )
    takeaways = _rows(TakeawayRow, "takeaway", TAKEAWAY_ROWS, data, open_questions)
    promises = _rows(PromiseRow, "promise", PROMISE_ROWS, data)
    suggested = _rows(SuggestedRow, "suggested", SUGGESTED_ROWS, data)
    rows = [form, *takeaways, *promises, *suggested]
    if data is not None and all(f.is_valid() for f in rows):
        people = _save(request.user, conversation, form, takeaways, promises, suggested)
        added = (
            f" {len(people)} {'person' if len(people) == 1 else 'people'} they suggested "
            "added, each with a task to write to them."
            if people
            else ""
        )
        messages.success(request, f"Saved.{added} Now thank them, within a day or two.")
        return redirect(draft_url(conversation.contact_id, conversation.pk, "thank_you"))
    context = {
        "conversation": conversation,
        "form": form,
        "takeaways": takeaways,
        "promises": promises,
        "suggested": suggested,
        "existing": conversation.takeaways.all(),
    }
    return render(request, "conversations/wrap_up.html", context)


@transaction.atomic
def _save(user, conversation: Conversation, form, takeaways, promises, suggested) -> list:
    now = timezone.now()
    people = [
        referrals.capture(conversation, row.cleaned_data) for row in suggested if row.has_name()
    ]
    Takeaway.objects.bulk_create(
        [
            Takeaway(
                owner=user,
                conversation=conversation,
                category=row.cleaned_data["category"] or Takeaway.Category.OTHER,
                text=row.cleaned_data["text"].strip(),
                will_act_on=row.cleaned_data["will_act_on"],
                answers=row.cleaned_data["answers"],
            )
            for row in takeaways
            if row.cleaned_data["text"].strip()
        ]
    )
    for row in promises:
        title = row.cleaned_data["title"].strip()
        if title:
            Task.objects.create(
                owner=user,
                title=title,
                kind=Task.Kind.PROMISE,
                due_on=row.cleaned_data["due_on"],
                contact=conversation.contact,
                conversation=conversation,
            )
    data = form.cleaned_data
    if data["job_lead"].strip():
        JobLead.objects.create(
            owner=user,
            role=data["job_lead"].strip(),
            url=data["job_lead_url"],
            organization=conversation.organization,
            contact=conversation.contact,
            conversation=conversation,
        )
    if data["open_questions"].strip():
        addition = "**Still to find out:** " + data["open_questions"].strip()
        conversation.notes = f"{conversation.notes}\n\n{addition}".strip()
    conversation.usefulness = data["usefulness"]
    conversation.resume_requested = data["resume_requested"]
    lifecycle.held(conversation, now)  # saves it, and opens the thank-you task
    if (
        data["resume_requested"]
        and not Task.objects.filter(conversation=conversation, kind=Task.Kind.SEND_RESUME).exists()
    ):
        Task.objects.create(
            owner=user,
            title=f"Send {conversation.contact} my résumé",
            kind=Task.Kind.SEND_RESUME,
            due_on=clock_for(user).today() + timedelta(days=lifecycle.THANK_YOU_WITHIN_DAYS),
            contact=conversation.contact,
            conversation=conversation,
        )
    return people
