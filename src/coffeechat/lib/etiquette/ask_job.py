"""ask.job: the writer asks for a job, an internship or openings, to be considered or hired,
or says they are applying.

A sentence mentioning a job is not an ask: "a typical day on the job", "how you landed your
first role", "you were hired in 2019" and "I'm not looking for a job" are all fine. Each
pattern below therefore names the writer as the one who wants the job (I / me / my), or asks
the reader whether jobs exist ("any openings?", "are you hiring?"), and a negation earlier
in the same clause cancels it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coffeechat.lib.etiquette.job_seeking import advice_before, applying, seeking, writer_subject
from coffeechat.lib.etiquette.text import clause_start, has_any, is_negated

CI = re.IGNORECASE

# --- the patterns: each names what makes it an ask ----------------------------------------

Check = Callable[[str, re.Match], bool]


def _writer(sentence: str, match: re.Match) -> bool:
    return writer_subject(sentence, match.start()) and not advice_before(sentence, match.start())


def _always(sentence: str, match: re.Match) -> bool:
    return True


def _hiring_now(sentence: str, match: re.Match) -> bool:
    if re.match(r"\s*(?:how|why)\b", sentence, CI):
        return False
    return not re.match(
        r"\s*(?:what|which)\s+(?:skills|qualities|backgrounds?|kinds?|types?|traits|experience)",
        sentence,
        CI,
    )


_OPENING_CUE = re.compile(
    r"\b(?:any|are\s+there|is\s+there|have|has|had|know\s+of|aware\s+of|wonder(?:ed|ing)?"
    r"|whether|if|apply(?:ing)?|about)\b",
    CI,
)


def _openings(sentence: str, match: re.Match) -> bool:
    if re.match(r"\s*(?:how|why)\b", sentence, CI) or re.search(r"\bcompetition\b", sentence, CI):
        return False
    if re.match(
        r"\s+(?:line|lines|remarks?|statement|paragraph|act|night|day)\b",
        sentence[match.end() :],
        CI,
    ):
        return False
    if re.search(r"(?:available|open)$", match.group(), CI):
        return True
    after = sentence[match.end() :]
    if re.match(
        r"\s+(?:on|at|in|with|within|for)\s+(?:your|the|this|that|her|his|their)\b"
        r"|\s+for\s+me\b",
        after,
        CI,
    ):
        return True
    return bool(_OPENING_CUE.search(sentence, clause_start(sentence, match.start()), match.start()))


_ROLE = (
    r"(?:the|this|a|an|that|your|any|one\s+of\s+your)\s+(?:[\w'\-]+\s+){0,3}?"
    r"(?:positions?|roles?|jobs?|openings?|internships?|spots?|vacanc(?:y|ies)|team)\b"
)

PATTERNS: list[tuple[re.Pattern, Check, tuple[str, ...]]] = [
    (
        re.compile(r"\b(?:hire|hiring|employ|take\s+on|bring\s+on|onboard)\s+me\b", CI),
        _always,
        ("hire", "hiring", "employ", "take on", "bring on", "onboard"),
    ),
    (
        re.compile(
            r"\b(?:to|could|can|might|would|will|'ll|hope|hoping|want|like|love)\s+(?:\w+\s+)?"
            r"(?:be|get|getting|being)\s+(?:hired|employed|recruited|taken\s+on)\b",
            CI,
        ),
        _writer,
        ("hired", "employed", "recruited", "taken on"),
    ),
    (
        re.compile(
            r"\b(?:hiring\s+(?:right\s+)?now|(?:currently|still|actively)\s+hiring"
            r"|(?:are|is|'re|'s)\s+(?:[\w'\-]+\s+){0,3}?hiring\b(?!\s+(?:manager|managers|process"
            r"|committee|team|decisions?|practices?|trends?|freeze|criteria|season|cycle|market"
            r"|landscape|bar|pipeline|timeline|lead|leads|side)))",
            CI,
        ),
        _hiring_now,
        ("hiring",),
    ),
    (
        re.compile(
            r"\b(?:(?:job|open|current|available|internship)\s+)?(?:openings?|vacanc(?:y|ies))\b"
            r"|\bopen\s+(?:positions?|roles?|jobs?|spots?|reqs?|headcount|internships?)\b"
            r"|\b(?:positions?|roles?|jobs?|internships?|spots?)\s+(?:(?:are|is)\s+(?:currently\s+"
            r"|still\s+|now\s+)?)?(?:available|open)\b"
            r"|\b(?:job|internship|employment)\s+opportunit(?:y|ies)\b",
            CI,
        ),
        _openings,
        ("opening", "vacanc", "open ", "available", "opportunit"),
    ),
    (
        re.compile(
            r"\bconsider(?:ing)?\s+(?:me|my\s+(?:application|candidacy|r[eé]sum[eé]|cv|profile))\b"
            r"|\bkeep\s+(?:me|my\s+(?:name|r[eé]sum[eé]|cv|profile))\s+(?:in\s+mind|on\s+file)\b"
            r"|\bthink\s+of\s+me\s+(?:for|if|when|should)\b",
            CI,
        ),
        _always,
        ("consider", "keep ", "think of me"),
    ),
    (
        re.compile(r"\b(?:be|being|get|getting)\s+considered\b", CI),
        _writer,
        ("considered",),
    ),
    (
        re.compile(rf"\b(?:a|as\s+a)\s+(?:\w+\s+)?(?:candidate|fit)\s+for\s+{_ROLE}", CI),
        _writer,
        ("candidate", "fit for"),
    ),
    (
        re.compile(rf"\b(?:refer|recommend|nominate|put)\s+me\s+(?:forward\s+)?for\s+{_ROLE}", CI),
        _always,
        ("refer", "recommend", "nominate", "put me"),
    ),
    (
        re.compile(rf"\b(?:employee\s+|internal\s+)?referral\s+for\s+{_ROLE}", CI),
        _always,
        ("referral",),
    ),
    (
        re.compile(
            r"\b(?:offer|give|find|get|have)\s+me\s+(?:a|an|the|any|some)\s+(?:[\w\-]+\s+){0,2}?"
            r"(?:jobs?|positions?|roles?|internships?|interview|offer|spot)\b",
            CI,
        ),
        _always,
        (" me ",),
    ),
    (
        re.compile(
            r"\b(?:a|an|any|the)\s+(?:[\w\-]+\s+){0,2}?(?:jobs?|positions?|roles?|internships?"
            r"|openings?|spots?|place)\s+for\s+me\b",
            CI,
        ),
        _always,
        ("for me",),
    ),
    (
        re.compile(rf"\binterview\s+(?:for|with)\s+{_ROLE}", CI),
        _writer,
        ("interview",),
    ),
    (
        re.compile(
            r"\b(?:'d\s+|would\s+|i\s+)(?:love|like)\s+to\s+(?:join|work\s+(?:for|at|on|with)"
            r"|be\s+(?:a\s+)?part\s+of|become\s+(?:a\s+)?part\s+of)\s+(?:you\b|your\s+\w+)"
            r"|\b(?:want|hope|hoping|eager|excited)\s+to\s+(?:join|work\s+(?:for|at|on)"
            r"|be\s+(?:a\s+)?part\s+of)\s+(?:you\b|your\s+\w+)",
            CI,
        ),
        _writer,
        ("join", "work ", "part of"),
    ),
    (
        re.compile(
            r"\b(?:are|is|'re|'s)\s+(?:you|your\s+[\w\-]+|the\s+(?:team|company|firm|group|lab"
            r"|department|office)|they|y'all)\s+(?:currently\s+|still\s+|now\s+)?(?:looking\s+for"
            r"|seeking|recruiting|taking\s+on|bringing\s+on|adding|onboarding)\s+(?:any\s+|new\s+"
            r"|more\s+|additional\s+)?(?:interns?|hires|people|candidates|staff|employees|graduates"
            r"|grads|juniors|talent|anyone|someone|team\s+members"
            r"|[a-z]+(?:ers|ists|ysts|ants|ates|ors|ians|ees))\b",
            CI,
        ),
        _always,
        ("looking for", "seeking", "recruiting", "taking on", "bringing on", "adding", "onboard"),
    ),
    (
        re.compile(
            r"\b(?:room|space|a\s+place|a\s+spot|budget|headcount)\s+(?:on|in|within|at)\s+your"
            r"\s+(?:[\w\-]+\s+)?(?:team|group|department|company|firm|lab|office|organization)"
            r"\s+for\s+(?:me|an?\s+[\w\-]+|someone\s+like\s+me|another|one\s+more)\b"
            r"|\bheadcount\s+for\s+(?:me|an?\s+)",
            CI,
        ),
        _always,
        ("room", "space", "place", "spot", "budget", "headcount"),
    ),
    (
        re.compile(
            r"\b(?:do|does)\s+(?:you|your\s+[\w\-]+|the\s+(?:team|company|firm|group|lab"
            r"|department|office|organization))\s+(?:currently\s+|still\s+|ever\s+)?(?:offer|have"
            r"|run|hire|take|sponsor)\s+(?:any\s+(?:[\w\-]+\s+)?(?:jobs?|internships?|positions?"
            r"|openings?|roles?|co-?ops?|apprenticeships?|vacanc(?:y|ies))"
            r"|(?:summer\s+|paid\s+|new\s+)?(?:jobs|internships|positions|openings|co-?ops"
            r"|apprenticeships|interns|new\s+grads))\b",
            CI,
        ),
        _always,
        ("do ", "does "),
    ),
]


_JOB_WORDS = (
    "job",
    "intern",
    "position",
    "role",
    "opening",
    "vacanc",
    "employ",
    "co-op",
    "coop",
    "placement",
    "opportunit",
    "gig",
    "spot",
    "work",
    "externship",
    "apprentice",
)


def job_ask(sentence: str) -> str | None:
    """The words that ask for a job, or None."""
    low = sentence.lower()
    for pattern, check, keys in PATTERNS:
        if not has_any(low, keys):
            continue
        for match in pattern.finditer(sentence):
            if not is_negated(sentence, match.start()) and check(sentence, match):
                return match.group()
    found = seeking(sentence) if has_any(low, _JOB_WORDS) else None
    return found or (applying(sentence) if "appl" in low else None)
