from django import forms
from django.db import transaction

from coffeechat.core.forms import OwnedModelForm
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)

QUESTION_MAX = OpenQuestion._meta.get_field("text").max_length


class CareerFieldForm(OwnedModelForm):
    """A career field and, in the same step, the questions the seeker wants answered about
    it, one per line: each becomes an open question that takeaways can answer later."""

    questions = forms.CharField(
        label="Questions you want answered",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "One per line, things research cannot tell you: what a typical week is like, "
            "how people got in. You can add more later."
        ),
    )

    class Meta:
        model = CareerField
        fields = ["name", "status", "industry", "why_interested", "questions", "notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["questions"].label = "More questions you want answered"
            self.fields["questions"].help_text = "One per line; each is added to the field's list."

    def clean_questions(self) -> list[str]:
        lines = self.cleaned_data.get("questions", "").splitlines()
        questions = list(dict.fromkeys(" ".join(line.split()) for line in lines if line.strip()))
        too_long = [text for text in questions if len(text) > QUESTION_MAX]
        if too_long:
            raise forms.ValidationError(
                f"Keep each question under {QUESTION_MAX} characters; "
                f"one line is {len(too_long[0])}."
            )
        return questions

    def save(self, commit: bool = True):
        with transaction.atomic():
            field = super().save(commit=commit)
            questions = self.cleaned_data.get("questions") or []
            if commit and questions:
                start = field.open_questions.count()
                OpenQuestion.objects.bulk_create(
                    OpenQuestion(owner=field.owner, field=field, text=text, position=start + i)
                    for i, text in enumerate(questions, start=1)
                )
        return field


class OpenQuestionForm(OwnedModelForm):
    class Meta:
        model = OpenQuestion
        fields = ["field", "text", "position"]


class OrganizationForm(OwnedModelForm):
    # Two organizations are the same by their normalized name, which comes from the name.
    constraint_fields = {"unique_organization_per_owner": "name"}

    class Meta:
        model = Organization
        fields = [
            "name",
            "website",
            "industry",
            "location",
            "fields",
            "departments",
            "motivation",
            "posting",
            "in_focus",
            "notes",
        ]
        widgets = {"fields": forms.CheckboxSelectMultiple}


class NewsItemForm(OwnedModelForm):
    class Meta:
        model = NewsItem
        fields = ["organization", "title", "url", "published_on", "summary"]


class ResearchLinkForm(OwnedModelForm):
    class Meta:
        model = ResearchLink
        fields = ["title", "url", "field", "organization"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("field") and not cleaned.get("organization"):
            raise forms.ValidationError("Attach the link to a field, an organization or both.")
        return cleaned
