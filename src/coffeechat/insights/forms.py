"""The fit scorecard form: four scores from 1 to 5, each one optional, and a note."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst

from coffeechat.core.forms import OwnedModelForm
from coffeechat.research.models import FIT_SCORE_RANGE, CareerField

LOW, HIGH = FIT_SCORE_RANGE
ENDS = {LOW: "poor fit", HIGH: "strong fit"}
SCORE_CHOICES = [
    ("", "Not scored yet"),
    *((n, f"{n} · {ENDS[n]}" if n in ENDS else str(n)) for n in range(LOW, HIGH + 1)),
]


class FitForm(OwnedModelForm):
    class Meta:
        model = CareerField
        fields = [*CareerField.FIT_DIMENSIONS, "fit_note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in CareerField.FIT_DIMENSIONS:
            model_field = CareerField._meta.get_field(name)
            self.fields[name] = forms.TypedChoiceField(
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.fields["fit_note"].widget.attrs["rows"] = 4
