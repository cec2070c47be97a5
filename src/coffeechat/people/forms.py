from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms.models import BaseInlineFormSet, inlineformset_factory

from coffeechat.core.forms import OwnedModelForm
from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, address_key, is_web_link
from coffeechat.people.addresses import replace_addresses
from coffeechat.people.models import (
    AddressLabel,
    Contact,
    ContactAddress,
    Interaction,
    Source,
    Tag,
)

MAIN_EMAIL_LENGTH = Contact._meta.get_field("email").max_length


class AddressForm(forms.ModelForm):
    """One more email address, phone number or web link of a contact."""

    make_main = forms.BooleanField(
        label="Make it the main one",
        required=False,
        help_text="Swap it with the main email or phone above.",
    )

    class Meta:
        model = ContactAddress
        fields = ["kind", "label", "value"]
        labels = {"kind": "Kind", "label": "Label", "value": "Address or number"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = EMAIL  # an empty row stays unsaved until filled in
        self.fields["label"].choices = [("", "Not said"), *AddressLabel.choices]

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if not value:
            return cleaned
        if kind == EMAIL:
            try:
                validate_email(value)
            except ValidationError:
                self.add_error("value", "Enter an email address, like name@example.com.")
        elif kind == LINK and not is_web_link(value):
            self.add_error("value", "Enter a web address starting with https:// or http://.")
        elif kind == PHONE and len(value) > 50:
            self.add_error("value", "A phone number has at most 50 characters.")
        if cleaned.get("make_main") and kind == LINK:
            self.add_error("make_main", "Only an email address or a phone number can be main.")
        elif cleaned.get("make_main") and kind == EMAIL and len(value) > MAIN_EMAIL_LENGTH:
            self.add_error(
                "make_main",
                f"A main email address has at most {MAIN_EMAIL_LENGTH} characters; keep this "
                "one among the others.",
            )
        cleaned["value"] = value
        return cleaned


class BaseAddressFormSet(BaseInlineFormSet):
    main: dict[str, str]  # kind -> the main email or phone typed in the contact form

    def clean(self) -> None:
        super().clean()
        seen = {(kind, address_key(kind, value)) for kind, value in self.main.items() if value}
        promoted = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            kind, value = form.cleaned_data.get("kind"), form.cleaned_data.get("value")
            if not value:
                continue
            key = (kind, address_key(kind, value))
            if key in seen and not form.cleaned_data.get("make_main"):
                form.add_error("value", "This address is already listed for this person.")
            seen.add(key)
            if form.cleaned_data.get("make_main"):
                if kind in promoted:
                    form.add_error("make_main", "Make only one of each kind the main one.")
                promoted.add(kind)


AddressFormSet = inlineformset_factory(
    Contact,
    ContactAddress,
    form=AddressForm,
    formset=BaseAddressFormSet,
    extra=2,
    can_delete=True,
)


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
            "display_name",
            "email",
            "email_label",
            "phone",
            "phone_label",
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
        # Every other address, edited in the same form. A post without the address rows (an
        # older page, a script) leaves the addresses as they are.
        data = self.data if self.is_bound else None
        prefix = "addresses"
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            self.addresses = None
        else:
            rows = ContactAddress.objects.filter(owner=self.owner) if self.owner else None
            self.addresses = AddressFormSet(
                data,
                instance=self.instance,
                prefix=prefix,
                queryset=rows.order_by("position", "pk") if rows is not None else None,
            )
        for name in ("email_label", "phone_label"):
            self.fields[name].choices = [("", "Not said"), *AddressLabel.choices]
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

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.addresses is None:
            return valid
        # The rows are checked against the main email and phone typed above.
        self.addresses.main = {
            EMAIL: self.cleaned_data.get("email") or "",
            PHONE: self.cleaned_data.get("phone") or "",
        }
        return self.addresses.is_valid() and valid

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
        contact = super().save(commit=False)
        promoted = self._promote(contact)
        if not commit:
            return contact
        contact.save()
        self.save_m2m()
        if self.addresses is not None:
            self._save_addresses(contact, promoted)
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

    def _promote(self, contact: Contact) -> dict:
        """A row marked "make it the main one" swaps places with the main email or phone;
        returns row form -> the (value, label) it takes instead."""
        swapped = {}
        if self.addresses is None:
            return swapped
        for form in self.addresses.forms:
            data = getattr(form, "cleaned_data", {})
            if not data.get("make_main") or self.addresses._should_delete_form(form):
                continue
            name = "email" if data["kind"] == EMAIL else "phone"
            label = f"{name}_label"
            old = (getattr(contact, name), getattr(contact, label))
            setattr(contact, name, data["value"])
            setattr(contact, label, data.get("label") or "")
            swapped[form] = old
        return swapped

    def _save_addresses(self, contact: Contact, promoted: dict) -> None:
        """The rows as the form lists them, in its order: written afresh, so that two rows
        trading values never meet the one-address-once rule halfway."""
        rows = []
        for form in self.addresses.forms:
            data = getattr(form, "cleaned_data", {})
            if self.addresses._should_delete_form(form) or not data.get("value"):
                continue
            value, label = promoted.get(form, (data["value"], data.get("label") or ""))
            if value:  # a row made main where there was none leaves nothing behind
                rows.append(Address(data["kind"], value, label))
        replace_addresses(self.owner, contact, rows)


class InteractionForm(OwnedModelForm):
    class Meta:
        model = Interaction
        fields = ["contact", "conversation", "kind", "direction", "occurred_at", "summary"]


class TagForm(OwnedModelForm):
    class Meta:
        model = Tag
        fields = ["name"]
