"""Text helpers for the etiquette checker: normalizing, sentence and clause splitting,
negation scope, word and pronoun counts. The parts of a message are in parts.py.

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
    """Straight quotes, plain spaces and \\n line ends, and texting's "u"/"ur" as "you"/"your",
    so patterns need one spelling only (the lengths of words are counted before this)."""
    plain = text.translate(_TRANSLATE).replace("\r\n", "\n").replace("\r", "\n")
    return _TEXTING.sub(lambda m: _TEXTING_WORDS[m.group().lower()], plain)


# "could u pass my resume to ur team": whole words only, never "U.S." or "UR-5".
_TEXTING_WORDS = {"u": "you", "ur": "your"}
_TEXTING = re.compile(r"(?<![\w.'-])(?:u|ur)(?![\w.'-])", re.IGNORECASE)


# --- sentences -----------------------------------------------------------------------------

# Titles, initials and abbreviations: a period after them does not end the sentence.
_ABBREVIATIONS = frozenset(
    [
        "dr",
        "dra",
        "drs",
        "mr",
        "mrs",
        "ms",
        "mx",
        "mme",
        "mlle",
        "sr",
        "sra",
        "srta",
        "jr",
        "prof",
        "rev",
        "hon",
        "fr",
        "st",
        "mt",
        "sgt",
        "capt",
        "col",
        "lt",
        "gen",
        "maj",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "supt",
        "ret",
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
        "assn",
        "ave",
        "blvd",
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
    ]
)
_BOUNDARY = re.compile(r"(?:[.?!]+|\u2026)[\"')\]]*(?=\s|\Z)")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25e6\u2023]|\d+[.)])\s+")


def _split_block(block: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(block):
        end = match.end()
        if match.group() == ".":
            before = re.search(r"([\w.]+)$", block[start : match.start()])
            token = before.group(1).lower() if before else ""
            if token in _ABBREVIATIONS or re.fullmatch(r"[^\W\d_]", token):
                continue
        piece = block[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_units(text: str) -> list[tuple[str, str]]:
    """Sentences in order, each with its lead-in: for a list item, the sentence that
    introduced the list ("I'd love to hear about:"); "" otherwise. Paragraphs and list items
    always end a sentence; a single line break inside a paragraph (hard-wrapped mail) does
    not."""
    units: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", normalize(text)):
        groups: list[tuple[bool, list[str]]] = []
        for line in block.split("\n"):
            if _BULLET.match(line) or not groups:
                groups.append((bool(_BULLET.match(line)), []))
            if line.strip():
                groups[-1][1].append(_BULLET.sub("", line).strip())
        for is_item, lines in groups:
            lead = _lead_in(units) if is_item else ""
            units.extend((sentence, lead) for sentence in _split_block(" ".join(lines)))
    return units


def _lead_in(units: list[tuple[str, str]]) -> str:
    """The sentence before a list: the last one that was not itself a list item."""
    for sentence, lead in reversed(units):
        if lead:
            return lead
        return sentence
    return ""


def split_sentences(text: str) -> list[str]:
    return [sentence for sentence, _ in split_units(text)]


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
