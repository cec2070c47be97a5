"""The etiquette checker: flags what breaks or weakens a request for an informational
interview, and questions that are closed, researchable or off limits.

The rule ids of the catalogue (shared/examples/etiquette/RULES.md) keep their meaning. The
checker adds two rules of its own, both warnings, checked on every kind of message:

- `text.repeated`: the same run of four or more words appears twice in the counted body
  (compared case-insensitively, ignoring punctuation), as after a paste or a half-done edit;
- `signature.missing`: an email, letter or InMail whose sign-off ("Thank you,") has no name
  after it; a sign-off line that carries the name ("Best, Sam") counts as signed.

`check_message(..., kind=...)` takes "request" (the default: every rule) or "follow_up",
"thank_you" and "update", which skip the rules of a first request (connection, time,
question form, purpose, word count, focus).

Plain Python with the standard library only; it never imports Django.

The checker's rules compile a few hundred patterns; they are loaded when one of the checker's
names is first used (PEP 562), so that importing a helper module of this package (drafting
uses `rules_own.repeated_run`, and the models import drafting) does not cost every command
that startup.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from coffeechat.lib.etiquette.findings import ERROR, WARNING, Finding, has_errors

if TYPE_CHECKING:
    from coffeechat.lib.etiquette.checker import CHANNELS, KINDS, check_message, check_question

_FROM_CHECKER = frozenset({"CHANNELS", "KINDS", "check_message", "check_question"})

__all__ = [
    "CHANNELS",
    "ERROR",
    "KINDS",
    "WARNING",
    "Finding",
    "check_message",
    "check_question",
    "has_errors",
]


def __getattr__(name: str):
    if name in _FROM_CHECKER:
        return getattr(importlib.import_module(f"{__name__}.checker"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
