"""Forms of the alumni volunteers' pages: the volunteer's profile, a seeker's request and the
note that goes with a decline."""

from __future__ import annotations

from django import forms

from coffeechat.center.models import VolunteerProfile
from coffeechat.center.volunteer_requests import MAX_MESSAGE, MAX_NOTE
from coffeechat.lib.drafting import NAME_TO_FILL_IN


class VolunteerProfileForm(forms.ModelForm):
    """What seekers see of a volunteer in the directory, and what they see once accepted."""

    class Meta:
        model = VolunteerProfile
        fields = [
            "display_name",
            "field",
            "organization",
            "title",
            "class_year",
            "topics",
            "available",
            "capacity",
            "email",
            "phone",
        ]
        labels = {
            "display_name": "Your name, as seekers see it",
            "field": "Your field",
            "class_year": "Class year",
            "available": "Taking new requests",
            "capacity": "Requests a month",
        }
        help_texts = {
            "topics": "What you are glad to talk about, one topic per line, like “moving from "
            "research into consulting”. Seekers search these.",
            "available": "Turn this off to disappear from the directory for a while; requests "
            "already sent to you stay in your inbox.",
            "capacity": "The most new requests you want in a calendar month. Every request you "
            "receive counts, whatever you answer. Once you have had this many, you are hidden "
            "from the directory until the 1st of next month.",
            "email": "Shown only to a seeker whose request you accept.",
            "phone": "Optional; shown only to a seeker whose request you accept.",
        }
        widgets = {"topics": forms.Textarea(attrs={"rows": 4})}

    def clean_topics(self) -> str:
        """One topic a line: blank lines and repeats dropped, spaces tidied."""
        seen: dict[str, str] = {}
        for line in self.cleaned_data["topics"].splitlines():
            topic = " ".join(line.split())
            if topic and topic.casefold() not in seen:
                seen[topic.casefold()] = topic
        return "\n".join(seen.values())


class RequestForm(forms.Form):
    """A seeker's message to a volunteer. `warned` carries which text the checker's
    suggestions were last shown for, so a message with suggestions only is sent on the second
    press, once its writer has seen them."""

    body = forms.CharField(
        label="Your message",
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Say how you found them, who you are in a sentence, and ask for a short, "
        "specific time to learn from them; never for a job.",
    )
    warned = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if NAME_TO_FILL_IN in body:
            raise forms.ValidationError(
                "Sign the message with your name where it says “[your name…]”, or add your "
                "name to your profile and start again."
            )
        return body


class DeclineForm(forms.Form):
    note = forms.CharField(
        label="A note for the seeker",
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="They read this in coffeechat and by email. A short, kind word is plenty.",
    )

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()
