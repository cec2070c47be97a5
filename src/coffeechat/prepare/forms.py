from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum

from coffeechat.accounts.models import SeekerProfile
from coffeechat.core.forms import OwnedModelForm
from coffeechat.core.uploads import UploadRejected, check_size, clean_name, describe_size
from coffeechat.lib.business_days import is_known_country
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Pitch, Question


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

    def clean_holiday_country(self) -> str:
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


class DocumentForm(OwnedModelForm):
    """Upload a document, or edit its title and notes and optionally replace its file."""

    file = forms.FileField(
        label="File",
        required=False,
        help_text=f"{documents.accepted_extensions()}.",
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "notes", "file"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = documents.accepted_extensions().replace(
            " ", ""
        )
        kept = self._kept()
        self.fields["file"].help_text = (
            f"{documents.accepted_extensions()}; up to {describe_size(settings.MAX_UPLOAD_BYTES)}. "
            "Kept private; downloaded only by you. "
            f"You keep {kept['count']} of at most {documents.MAX_DOCUMENTS} documents, "
            f"{describe_size(kept['stored'] or 0, round_up=True)} of "
            f"{describe_size(documents.MAX_STORED_BYTES)}."
        )
        if not self.instance.pk:
            self.fields["file"].required = True
        else:
            self.fields["file"].help_text = (
                f"Leave empty to keep “{self.instance.original_name}”; "
                + self.fields["file"].help_text
            )
        self._upload: tuple[str, bytes, documents.Accepted] | None = None

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded:
            return uploaded
        name = clean_name(uploaded.name, default="document")
        try:
            # The size first: a huge file is refused before it is read into memory.
            check_size(uploaded.size)
            self._check_quota(uploaded.size)
            data = uploaded.read()
            accepted = documents.check(name, data)
        except UploadRejected as error:
            raise forms.ValidationError(str(error)) from None
        self._upload = (name, data, accepted)
        return uploaded

    def _kept(self, *, but_this_one: bool = False) -> dict:
        """How many documents the account keeps and their bytes (without the one a new file
        replaces, when asked)."""
        kept = Document.objects.owned_by(self.owner)
        if but_this_one and self.instance.pk:
            kept = kept.exclude(pk=self.instance.pk)
        return kept.aggregate(count=Count("pk"), stored=Sum("size"))

    def _check_quota(self, size: int) -> None:
        kept = self._kept(but_this_one=True)
        documents.check_quota(kept["count"], kept["stored"] or 0, size)

    def save(self, commit: bool = True):
        document = super().save(commit=False)
        replaced = ""
        if self._upload is not None:
            name, data, accepted = self._upload
            replaced = document.stored_name
            document.original_name = name
            document.content_type = accepted.content_type
            document.size = len(data)
            document.sha256 = documents.digest(data)
            document.stored_name = documents.store(data, name)
        if not commit:
            return document
        try:
            with transaction.atomic():
                document.save()
        except BaseException:
            if self._upload is not None:
                documents.discard(document.stored_name)
            raise
        if replaced:
            transaction.on_commit(lambda: documents.discard(replaced))
        return document
