"""Model fields shared by the apps."""

from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form adds https:// to an address typed without a scheme."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
