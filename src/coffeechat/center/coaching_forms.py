"""The seeker's choices of what a coach may see."""

from __future__ import annotations

from django import forms

from coffeechat.center.models import Share


class ShareForm(forms.ModelForm):
    """Start sharing with one of the cohort's coaches, or change what a share shows."""

    class Meta:
        model = Share
        fields = ["progress", "plans"]


class NewShareForm(ShareForm):
    coach = forms.ModelChoiceField(queryset=None, empty_label=None, label="Coach")

    class Meta(ShareForm.Meta):
        fields = ["coach", "progress", "plans"]

    def __init__(self, *args, coaches, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["coach"].label_from_instance = coach_name


def coach_name(user) -> str:
    profile = getattr(user, "seeker_profile", None)
    name = profile.display_name if profile is not None else ""
    return name or user.get_username()
