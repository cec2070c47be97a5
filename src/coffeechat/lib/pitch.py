"""The elevator pitch: its parts put together, its length in words and in speaking time.

A pitch is said, not read: 30 to 60 seconds at a natural 130–150 words a minute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coffeechat.lib.drafting import phrases

SLOW_WPM = 130
FAST_WPM = 150
NATURAL_WPM = 140
SHORTEST_SECONDS = 30
LONGEST_SECONDS = 60
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True)
class PitchTiming:
    words: int
    seconds_fast: int  # at 150 words a minute
    seconds_slow: int  # at 130 words a minute

    @property
    def seconds(self) -> float:
        """At a natural pace, between the slow and the fast end."""
        return self.words * 60 / NATURAL_WPM

    @property
    def verdict(self) -> str:
        if self.words == 0:
            return "empty"
        if self.seconds < SHORTEST_SECONDS:
            return "short"
        if self.seconds > LONGEST_SECONDS:
            return "long"
        return "fits"

    @property
    def advice(self) -> str:
        return {
            "empty": "Write a few sentences: who you are, what you have done, what you explore.",
            "short": "Under 30 seconds: add what you have done or why this person.",
            "long": "Over a minute: cut what the person can read on your profile later.",
            "fits": "Between 30 seconds and a minute: a good length to say out loud.",
        }[self.verdict]


def count_words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def timing(text: str) -> PitchTiming:
    words = count_words(text)
    return PitchTiming(
        words=words,
        seconds_fast=round(words * 60 / FAST_WPM),
        seconds_slow=round(words * 60 / SLOW_WPM),
    )


# The parts of a pitch, in the order they are said.
PARTS = ("who_i_am", "what_i_have_done", "what_i_am_exploring", "why_this_person",
         "what_i_am_asking")  # fmt: skip
_DONE_VERBS = frozenset({
    "led", "ran", "built", "wrote", "taught", "did", "made", "spent", "won", "began", "grew",
    "took", "held", "set", "sold", "drove", "kept", "gave", "brought", "found", "met",
})  # fmt: skip


def assemble(parts: Sequence[str]) -> str:
    """The parts in the order of PARTS, each made the sentence it is said as."""
    sentences = (part_sentence(name, text) for name, text in zip(PARTS, parts, strict=False))
    return " ".join(sentence for sentence in sentences if sentence)


def part_sentence(name: str, text: str) -> str:
    """One part as the pitch says it: a fragment is given the words that make it a sentence
    ("third-year economics student" → "I'm a third-year economics student."); a sentence is
    kept as it was typed, with a capital and an end stop."""
    typed = phrases.clean(text)
    if not typed:
        return ""
    if phrases.opens_a_sentence(typed):
        return _as_sentence(typed)
    if name == "who_i_am":
        described = phrases.self_description(typed)
        if described:
            return f"I'm {described}."
    if name == "what_i_am_exploring":
        topic = phrases.topic(typed)
        if topic:
            return f"I'm exploring {topic}."
    if name == "what_i_have_done":
        first = typed.split(" ", 1)[0].lower()
        if first in _DONE_VERBS or (len(first) > 3 and first.endswith("ed")):
            return _as_sentence(f"I {phrases.lower_first(typed)}")
    return _as_sentence(typed)


def _as_sentence(text: str) -> str:
    text = phrases.upper_first(text)
    return text if text[-1] in ".!?" else text + "."
