from django import forms

from coffeechat.core.forms import OwnedModelForm
from coffeechat.people.models import Contact, Interaction, Source, Tag


class ContactForm(OwnedModelForm):
    tag_names = forms.CharField(
        label="Tags",
        required=False,
        help_text="Separate tags with commas.",
        max_length=1000,
    )

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "title",
            "organization",
            "department",
            "email",
            "phone",
            "linkedin_url",
            "location",
            "source",
            "source_detail",
            "referred_by",
            "connection_sentence",
            "tier",
            "background",
            "do_not_contact",
            "connected_on",
            "keep_in_touch_days",
            "notes",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        referred_by = self.fields["referred_by"]
        referred_by.queryset = referred_by.queryset.select_related("organization")
        if self.instance.pk:
            referred_by.queryset = referred_by.queryset.exclude(pk=self.instance.pk)
            self.initial["tag_names"] = ", ".join(t.name for t in self.instance.tags.all())
        self.fields["organization"].queryset = self.fields["organization"].queryset.only(
            "pk", "name"
        )
        if self.initial.get("referred_by") and "source" not in self.initial:
            self.initial["source"] = Source.REFERRAL
        if self.instance.tier_inferred:
            self.fields["tier"].help_text = (
                "Inferred from the job title, and updated when the title changes, until you "
                "pick one yourself. Left blank, coffeechat infers it from the job title."
            )

    def clean_tag_names(self) -> list[str]:
        names = []
        for raw in self.cleaned_data["tag_names"].split(","):
            name = " ".join(raw.split())[:60]
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def clean(self):
        cleaned = super().clean()
        if "tier" in self.changed_data:
            # A tier the person picks is theirs and stays when the title changes; cleared, it
            # is inferred from the title again (Contact.derive_fields, run by model validation).
            self.instance.tier_inferred = False
        # A person without a name is refused by the model's contact_has_a_name constraint,
        # shown on the first name (core.forms.OwnedModelForm.validate_constraints).
        referrer = cleaned.get("referred_by")
        if referrer is not None and self.instance.pk and self._leads_back(referrer):
            self.add_error(
                "referred_by", "That person was introduced through this one; pick someone else."
            )
        return cleaned

    def _leads_back(self, referrer: Contact) -> bool:
        """True when following referrer's chain upward reaches the contact being edited."""
        seen = set()
        current = referrer
        while current is not None and current.pk not in seen:
            if current.pk == self.instance.pk:
                return True
            seen.add(current.pk)
            current = current.referred_by
        return False

    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=commit)
        if commit:
            # Compared in Python: SQLite's case-insensitive match only folds ASCII letters.
            existing = {tag.name.casefold(): tag for tag in Tag.objects.owned_by(self.owner)}
            tags = []
            for name in self.cleaned_data["tag_names"]:
                tag = existing.get(name.casefold())
                if tag is None:
                    tag = existing[name.casefold()] = Tag.objects.create(
                        owner=self.owner, name=name
                    )
                tags.append(tag)
            contact.tags.set(tags)
        return contact


class InteractionForm(OwnedModelForm):
    class Meta:
        model = Interaction
        fields = ["contact", "conversation", "kind", "direction", "occurred_at", "summary"]


class TagForm(OwnedModelForm):
    class Meta:
        model = Tag
        fields = ["name"]
