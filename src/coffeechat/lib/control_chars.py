"""Control characters in text that should be one line: a name, a subject, an address, a
filter. A line break there ends a mail header early (header injection), NUL is refused by
PostgreSQL, and none of them is ever typed on purpose into a one-line field."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
_BREAKS = re.compile(r"[\t\r\n]+")


def without_controls(text: str) -> str:
    """Tabs and line breaks become one space; every other control character goes."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def has_controls(text: str) -> bool:
    """True when the text holds a line break, a tab or another control character."""
    return bool(_CONTROL.search(text) or _BREAKS.search(text))
