"""Template helpers shared by every page."""

from __future__ import annotations

from django import template
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from coffeechat.core.display import display
from coffeechat.core.timezones import in_own_zone
from coffeechat.lib.markdown import render_markdown
from coffeechat.lib.zones import zone_names

register = template.Library()

_SKIPPED = {"id", "owner", "created_at", "updated_at"}


register.filter("display", display)


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """A user's Markdown as sanitized HTML."""
    return mark_safe(render_markdown(text or ""))  # nh3 sanitized it


@register.simple_tag
def field_rows(
    obj: models.Model, hidden: tuple[str, ...] = (), shown_as: dict[str, str] | None = None
) -> list[dict]:
    """Label, value and link for each field a person filled in on obj.

    `shown_as` maps a field to the attribute of obj shown in its place (core.crud.Entity).

    Times are shown on the seeker's clock; a meeting's time adds the meeting's own (a meeting
    in Tokyo also shows Tokyo's time), see core.timezones.
    """
    rows = []
    for model_field in obj._meta.get_fields():
        if not getattr(model_field, "concrete", False) and not model_field.many_to_many:
            continue
        if model_field.auto_created or model_field.name in _SKIPPED or model_field.name in hidden:
            continue
        if not getattr(model_field, "editable", True):
            continue
        if model_field.many_to_many:
            value = ", ".join(str(item) for item in getattr(obj, model_field.name).all())
            url = None
        elif model_field.is_relation:
            value = getattr(obj, model_field.name)
            url = value.get_absolute_url() if value is not None else None
        elif shown_as and model_field.name in shown_as:
            value, url = getattr(obj, shown_as[model_field.name]), None
        elif model_field.choices:
            value, url = getattr(obj, f"get_{model_field.name}_display")(), None
        else:
            value, url = getattr(obj, model_field.name), None
        value = in_own_zone(obj, model_field.name, value)
        if isinstance(model_field, models.URLField) and value:
            # Only web addresses become links, whatever found its way into the field.
            url = value if str(value).lower().startswith(("http://", "https://")) else None
        rows.append(
            {
                "label": capfirst(model_field.verbose_name),  # "LinkedIn URL" stays so
                "value": value,
                "url": url,
                "long": isinstance(model_field, models.TextField),
                "markdown": "markdown" in str(model_field.help_text).casefold(),
                "external": isinstance(model_field, models.URLField),
            }
        )
    return rows


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def time_zone_names() -> tuple[str, ...]:
    return zone_names()
