"""Live interview mode: the page open on the phone during the conversation.

A clock against the agreed minutes, where the meeting is (the link to join), the advice for its
medium and the seeker's pitch, the opening and closing checklists, the questions in order with
notes saved as they are typed, general notes, a "come back to this" list of questions left open
(saved like a note; a question's own button adds it), and people they mention added as
referrals in one step. The clock, the question timers and the ticked checklist entries live in the
browser (localStorage, per conversation); notes are saved on the server and kept in the
browser until the server has them.
"""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.conversations import referrals
from coffeechat.conversations.meeting import meeting_context
from coffeechat.conversations.models import Conversation
from coffeechat.conversations.plan_views import agenda_fit, agenda_item_or_404, agenda_items
from coffeechat.core.views import owned_object
from coffeechat.lib import agenda, meeting_advice
from coffeechat.people.models import Contact

TEMPLATE = "conversations/live.html"
GENERAL = "general"
COME_BACK = "come_back_to"  # the list of questions left open, saved like a note
# Header a successful save carries; the page's script treats a reply without it (a login page
# after a lost session, a proxy's error page) as "not saved yet".
SAVED_HEADER = "X-Coffeechat-Saved"
UPDATED_HEADER = "X-Coffeechat-Updated"
ADDED_HEADER = "X-Coffeechat-Added"

# The opening as the agenda keeps it, and the rule of the practice that holds the whole time.
CLOSING = agenda.CLOSING_CHECKLIST


def _millis(moment) -> int:
    return int(moment.timestamp() * 1000)


@owned_object(Conversation, "GET")
def live(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    items = agenda_items(conversation)
    for item in items:
        item.updated_ms = _millis(item.updated_at)
    contact = conversation.contact
    context = {
        "conversation": conversation,
        "contact": contact,
        "items": items,
        "fit": agenda_fit(conversation, items),
        "opening": agenda.OPENING_CHECKLIST,
        "closing": CLOSING,
        "general_updated_ms": _millis(conversation.updated_at),
        "server_now_ms": int(time.time() * 1000),
        "led_to": Contact.objects.owned_by(request.user)
        .filter(referred_by=contact)
        .select_related("organization")
        .order_by("-created_at", "-pk"),
        "person_form": PersonForm(),
        **meeting_context(request.user, conversation),
    }
    return render(request, TEMPLATE, context)


@owned_object(Conversation, "POST")
def save_note(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    key = request.POST.get("item", "")
    notes = request.POST.get("notes", "").replace("\r\n", "\n")
    if key in (GENERAL, COME_BACK):
        field = "notes" if key == GENERAL else COME_BACK
        setattr(conversation, field, notes)
        conversation.save(update_fields=[field, "updated_at"])
        saved = conversation
    else:
        saved = agenda_item_or_404(request.user, conversation, key)
        saved.notes = notes
        fields = ["notes", "updated_at"]
        # A hidden "0" precedes the checkbox's "1": the last value is the box's state, and a
        # request without "asked" at all leaves it as it was.
        asked = request.POST.getlist("asked")
        if asked:
            saved.asked = asked[-1] in ("1", "on", "true")
            fields.append("asked")
        saved.save(update_fields=fields)
        if request.POST.get("come_back"):
            # "Come back to this" on a question (the button without scripts): onto the list.
            _come_back_to(conversation, saved.text)
    if not request.htmx:
        return redirect("conversations:conversation_live", conversation.pk)
    response = render(request, f"{TEMPLATE}#note-saved", {"saved_at": saved.updated_at})
    response[SAVED_HEADER] = key
    response[UPDATED_HEADER] = str(_millis(saved.updated_at))
    return response


def _come_back_to(conversation: Conversation, point: str) -> None:
    listed = meeting_advice.with_open_point(conversation.come_back_to, point)
    if listed != conversation.come_back_to:
        conversation.come_back_to = listed
        conversation.save(update_fields=[COME_BACK, "updated_at"])


class PersonForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    title = forms.CharField(label="Job title", max_length=200, required=False)
    organization = forms.CharField(max_length=200, required=False)
    note = forms.CharField(max_length=5000, required=False, widget=forms.Textarea)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("first_name") and not cleaned.get("last_name"):
            raise forms.ValidationError("Give at least a first or a last name.")
        return cleaned


@owned_object(Conversation, "POST")
def add_person(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    form = PersonForm(request.POST)
    if not form.is_valid():
        problem = " ".join(error for errors in form.errors.values() for error in errors)
        if not request.htmx:
            messages.error(request, f"Nobody added. {problem}")
            return redirect("conversations:conversation_live", conversation.pk)
        response = render(request, f"{TEMPLATE}#person-problem", {"problem": problem})
        response["HX-Retarget"] = "#person-problem"
        response["HX-Reswap"] = "innerHTML"
        return response
    person = referrals.capture(conversation, form.cleaned_data)
    if not request.htmx:
        messages.success(
            request,
            f"Added {person}, suggested by {conversation.contact}, and a task to write to them.",
        )
        return redirect("conversations:conversation_live", conversation.pk)
    response = render(request, f"{TEMPLATE}#person-added", {"person": person})
    response[ADDED_HEADER] = str(person.pk)
    return response
