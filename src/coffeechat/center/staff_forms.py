"""The center admin's forms: cohorts and their coaches, a person's part and cohort, and
invitations. Every choice of a person or cohort comes from coffeechat.center.access."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from coffeechat.center import invitations
from coffeechat.center.models import Cohort, Role


def person_name(user) -> str:
    """A name for an account: the one they gave, else their username."""
    profile = getattr(user, "seeker_profile", None)
    name = profile.display_name.strip() if profile is not None else ""
    return f"{name} ({user.get_username()})" if name else user.get_username()


def _people_choice(field: forms.ModelMultipleChoiceField, queryset) -> None:
    field.queryset = queryset
    field.label_from_instance = person_name


class CohortForm(forms.ModelForm):
    """A cohort's name and the coaches who look after it (a coach may have several)."""

    coaches = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They see what this cohort's seekers choose to share with them.",
    )

    class Meta:
        model = Cohort
        fields = ["name"]
        help_texts = {"name": "Like “Economics 2027” or “Career changers, spring”."}

    def __init__(self, *args, coaches, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _people_choice(self.fields["coaches"], coaches)
        if self.instance.pk:
            self.initial["coaches"] = [c.pk for c in self.instance.coaches.all()]

    def save(self, commit: bool = True) -> Cohort:
        cohort = super().save()
        cohort.coaches.set(self.cleaned_data["coaches"])
        return cohort


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label="Part")


class CohortMoveForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=None, required=False, empty_label="No cohort")

    def __init__(self, *args, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class CoachingForm(forms.Form):
    """The cohorts one coach looks after."""

    cohorts = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohorts"].queryset = cohorts


LINK, EMAIL = "link", "email"
_ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


class InvitationForm(forms.Form):
    role = forms.ChoiceField(
        choices=[(role.value, role.label) for role in invitations.INVITABLE],
        label="Invite as",
        help_text="Admins are made on a person's page, never by invitation.",
    )
    cohort = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="—",
        help_text="Seekers join this cohort; a coach starts looking after it. Volunteers "
        "belong to no cohort.",
    )
    delivery = forms.ChoiceField(
        choices=[(LINK, "One link I share myself"), (EMAIL, "One email per address")],
        initial=LINK,
        label="How",
    )
    max_uses = forms.IntegerField(
        label="People the link may bring in",
        min_value=1,
        max_value=invitations.MAX_LINK_USES,
        initial=30,
        required=False,
        help_text=f"For a link: 1 to {invitations.MAX_LINK_USES}. Each email invitation "
        "works once.",
    )
    emails = forms.CharField(
        label="Email addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"For emails: up to {invitations.MAX_EMAILS}, one per line or separated "
        "by commas.",
    )

    def __init__(self, *args, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts

    def clean_emails(self) -> list[str]:
        found = [a for a in _ADDRESS_SEPARATORS.split(self.cleaned_data["emails"]) if a]
        bad = []
        addresses: dict[str, str] = {}  # the same address twice gets one invitation
        for address in found:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
            else:
                addresses.setdefault(address.casefold(), address)
        if bad:
            shown = ", ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
            raise ValidationError(f"These are not email addresses: {shown}")
        if len(addresses) > invitations.MAX_EMAILS:
            raise ValidationError(
                f"At most {invitations.MAX_EMAILS} addresses at a time; "
                f"this list has {len(addresses)}."
            )
        return list(addresses.values())

    def clean(self) -> dict:
        cleaned = super().clean()
        role, cohort = cleaned.get("role"), cleaned.get("cohort")
        if role == Role.SEEKER and cohort is None:
            self.add_error("cohort", "Choose the cohort these seekers join.")
        if role == Role.VOLUNTEER and cohort is not None:
            self.add_error("cohort", "Volunteers belong to no cohort; leave this empty.")
        delivery = cleaned.get("delivery")
        if delivery == EMAIL and "emails" in cleaned and not cleaned["emails"]:
            self.add_error("emails", "Write at least one address.")
        if delivery == LINK and "max_uses" not in self.errors and not cleaned.get("max_uses"):
            self.add_error("max_uses", "Say how many people the link may bring in.")
        return cleaned
