"""Step 1, research: career fields with their open questions, and the LAMP target list."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from coffeechat.core.fields import WebAddressField
from coffeechat.core.models import OwnedModel
from coffeechat.lib.lamp import ADVOCATE_SOURCES
from coffeechat.lib.names import normalize_org_name

FIT_SCORE_RANGE = (1, 5)


def _fit_score(label: str, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(FIT_SCORE_RANGE[0]), MaxValueValidator(FIT_SCORE_RANGE[1])],
        help_text=f"{help_text} 1 (poor) to 5 (strong).",
    )


class CareerField(OwnedModel):
    class Status(models.TextChoices):
        EXPLORING = "exploring", "Exploring"
        PROMISING = "promising", "Promising"
        RULED_OUT = "ruled_out", "Ruled out"

    name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.EXPLORING)
    industry = models.CharField(max_length=200, blank=True)
    why_interested = models.TextField(blank=True, help_text="What draws you to this field.")
    notes = models.TextField(blank=True, help_text="Research notes, in Markdown.")

    # The fit scorecard the seeker fills in as conversations teach them about the field: each
    # dimension 1 (poor fit) to 5 (strong fit), empty until scored.
    fit_interest = _fit_score("Interest", "How much the work itself interests you.")
    fit_skills = _fit_score("Skills match", "How well your skills match what the work needs.")
    fit_lifestyle = _fit_score(
        "Lifestyle", "Hours, place, pace and pay, against how you want to live."
    )
    fit_prospects = _fit_score("Prospects", "Openings, growth and the field's future.")
    fit_note = models.TextField("Fit note", blank=True, help_text="Why you scored it this way.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="unique_field_name_per_owner",
                violation_error_message="You already have a career field with this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("research:careerfield_detail", args=[self.pk])

    FIT_DIMENSIONS = ("fit_interest", "fit_skills", "fit_lifestyle", "fit_prospects")

    @property
    def fit_scores(self) -> list[int]:
        return [score for name in self.FIT_DIMENSIONS if (score := getattr(self, name))]

    @property
    def fit_average(self) -> float | None:
        """The mean of the dimensions scored so far, or None before any is scored."""
        scores = self.fit_scores
        return round(sum(scores) / len(scores), 1) if scores else None


class OpenQuestion(OwnedModel):
    """Something the seeker wants to learn about a field; takeaways can answer it."""

    field = models.ForeignKey(CareerField, on_delete=models.CASCADE, related_name="open_questions")
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    detail_select_related = ("field",)

    class Meta:
        ordering = ["field", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("research:openquestion_detail", args=[self.pk])


class Organization(OwnedModel):
    """An employer on the LAMP list: Motivation 0–3, Posting 1–3, Advocacy from its contacts."""

    class Motivation(models.IntegerChoices):
        NONE = 0, "0 · no real pull"
        SOME = 1, "1 · some interest"
        STRONG = 2, "2 · strong interest"
        DREAM = 3, "3 · dream employer"

    class Posting(models.IntegerChoices):
        NONE = 1, "1 · no relevant postings"
        SOME = 2, "2 · postings in a nearby area"
        RELEVANT = 3, "3 · postings that fit me"

    name = models.CharField(max_length=200)
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    website = WebAddressField(blank=True, max_length=500)
    industry = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    fields = models.ManyToManyField(CareerField, blank=True, related_name="organizations")
    departments = models.TextField(
        blank=True, help_text="Departments or teams you want to learn about, one per line."
    )
    motivation = models.PositiveSmallIntegerField(
        choices=Motivation.choices,
        default=Motivation.SOME,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    posting = models.PositiveSmallIntegerField(
        choices=Posting.choices,
        default=Posting.NONE,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    in_focus = models.BooleanField(
        default=False, help_text="One of the few organizations you are actively working on."
    )
    notes = models.TextField(blank=True, help_text="Research notes, in Markdown.")

    class Meta:
        ordering = ["-motivation", "-posting", Lower("name"), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "normalized_name"],
                name="unique_organization_per_owner",
                violation_error_message=(
                    "You already have this organization (names are compared without case, "
                    "punctuation or legal suffixes such as LLC)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def derive_fields(self) -> None:
        self.normalized_name = normalize_org_name(self.name)

    def get_absolute_url(self) -> str:
        return reverse("research:organization_detail", args=[self.pk])

    @property
    def advocacy(self) -> bool:
        """Someone warm works there: an alum, a referral, a former coworker, a friend…"""
        annotated = getattr(self, "has_advocate", None)
        if annotated is not None:
            return bool(annotated)
        return self.contacts.filter(advocate_condition()).exists()

    @property
    def department_list(self) -> list[str]:
        return [line.strip() for line in self.departments.splitlines() if line.strip()]


class NewsItem(OwnedModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="news")
    title = models.CharField(max_length=300)
    url = WebAddressField("URL", blank=True, max_length=1000)
    published_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)

    detail_select_related = ("organization",)

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:newsitem_detail", args=[self.pk])


class ResearchLink(OwnedModel):
    """A page worth keeping about a field or an organization."""

    title = models.CharField(max_length=300)
    url = WebAddressField("URL", max_length=1000)
    field = models.ForeignKey(
        CareerField, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )

    detail_select_related = ("field", "organization")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:researchlink_detail", args=[self.pk])


def advocate_condition(path: str = "") -> models.Q:
    """People whose relationship makes them likely advocates (LAMP's A), as a condition on
    the people themselves, or through `path` (e.g. "contacts__") from another model."""
    return models.Q(**{f"{path}source__in": ADVOCATE_SOURCES}) | models.Q(
        **{f"{path}referred_by__isnull": False}
    )


def with_advocacy(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate has_advocate and order as the LAMP list: motivation, posting, advocacy.

    The people are the model behind the organization's own reverse relation ("contacts"),
    so research imports nothing from the people app, which sits above it. Asked of that
    model directly (not through a join back to the organization), PostgreSQL probes the
    advocate index once per organization instead of hashing every advocate of the account
    first: 22 → 6 ms for 2,000 organizations."""
    people = Organization._meta.get_field("contacts").related_model
    advocates = people.objects.filter(advocate_condition(), organization=models.OuterRef("pk"))
    return queryset.annotate(has_advocate=models.Exists(advocates)).order_by(
        "-motivation", "-posting", "-has_advocate", Lower("name"), "pk"
    )
