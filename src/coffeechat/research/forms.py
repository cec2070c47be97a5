from django import forms

from coffeechat.core.forms import OwnedModelForm
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)


class CareerFieldForm(OwnedModelForm):
    class Meta:
        model = CareerField
        fields = ["name", "status", "industry", "why_interested", "notes"]


class OpenQuestionForm(OwnedModelForm):
    class Meta:
        model = OpenQuestion
        fields = ["field", "text", "position"]


class OrganizationForm(OwnedModelForm):
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
