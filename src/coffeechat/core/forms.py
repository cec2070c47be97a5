"""Form bases: every choice of a related row is limited to the user's own rows."""

from __future__ import annotations

from django import forms

from coffeechat.core.models import OwnedModel


class OwnedModelForm(forms.ModelForm):
    """A ModelForm for an OwnedModel, bound to the user who owns what it saves."""

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, OwnedModel):
                field.queryset = queryset.model.objects.owned_by(owner)
            _set_html_input_type(field)

    def save(self, commit: bool = True):
        if not self.instance.pk:
            self.instance.owner = self.owner
        return super().save(commit=commit)

    def _post_clean(self) -> None:
        # Model validation (unique per owner) needs the owner before it runs.
        if not self.instance.pk:
            self.instance.owner = self.owner
        super()._post_clean()

    def validate_unique(self) -> None:
        # The owner and derived keys (a normalized name) are not form fields, so ModelForm
        # would skip the owner-scoped constraints that matter most.
        derived = {f.name for f in self.instance._meta.concrete_fields if not f.editable}
        exclude = self._get_validation_exclusions() - {"owner"} - derived
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


def _set_html_input_type(field: forms.Field) -> None:
    """Native date and time pickers, which phones handle well."""
    if isinstance(field, forms.SplitDateTimeField):
        return
    if isinstance(field, forms.DateTimeField):
        field.widget = forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        )
    elif isinstance(field, forms.DateField):
        field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
