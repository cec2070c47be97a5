"""Model fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from coffeechat.lib.zones import is_zone_name


class WebAddressField(models.URLField):
    """A URL field whose form adds https:// to an address typed without a scheme."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def validate_time_zone(value: str) -> None:
    if not is_zone_name(value):
        raise ValidationError(f"“{value}” is not a time zone name like America/New_York.")


class TimeZoneField(models.CharField):
    """An IANA time zone name such as Europe/Berlin, checked on save and typed with a list of
    names to pick from (the page includes the "time-zones" datalist)."""

    default_validators = [validate_time_zone]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        field = super().formfield(**{"strip": True, **kwargs})
        if isinstance(field, forms.CharField):
            field.widget.attrs["list"] = "time-zones"
        return field
