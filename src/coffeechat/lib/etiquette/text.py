"""Text helpers for the etiquette checker: normalizing, greeting and sign-off stripping,
sentence and clause splitting, negation scope, word and pronoun counts.

Everything here is plain string work with the standard library, so it is fast and
deterministic, and it never imports Django.
"""

from __future__ import annotations

import re

# --- normalizing ---------------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2011": "-",
        "\u2010": "-",
        "\ufeff": "",
    }
)


def normalize(text: str) -> str:
    """Straight quotes, plain spaces and \\n line ends, so patterns need one spelling only."""
    return text.translate(_TRANSLATE).replace("\r\n", "\n").replace("\r", "\n")


# --- greeting and sign-off -----------------------------------------------------------------

_GREETING_WORD = (
    r"(?:hi|hello|hey|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|to\s+whom\s+it\s+may\s+concern)"
)
_NAME_PART = (
    r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Sr|Jr|St)\.|[A-Z]\.|[A-Z][\w'\-]*|[a-z]{1,3}(?=\s+[A-Z])"
    r"|there|all|team|everyone|folks|again)"
)
_GREETING = re.compile(
    rf"\A\s*{_GREETING_WORD}(?:[ \t]+{_NAME_PART}){{0,6}}[ \t]*"
    r"(?:[,:;!]+|\s[-\u2013\u2014]+|\.(?=\s)|(?=[ \t]*\n)|\Z)[ \t]*\n?",
    re.IGNORECASE,
)
# "Ana," or "Dr. Okafor," alone on the first line.
_BARE_NAME_LINE = re.compile(rf"\A\s*{_NAME_PART}(?:[ \t]+{_NAME_PART}){{0,3}},[ \t]*\n")

_SIGNOFF_WORDS = (
    r"(?:best|all\s+the\s+best|best\s+regards|best\s+wishes|regards|kind(?:est)?\s+regards"
    r"|warm(?:est)?\s+regards|warmly|warm\s+wishes|sincerely|yours(?:\s+truly|\s+sincerely)?"
    r"|respectfully|cordially|cheers|thanks|thank\s+you|many\s+thanks|with\s+(?:thanks|gratitude"
    r"|appreciation|best\s+wishes)|gratefully|appreciatively|take\s+care|talk\s+soon"
    r"|looking\s+forward|with\s+appreciation|until\s+then)"
)
_SIGNOFF_LINE = re.compile(rf"^\s*(?:[-\u2013\u2014]+\s*)?{_SIGNOFF_WORDS}\b", re.IGNORECASE)
_DASH_NAME_LINE = re.compile(r"^\s*[-\u2013\u2014]+\s*[A-Z][\w.'\- ]{0,40}$")
# A sign-off at the end of a one-paragraph note: "... the switch? Thanks, Dana"
_INLINE_SIGNOFF = re.compile(
    rf"(?<=[.?!])\s+{_SIGNOFF_WORDS}\b(?:[^.?!\n]{{0,40}}[.!]?)?\s*\Z", re.IGNORECASE
)


def strip_greeting(text: str) -> str:
    """The text without its greeting ("Hi Ana," / "Dear Dr. Okafor," / "Hello!")."""
    match = _GREETING.match(text) or _BARE_NAME_LINE.match(text)
    if match and match.end() > 0:
        return text[match.end() :].lstrip()
    return text.lstrip()


_CLOSING_WORD = re.compile(
    r"\b(?:thanks|thank\s+you|regards|wishes|gratitude|appreciation|sincerely|cheers|best)\b",
    re.IGNORECASE,
)


def _is_signoff_line(line: str, rest: list[str]) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped.split()) > 10:
        return False
    if not _SIGNOFF_LINE.match(stripped):
        # "With many thanks for your help," followed by a name on the next line.
        following = next((other.strip() for other in rest if other.strip()), "")
        return (
            stripped.endswith(",")
            and bool(_CLOSING_WORD.search(stripped))
            and bool(re.fullmatch(r"[A-Z][\w.'\- ]{0,40}", following))
        )
    if stripped[-1] in ",!" or re.fullmatch(rf"{_SIGNOFF_WORDS}\.?", stripped, re.IGNORECASE):
        return True
    # "Thank you for your time." followed only by a short signature block.
    following = [other.strip() for other in rest if other.strip()]
    return bool(following) and all(len(other.split()) <= 5 for other in following)


_POSTSCRIPT = re.compile(r"^\s*(?:P\.?\s*)+S\.?(?=[\s:,.-]|$)", re.IGNORECASE)


def _postscript(lines: list[str]) -> str:
    """A P.S. after the signature is still read: it is checked like the body."""
    for index, line in enumerate(lines):
        if _POSTSCRIPT.match(line):
            return "\n".join(lines[index:]).strip()
    return ""


def strip_signoff(text: str) -> str:
    """The text without its closing: the sign-off line ("Best," / "Thank you,") and all after,
    except a postscript, which the reader reads like the body."""
    lines = text.rstrip().split("\n")
    seen_body = False
    for index, line in enumerate(lines):
        if seen_body and (
            _is_signoff_line(line, lines[index + 1 :]) or _DASH_NAME_LINE.match(line)
        ):
            body = "\n".join(lines[:index]).rstrip()
            postscript = _postscript(lines[index + 1 :])
            return f"{body}\n\n{postscript}" if postscript else body
        if line.strip():
            seen_body = True
    kept = "\n".join(lines).rstrip()
    kept = _INLINE_SIGNOFF.sub("", kept)
    # A bare name left on the last line after a blank line ("...weeks?\n\nDana").
    kept = re.sub(r"\n\s*\n[ \t]*[A-Z][\w.'\-]*(?:[ \t]+[A-Z][\w.'\-]*){0,2}[ \t]*\Z", "", kept)
    return kept.rstrip()


