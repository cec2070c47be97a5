"""The one parser for ids that arrive as text (query parameters, form values): ASCII digits
only, within the range of the databases' integer keys. `str.isdigit()` also accepts '²' and
'٣', which int() then refuses or reads as another number."""

from __future__ import annotations

# The largest value of a signed 64-bit key (BigAutoField on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


def parse_id(text: object) -> int | None:
    """The id in `text`, or None when it is not one: empty, signed, spaced, non-ASCII digits,
    zero, or too large for a key."""
    if not isinstance(text, str) or not text or len(text) > 19:
        return None
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The ids among `values`, in order, each once; the rest are ignored."""
    found: dict[int, None] = {}
    for value in values:
        parsed = parse_id(value)
        if parsed is not None:
            found[parsed] = None
    return list(found)
