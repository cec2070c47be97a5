"""Form bases: every choice of a related row is limited to the user's own rows, and a broken
model constraint is said in words, once, next to the field it is about."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router
from django.db.models import Q
from django.db.models.constraints import BaseConstraint
from django.forms.models import InlineForeignKeyField, construct_instance

from coffeechat.core.models import OwnedModel
from coffeechat.lib.control_chars import has_controls


def one_line(value: str) -> None:
    """A one-line field holds no line break or control character: a browser's text box
    cannot send one, so it came from a crafted request (a mail header it would break)."""
    if has_controls(value):
        raise ValidationError("Write this on one line, without line breaks or tabs.")


class OwnedModelForm(forms.ModelForm):
    """A ModelForm for an OwnedModel, bound to the user who owns what it saves.

    A broken model constraint is said once, in the constraint's own words, next to the field
    it is about: the first of the constraint's fields on the form, or the field named for it
    in `constraint_fields` (a key derived from what was typed, like a normalized name)."""

    # Constraint name -> the form field its error belongs to, when none of its fields is on
    # the form (the constraint compares a derived key).
    constraint_fields: ClassVar[dict[str, str]] = {}
    # Constraint name -> the sentence to show, for a constraint whose model does not say it
    # yet; the model's own violation_error_message is preferred.
    constraint_messages: ClassVar[dict[str, str]] = {}

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, OwnedModel):
                field.queryset = queryset.model.objects.owned_by(owner)
            _set_html_input_type(field)
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                field.validators.append(one_line)

    def save(self, commit: bool = True):
        if not self.instance.pk:
            self.instance.owner = self.owner
        return super().save(commit=commit)

    def _post_clean(self) -> None:
        # ModelForm._post_clean, except that constraints are checked once, by
        # validate_constraints below, and not a second time inside the model's full_clean
        # (which would add each broken one again as an error of the whole form).
        if not self.instance.pk:
            # Model validation (unique per owner) needs the owner before it runs.
            self.instance.owner = self.owner
        exclude = self._get_validation_exclusions()
        for name, field in self.fields.items():
            if isinstance(field, InlineForeignKeyField):
                exclude.add(name)
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except ValidationError as error:
            self._update_errors(error)
        try:
            self.instance.full_clean(
                exclude=exclude, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            self._update_errors(error)
        if self._validate_unique:
            self.validate_unique()
        self.validate_constraints()

    def _owner_scoped_exclusions(self) -> set[str]:
        # The owner and derived keys (a normalized name) are not form fields, so ModelForm
        # would skip the owner-scoped constraints that matter most.
        derived = {f.name for f in self.instance._meta.concrete_fields if not f.editable}
        return self._get_validation_exclusions() - {"owner"} - derived

    def validate_unique(self) -> None:
        try:
            self.instance.validate_unique(exclude=self._owner_scoped_exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def validate_constraints(self) -> None:
        """Each broken constraint of the model: its sentence, once, on its field."""
        instance = self.instance
        exclude = self._owner_scoped_exclusions()
        using = router.db_for_write(type(instance), instance=instance)
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
                except ValidationError:
                    self._add_once(
                        self.constraint_field(constraint),
                        ValidationError(
                            constraint_message(constraint, self.constraint_messages),
                            code=constraint.violation_error_code or "constraint",
                        ),
                    )

    def constraint_field(self, constraint: BaseConstraint) -> str | None:
        """The form field a constraint's error is shown next to; None for the whole form."""
        named = self.constraint_fields.get(constraint.name)
        if named in self.fields:
            return named
        concerned = constraint_field_names(constraint)
        return next((name for name in self.fields if name in concerned), None)

    def _add_once(self, field: str | None, error: ValidationError) -> None:
        # A form's own clean() may already say the same sentence, on the field or above it.
        for place in {field or NON_FIELD_ERRORS, NON_FIELD_ERRORS}:
            if error.message in self._errors.get(place, []):
                return
        self.add_error(field, error)


def constraint_field_names(constraint: BaseConstraint) -> set[str]:
    """The model fields a constraint reads: a unique constraint's fields, or those its
    condition refers to."""
    names = set(getattr(constraint, "fields", ()) or ())
    condition = getattr(constraint, "condition", None)
    if isinstance(condition, Q):
        names |= condition.referenced_base_fields
    return names


def constraint_message(constraint: BaseConstraint, fallback: dict[str, str] | None = None) -> str:
    """What a broken constraint says to a person: its own message, else the one a form gives
    for it by name, else Django's default ("Constraint … is violated")."""
    if constraint.violation_error_message != constraint.default_violation_error_message:
        return str(constraint.get_violation_error_message())
    if fallback and constraint.name in fallback:
        return fallback[constraint.name]
    return str(constraint.get_violation_error_message())


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
