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


class AskReviewForm(forms.Form):
    share = forms.ModelChoiceField(queryset=None, empty_label=None, label="Coach")
    question = forms.CharField(
        label="What you would like to know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example “Is my ask clear?” or “Is this too long?”.",
    )

    def __init__(self, *args, shares, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["share"].queryset = shares
        self.fields["share"].label_from_instance = lambda share: coach_name(share.coach)


class AnswerReviewForm(forms.Form):
    comment = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    suggestion = forms.CharField(
        label="Suggested text",
        required=False,
        max_length=20_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Edit the text as you would write it; the seeker sees what you changed, "
        "word by word, and decides.",
    )
