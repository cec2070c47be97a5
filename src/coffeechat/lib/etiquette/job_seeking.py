"""The writer says they want a job: "I'm looking for a summer internship", "I am applying
for the analyst role". Used by ask_job; the writer must be the subject, and a request for
advice ("how to land a role", "the best way to apply") is not an ask.
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.text import (
    WRITER,
    clause_start,
    is_negated,
    nearest_pronoun,
    words_set,
)

CI = re.IGNORECASE

JOB_NOUN = re.compile(
    r"(?:jobs?|internships?|positions?|roles?|openings?|vacanc(?:y|ies)|employment|co-?ops?"
    r"|placements?|opportunit(?:y|ies)|gigs?|spots?|work|externships?|apprenticeships?)$",
    CI,
)
# Words that end the noun phrase after "looking for": what follows is not a job.
_STOP = words_set(
    "on about in into to of with for from at by like as than that which who how what where when"
    " why whether if and or but advice information info insight insights guidance help tips way"
    " ways people someone anyone mentor mentors mentorship perspective perspectives feedback"
    " input clarity sense direction resources answers stories story examples conversation chat"
    " call minutes time chance your yours their his her them you it this these those learn"
    " hear understand talk speak meet ask"
)
_SCHOOLING = re.compile(
    r"\b(?:school|schools|program|programs|programme|graduate|grad|college|colleges|university"
    r"|universities|mba|phd|ph\.d|masters?|master's|degree|fellowships?|scholarships?"
    r"|bootcamp|course|courses|class|classes|certificate|certification|grants?)\b",
    CI,
)
_EMPLOYER = re.compile(
    r"\b(?:your|firm|company|team|role|position|job|opening|internship|analyst|associate"
    r"|posting|department|office)\b",
    CI,
)
_ADVICE_FRAME = re.compile(
    r"\b(?:how|what\s+it\s+takes|best\s+way|the\s+way|ways|advice|tips|guidance|steps|prepare"
    r"|should\s+I|do\s+I\s+need"
    r"|what\s+(?:should|can|could|would|do|did|does)|what\s+skills|path|when\s+(?:should|to))\b",
    CI,
)


def advice_before(sentence: str, position: int) -> bool:
    """Inside a request for advice ("how to land a role", "the best way to apply")."""
    return bool(_ADVICE_FRAME.search(sentence, clause_start(sentence, position), position))


def writer_subject(sentence: str, position: int) -> bool:
    return nearest_pronoun(sentence, position) in WRITER | {""}


# --- "I'm looking for a summer internship" -------------------------------------------------

_SEEKING = re.compile(
    r"\b(?:look(?:ing)?\s+for|seek(?:ing)?|search(?:ing)?\s+for|hunt(?:ing)?\s+for"
    r"|in\s+search\s+of|in\s+the\s+market\s+for|hop(?:e|ing)\s+for"
    r"|(?:hop(?:e|ing)|want(?:ing)?|need(?:ing)?|trying|try|(?:would|'d)\s+(?:like|love)"
    r"|eager|aim(?:ing)?|plan(?:ning)?)\s+to\s+(?:find|get|land|secure|obtain|have"
    r"|be\s+offered|line\s+up)"
    r"|(?:want|need|(?:would|'d)\s+(?:like|love|welcome))(?=\s+(?:a|an|any|some|the|my)\b))\s+",
    CI,
)
_SEEKING_LOOSE = re.compile(r"\b(?:interested\s+in|open\s+to|available\s+for)\s+", CI)
_TOKEN = re.compile(r"[\w'\-]+")
_AFTER_NOUN_BAD = re.compile(r"\s*(?:model|models|like\s+yours|to\s+\w+)\b", CI)
_AT_READER = re.compile(
    r"\s+(?:at|with|on|in|within)\s+(?:your|the|this|that)\b|\s+(?:there|here)\b|\s+for\s+me\b", CI
)


def _job_phrase_after(sentence: str, start: int, strict: bool) -> str | None:
    """The job noun phrase that is the object of a seeking verb ending at `start`, if any."""
    free = 0
    for index, match in enumerate(_TOKEN.finditer(sentence, start)):
        word = match.group().lower()
        if (
            index == 0
            and word.endswith("ing")
            and re.match(
                r"\s+(?:about|how|what|more|from|to|with|your|the|a)\b", sentence[match.end() :], CI
            )
        ):
            return None  # "interested in learning about roles"
        if word in _STOP:
            return None
        if JOB_NOUN.match(word) and not (word == "work" and index > 0):
            rest = sentence[match.end() :]
            if _AFTER_NOUN_BAD.match(rest) and not word.startswith("job"):
                return None
            if strict and not (
                _AT_READER.match(rest) or sentence[start:].lower().startswith("any")
            ):
                return None
            return sentence[start : match.end()]
        if word not in {"a", "an", "any", "some", "the", "my", "new", "first", "another"}:
            free += 1
        if free > 3 or index > 5:
            return None
    return None


def seeking(sentence: str) -> str | None:
    for pattern, strict in ((_SEEKING, False), (_SEEKING_LOOSE, True)):
        for match in pattern.finditer(sentence):
            if is_negated(sentence, match.start()) or not writer_subject(sentence, match.start()):
                continue
            if advice_before(sentence, match.start()):
                continue
            phrase = _job_phrase_after(sentence, match.end(), strict)
            if phrase:
                return sentence[match.start() : match.end()] + phrase
    return None


# --- "I am applying for the analyst role" --------------------------------------------------

_APPLY = re.compile(
    r"\b(?:apply|applying|applied|re-?apply)\b"
    r"(?=\s+(?:for|to)\b|\s*(?:[.?!,;]|$)|\s+(?:there|here|online|directly|now|soon|again|last"
    r"|this|next|yesterday|recently|already|earlier)\b)",
    CI,
)
_APPLICATION = re.compile(
    r"\bmy\s+(?:job\s+)?application\b|\b(?:submitted|sent|put\s+in|filed)\s+(?:an|my)"
    r"\s+application\b",
    CI,
)


# Applying as a possibility, not a fact: "before I apply anywhere", "I might apply someday".
_HYPOTHETICAL = re.compile(
    r"\b(?:if|whether|when|whenever|before|after|until|once|might|may|someday|one\s+day"
    r"|eventually|thinking\s+(?:about|of)|consider(?:ing)?|wonder(?:ing)?\s+(?:about|whether)"
    r"|worth|ready\s+to)\b|\b(?:some\s+day|in\s+the\s+future|down\s+the\s+road"
    r"|at\s+some\s+point)\b",
    CI,
)


def _hypothetical(sentence: str, match: re.Match) -> bool:
    start = clause_start(sentence, match.start())
    later = sentence[match.end() : match.end() + 40]
    return bool(
        _HYPOTHETICAL.search(sentence, start, match.start())
        or re.match(
            r"[^,.;?!]*\b(?:someday|some\s+day|one\s+day|eventually|in\s+the\s+future"
            r"|down\s+the\s+road|at\s+some\s+point)\b",
            later,
            CI,
        )
    )


def applying(sentence: str) -> str | None:
    for pattern in (_APPLY, _APPLICATION):
        for match in pattern.finditer(sentence):
            if is_negated(sentence, match.start()) or not writer_subject(sentence, match.start()):
                continue
            if advice_before(sentence, match.start()) or _hypothetical(sentence, match):
                continue
            window = sentence[match.end() : match.end() + 60]
            if _SCHOOLING.search(window) and not _EMPLOYER.search(window):
                continue
            return match.group()
    return None
