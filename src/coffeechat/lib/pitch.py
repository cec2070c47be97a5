"""The elevator pitch: its parts put together, its length in words and in speaking time.

A pitch is said, not read: 30 to 60 seconds at a natural 130–150 words a minute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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


def assemble(parts: Sequence[str]) -> str:
    """The parts in order, each as its own sentence, blank parts left out."""
    sentences = []
    for part in parts:
        text = " ".join((part or "").split())
        if not text:
            continue
        if text[-1] not in ".!?":
            text += "."
        sentences.append(text[0].upper() + text[1:])
    return " ".join(sentences)
