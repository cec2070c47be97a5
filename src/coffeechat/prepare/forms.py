from django import forms

from coffeechat.core.forms import OwnedModelForm
from coffeechat.prepare.models import Pitch, Question, SeekerProfile


class SeekerProfileForm(forms.ModelForm):
    class Meta:
        model = SeekerProfile
        fields = [
            "display_name",
            "email",
            "phone",
            "school",
            "program",
            "current_role",
            "employers",
            "location",
            "time_zone",
            "holiday_country",
            "linkedin_premium",
            "signature",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"

    def clean_time_zone(self) -> str:
        from coffeechat.conversations.models import validate_time_zone

        value = self.cleaned_data["time_zone"].strip()
        validate_time_zone(value)
        return value

    def clean_holiday_country(self) -> str:
        from coffeechat.lib.business_days import is_known_country

        value = self.cleaned_data["holiday_country"].strip().upper()
        if not is_known_country(value):
            raise forms.ValidationError(
                f"“{value}” is not a country code coffeechat knows holidays for; "
                "use two letters such as US, GB, DE or IN."
            )
        return value


class PitchForm(OwnedModelForm):
    class Meta:
        model = Pitch
        fields = [
            "contact",
            "who_i_am",
            "what_i_have_done",
            "what_i_am_exploring",
            "why_this_person",
            "what_i_am_asking",
            "text",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "who_i_am",
                "what_i_have_done",
                "what_i_am_exploring",
                "why_this_person",
                "what_i_am_asking",
            )
        }

    def save(self, commit: bool = True) -> Pitch:
        # A changed pitch is a new version; the earlier one stays as it was.
        if self.instance.pk and self.has_changed():
            self.instance.pk = None
            self.instance._state.adding = True
        return super().save(commit=commit)


class QuestionForm(OwnedModelForm):
    class Meta:
        model = Question
        fields = ["text", "category", "tiara", "hidden"]
