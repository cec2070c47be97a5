"""The checker's own rules, beyond the catalogue (RULES.md keeps its ids; these are ours).

- text.repeated (warning): the same run of four or more words appears twice in the counted
  body, compared case-insensitively and ignoring punctuation — usually a sentence pasted
  twice or an edit left half done. A stutter of two words ("I'm exploring I'm exploring")
  is not a run of four.
- signature.missing (warning): an email, letter or InMail whose sign-off has no name after
  it ("Thank you," and nothing more). A sign-off line that carries the name ("Best, Sam") or
  a dash and a name ("— Sam") is signed. A message with no sign-off at all is left alone:
  a phone script or a note has none.
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.findings import WARNING, Finding
from coffeechat.lib.etiquette.parts import Parts
from coffeechat.lib.etiquette.text import normalize, quote

RUN = 4
SIGNED_CHANNELS = ("email", "letter", "inmail")

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _tokens(text: str) -> list[str]:
    return [token.replace("'", "").lower() for token in _TOKEN.findall(normalize(text))]


def repeated_run(text: str) -> str | None:
    """The longest run of at least RUN words that occurs twice without overlapping, or None."""
    tokens = _tokens(text)
    first_seen: dict[tuple[str, ...], int] = {}
    best: tuple[int, int] | None = None  # (start, length)
    start = 0
    while start <= len(tokens) - RUN:
        gram = tuple(tokens[start : start + RUN])
        earlier = first_seen.setdefault(gram, start)
        if earlier == start or start - earlier < RUN:
            start += 1
            continue
        length = RUN
        while (
            start + length < len(tokens)
            and earlier + length < start
            and tokens[earlier + length] == tokens[start + length]
        ):
            length += 1
        if best is None or length > best[1]:
            best = (earlier, length)
        start += length - RUN + 1  # the rest of this run repeats the same earlier words
    if best is None:
        return None
    return " ".join(tokens[best[0] : best[0] + best[1]])


def text_repeated(core: str) -> Finding | None:
    run = repeated_run(core)
    if not run:
        return None
    return Finding(
        "text.repeated",
        WARNING,
        f"The words {quote(run)} appear twice, which reads like a paste or an edit left half done.",
        "Keep the words once, where they do the most work, and reread the message aloud "
        "before sending it.",
    )


def signature_missing(parts: Parts, channel: str) -> Finding | None:
    if channel not in SIGNED_CHANNELS or not parts.signoff or parts.signed:
        return None
    return Finding(
        "signature.missing",
        WARNING,
        f"The message ends with {quote(parts.signoff)} and no name after it, so the reader "
        "does not know who wrote.",
        "Put your full name on the line after the sign-off (\u201cBest,\u201d then "
        "\u201cSam Lee\u201d), and for a cold email a line with your school or role.",
    )
