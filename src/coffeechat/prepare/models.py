"""Step 3, prepare: versions of the elevator pitch, the question bank and documents to send.

The seeker's profile itself belongs to the account (coffeechat.accounts.models)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from coffeechat.core.models import OwnedModel
from coffeechat.lib.zones import format_day


class Pitch(OwnedModel):
    """One version of the elevator pitch; saving a change keeps the earlier versions."""

    contact = models.ForeignKey(
        "people.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitches",
        help_text="Leave empty for your general pitch.",
    )
    # Said with the capital "I" they need; labels show them as they are written here.
    who_i_am = models.TextField("who I am", blank=True)
    what_i_have_done = models.TextField("what I have done", blank=True)
    what_i_am_exploring = models.TextField("what I am exploring", blank=True)
    why_this_person = models.TextField(blank=True)
    what_i_am_asking = models.TextField("what I am asking", blank=True)
    text = models.TextField(blank=True, help_text="The pitch as you would say it.")

    detail_select_related = ("contact",)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "pitches"

    def __str__(self) -> str:
        # The day in the active time zone: the seeker's on every page (accounts.middleware).
        when = format_day(timezone.localdate(self.created_at)) if self.created_at else "new"
        return f"Pitch of {when}" + (f" for {self.contact}" if self.contact_id else "")

    def get_absolute_url(self) -> str:
        return reverse("prepare:pitch_detail", args=[self.pk])

    def assembled(self) -> str:
        # The pitch's phrasing loads the drafting rules (40 ms): the first pitch shown pays
        # for them, not every command that starts Django (tests/test_command_settings.py).
        from coffeechat.lib.pitch import assemble  # noqa: PLC0415 — start-up time, no cycle

        return assemble(
            (
                self.who_i_am,
                self.what_i_have_done,
                self.what_i_am_exploring,
                self.why_this_person,
                self.what_i_am_asking,
            )
        )

    @property
    def spoken_text(self) -> str:
        return self.text.strip() or self.assembled()


class QuestionCategory(models.TextChoices):
    TYPICAL_DAY = "typical_day", "A typical day"
    PATH = "path", "Career path"
    SKILLS = "skills", "Skills and qualifications"
    TRENDS = "trends", "Trends and the future"
    ORGANIZATION = "organization", "The organization and its culture"
    ADVICE = "advice", "Advice"
    FIT = "fit", "How my background fits"
    RESUME = "resume", "Résumé feedback"
    RESOURCES = "resources", "What to read or learn"
    REFERRALS = "referrals", "Other people to talk to"
    OTHER = "other", "Other"


class Tiara(models.TextChoices):
    TRENDS = "T", "Trends"
    INSIGHTS = "I", "Insights"
    ADVICE = "A", "Advice"
    RESOURCES = "R", "Resources"
    ASSIGNMENTS = "S", "Assignments"


class Question(OwnedModel):
    """A question in the seeker's bank; built-in ones carry the key they were seeded from."""

    text = models.CharField(max_length=500)
    category = models.CharField(
        max_length=20, choices=QuestionCategory.choices, default=QuestionCategory.OTHER
    )
    tiara = models.CharField("TIARA", max_length=1, choices=Tiara.choices, blank=True)
    hidden = models.BooleanField(default=False, help_text="Hidden questions are not suggested.")
    builtin_key = models.CharField(max_length=60, blank=True, editable=False)

    class Meta:
        ordering = ["category", "text"]
        indexes = [models.Index(fields=["owner", "category"], name="question_owner_category")]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("prepare:question_detail", args=[self.pk])


class Document(OwnedModel):
    """A file the seeker keeps ready to send: a résumé version, a cover letter, a work sample.

    The bytes live in the private upload folder under `stored_name`; `sha256` lets a restore
    and a download prove they hand back exactly what was uploaded."""

    class Kind(models.TextChoices):
        RESUME = "resume", "Résumé"
        COVER_LETTER = "cover_letter", "Cover letter"
        WORK_SAMPLE = "work_sample", "Portfolio or work sample"
        OTHER = "other", "Other"

    title = models.CharField(max_length=200, help_text="For example “Résumé — data analyst”.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RESUME)
    notes = models.TextField(blank=True, help_text="Who you sent it to, what changed, in Markdown.")
    original_name = models.CharField("file name", max_length=255, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    stored_name = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "kind"], name="document_owner_kind")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("prepare:document_detail", args=[self.pk])

    def get_download_url(self) -> str:
        return reverse("prepare:document_download", args=[self.pk])
