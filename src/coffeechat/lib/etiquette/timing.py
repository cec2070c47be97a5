"""How much of the reader's time a request asks for: "15 minutes", "a 20-minute call",
"half an hour", "15–20 minutes", "an hour", "45 minutes", "over lunch".

Durations that describe something else do not count: "your hour-long keynote", "I spent 45
minutes reading your article", "an hour away".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CI = re.IGNORECASE

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
]
_TEENS = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
_NUMBERS = {word: index + 1 for index, word in enumerate(_UNITS)} | _TEENS | _TENS
_NUMBERS |= {
    f"{tens}{joint}{unit}": value + _UNITS.index(unit) + 1
    for tens, value in _TENS.items()
    for unit in _UNITS[:9]
    for joint in ("-", " ")
}
_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_MINUTES = re.compile(
    rf"\b(?P<a>{_NUMBER})(?:\s*(?:-|\u2013|\u2014|to|or)\s*(?P<b>{_NUMBER}))?"
    r"\s*-?\s*(?:minutes?|mins?)\b",
    CI,
)
_HALF_HOUR = re.compile(r"\bhalf\s+an\s+hour\b|\b(?:a\s+)?half[- ]hour\b|\bhalf\s+hour\b", CI)
_QUARTER_HOUR = re.compile(r"\bquarter(?:\s+of)?\s+an\s+hour\b|\bquarter[- ]hour\b", CI)
_HOURS = re.compile(
    r"\b(?P<n>an|one|1|1\.5|a\s+full|a\s+whole|full|two|2|three|3|a\s+couple(?:\s+of)?|a\s+few"
    r"|several)\s*-?\s*(?:hours?|(?-i:hrs?))\b",
    CI,
)
_MEAL = re.compile(
    r"\b(?:over|for|at|grab|get|getting|buy\s+you|treat\s+you\s+to|take\s+you\s+(?:out\s+)?"
    r"(?:to|for)|join\s+me\s+for|a|an|to)\s+(?:a\s+|an\s+)?(?:quick\s+|short\s+|long\s+"
    r"|early\s+|working\s+|casual\s+|leisurely\s+)?(?:lunch|dinner|breakfast|brunch|drinks"
    r"|meal)\b(?!\s+break)",
    CI,
)
_HALF_DAY = re.compile(
    r"\bhalf\s+a\s+day\b|\ba\s+half-day\b|\ban\s+afternoon\s+of\s+your\s+time\b", CI
)
# Durations that describe something else: "I spent 45 minutes", "an hour away", "arrive 10
# minutes early", "for the past two hours".
_NOT_ASKED = re.compile(
    r"\b(?:spent|took|takes|lasted|lasting|ago|every|each|daily|per\s+(?:day|week)"
    r"|a\s+(?:day|week|month)"
    r"|commute|away|early|late|for\s+the\s+(?:past|last)|drive|flight|within)\b",
    CI,
)
_THEIR_THING = re.compile(
    r"\s*-?\s*(?:long\s+)?(?:talk|presentation|keynote|podcast|lecture|webinar|episode|panel"
    r"|speech|commute|drive|walk|flight|ride|course|class|documentary|film|workout|read)\b",
    CI,
)


_KEYWORDS = (
    "min",
    "hour",
    "hr",
    "lunch",
    "dinner",
    "breakfast",
    "brunch",
    "drinks",
    "meal",
    "half",
)


@dataclass(frozen=True)
class Duration:
    minutes: int
    text: str


def _value(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 0)


def _hours_value(word: str) -> int:
    word = " ".join(word.lower().split())
    if word in {"two", "2", "a couple", "a couple of", "a few", "several"}:
        return 120
    if word in {"three", "3"}:
        return 180
    if word == "1.5":
        return 90
    return 60


def _own_thing(sentence: str, match: re.Match) -> bool:
    """ "your 45-minute keynote", "a two-hour commute": not an ask for the reader's time."""
    before = sentence[max(0, match.start() - 30) : match.start()].lower()
    if re.search(r"\b(?:your|his|her|their)\s+(?:[\w\-]+\s+)?$", before) or re.search(
        r"\byou\s+(?:gave|spoke|delivered|presented|recorded)\b|\b(?:i|we)\b[^.?!,]{0,20}"
        r"\bspend(?:ing)?\b",
        before,
    ):
        return True
    around = sentence[max(0, match.start() - 20) : match.end() + 15]
    return bool(_THEIR_THING.match(sentence[match.end() :]) or _NOT_ASKED.search(around))


def durations(sentences: list[str]) -> list[Duration]:
    """Every amount of time asked for, in order."""
    found: list[Duration] = []
    for sentence in sentences:
        if not any(key in sentence.lower() for key in _KEYWORDS):
            continue
        masked = sentence
        for pattern, minutes in ((_HALF_HOUR, 30), (_QUARTER_HOUR, 15)):
            for match in pattern.finditer(masked):
                if not _own_thing(sentence, match):
                    found.append(Duration(minutes, match.group()))
            masked = pattern.sub(lambda m: " " * len(m.group()), masked)
        for match in _MINUTES.finditer(masked):
            if _own_thing(masked, match):
                continue
            longest = max(_value(match.group("a")), _value(match.group("b") or "0"))
            if longest:
                found.append(Duration(longest, match.group()))
        for match in _HOURS.finditer(masked):
            if not _own_thing(masked, match):
                found.append(Duration(_hours_value(match.group("n")), match.group()))
        for pattern in (_MEAL, _HALF_DAY):
            for match in pattern.finditer(masked):
                if not _own_thing(masked, match):
                    found.append(Duration(60, match.group()))
    return found