def core_text(body: str) -> str:
    """The part of a message that is counted: no greeting, no closing."""
    return strip_signoff(strip_greeting(normalize(body)))


# --- sentences -----------------------------------------------------------------------------

_ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "prof",
    "rev",
    "sr",
    "jr",
    "st",
    "mt",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "approx",
    "dept",
    "univ",
    "u.s",
    "u.k",
    "ph.d",
    "a.m",
    "p.m",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_BOUNDARY = re.compile(r"[.?!]+[\"')\]]*(?=\s|\Z)")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")


def _split_block(block: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(block):
        end = match.end()
        if match.group().startswith("."):
            before = re.search(r"([\w.]+)\.*$", block[start : match.start()] + "")
            token = before.group(1).lower() if before else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
            following = block[end:].lstrip()
            if following[:1].islower():
                continue
        piece = block[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_sentences(text: str) -> list[str]:
    """Sentences in order. Paragraphs and bullet lines always end a sentence; a single line
    break inside a paragraph (hard-wrapped mail) does not."""
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n", normalize(text)):
        lines: list[str] = []
        for line in block.split("\n"):
            if _BULLET.match(line) and lines:
                sentences.extend(_split_block(" ".join(lines)))
                lines = []
            if line.strip():
                lines.append(_BULLET.sub("", line).strip())
        if lines:
            sentences.extend(_split_block(" ".join(lines)))
    return sentences


# --- clauses and negation ------------------------------------------------------------------

_SUBJECT_START = (
    r"(?:i|i'm|i'd|i've|i'll|you|you're|you'd|we|we're|he|she|they|it|it's|my|your|could|would"
    r"|can|will|what|how|if|also|then|perhaps|maybe|please|do|does|is|are)"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s"
    r"|\b(?:but|although|though|whereas|because|however|yet)\b"
    rf"|\b(?:and|or|so)\b(?=\s+{_SUBJECT_START}\b)"
    r"|(?=\b(?:rather\s+than|instead\s+of)\b)",
    re.IGNORECASE,
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no|nor|without|neither|none)\b|n't\b|\brather\s+than\b|\binstead\s+of\b",
    re.IGNORECASE,
)
# "I don't know whether you have openings" still asks; only the knowing is negated.
_EPISTEMIC = re.compile(
    r"\b(?:know|sure|certain|clear|aware|mind|hesitate|wait|want\s+to\s+(?:bother|impose))\b",
    re.IGNORECASE,
)
_NEUTRALIZE = re.compile(r"\bwhether\s+or\s+not\b|\bnot\s+only\b|\bno\s+matter\b", re.IGNORECASE)


def clause_start(sentence: str, position: int) -> int:
    """Where the clause holding `position` begins."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence, 0, position):
        start = match.end() if match.end() > match.start() else match.start()
    return start


def clause_end(sentence: str, position: int) -> int:
    match = _CLAUSE_BREAK.search(sentence, position)
    return match.start() if match else len(sentence)


def is_negated(sentence: str, position: int) -> bool:
    """True when a negation in the same clause comes before `position`
    ("I am not looking for a job", "information, not a job", "rather than a job")."""
    text = _NEUTRALIZE.sub(lambda m: " " * len(m.group()), sentence)
    start = clause_start(text, position)
    negators = list(_NEGATOR.finditer(text, start, position))
    if not negators:
        return False
    last = negators[-1]
    return not _EPISTEMIC.search(text, last.end(), position)


# --- subjects ------------------------------------------------------------------------------

_PRONOUN = re.compile(
    r"\b(i|me|my|we|us|our|you|your|he|him|his|she|her|they|them|their)\b(?:'\w+)?",
    re.IGNORECASE,
)
WRITER = frozenset({"i", "me", "my", "we", "us", "our"})


def nearest_pronoun(sentence: str, position: int) -> str:
    """The last personal pronoun before `position` in its clause, lower-cased ('' if none)."""
    start = clause_start(sentence, position)
    found = ""
    for match in _PRONOUN.finditer(sentence, start, position):
        found = match.group(1).lower()
    return found


# --- words and pronouns --------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:'[A-Za-z]+)?")
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
SECOND_PERSON = frozenset(
    {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll"}
)


def count_words(text: str) -> int:
    """Words as a word processor counts them: runs of non-space holding a letter or digit."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def words(text: str) -> list[str]:
    return [match.group().lower() for match in _WORD.finditer(normalize(text))]


def person_counts(text: str) -> tuple[int, int]:
    """(first-person words, second-person words)."""
    tokens = words(text)
    return (
        sum(1 for token in tokens if token in FIRST_PERSON),
        sum(1 for token in tokens if token in SECOND_PERSON),
    )


def words_set(text: str) -> frozenset[str]:
    """A word list written as one string, split on whitespace."""
    return frozenset(text.split())


def has_any(lowered: str, keys: tuple[str, ...]) -> bool:
    """A cheap gate before a regular expression runs: does any key occur in the text?"""
    return any(key in lowered for key in keys)


def quote(snippet: str, limit: int = 60) -> str:
    """A short excerpt of the writer's text for a finding's message."""
    snippet = " ".join(snippet.split())
    if len(snippet) > limit:
        snippet = snippet[: limit - 1].rstrip() + "\u2026"
    return f"\u201c{snippet}\u201d"
