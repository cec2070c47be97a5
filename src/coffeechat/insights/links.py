"""Links to many rows at once: one reverse() for the pattern, then string formatting per row."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = 987654321  # an id no real row has in its path twice


def url_maker(name: str) -> Callable[[int], str]:
    """A function from a primary key to the URL `reverse(name, args=[pk])` would give."""
    pattern = reverse(name, args=[_PLACEHOLDER])
    prefix, _, suffix = pattern.partition(str(_PLACEHOLDER))

    def url(pk: int) -> str:
        return f"{prefix}{pk}{suffix}"

    return url


def contact_url_maker() -> Callable[[int], str]:
    return url_maker("people:contact_detail")
