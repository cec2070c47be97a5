"""ask.favor and attach.resume.

ask.favor: the writer asks the reader to act for them beyond the conversation: pass a résumé
on, introduce them to (or contact) a hiring manager, recruiter or HR, put in a good word,
refer or recommend them. Asking who else to talk to, or for feedback on a résumé, is part of
the practice and is not a favor.

attach.resume: the first request sends a résumé or CV along. Offering background later
("happy to share my résumé if it helps") is fine.
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.text import (
    WRITER,
    clause_start,
    has_any,
    is_negated,
    nearest_pronoun,
)

CI = re.IGNORECASE

RESUME = r"(?:r[eé]sum[eé]s?|resumes?|cvs?|c\.v\.|curriculum\s+vitae)"
_DOCUMENT = rf"(?:{RESUME}|application|portfolio|cover\s+letter|name|profile|details|candidacy)"
HIRING_TARGET = (
    r"(?:(?:the|a|your|their|any|whoever\s+is\s+the)\s+)?(?:[\w'\-]+\s+){0,2}?"
    r"(?:hiring\s+(?:managers?|team|committee|lead|partner)|recruit(?:er|ers|ing\s+(?:team"
    r"|department|lead|manager|partner|staff)|ment\s+team)|hr\b|h\.r\.|human\s+resources"
    r"|talent\s+(?:acquisition|team|partners?)|people\s+(?:team|ops|operations)"
    r"|boss|manager|supervisor|director|department\s+head|ceo|decision[- ]makers?"
    r"|whoever\s+(?:is\s+|handles\s+|does\s+)?hiring)"
)
_REQUEST = re.compile(
    r"\b(?:could|would|can|will|might)\s+you\b|\bplease\b"
    r"|\bif\s+you\s+(?:could|would|can|might|were\s+willing|are\s+willing|don't\s+mind"
    r"|have\s+a\s+(?:chance|moment))|\b(?:would|could)\s+it\s+be\s+possible\b"
    r"|\b(?:hoping|hope|grateful|appreciate|wonder(?:ing|ed)?\s+(?:if|whether))\b"
    r"|\bany\s+chance\b|\bwilling\s+to\b|\bable\s+to\b|\bmind\b|\byou\s+could\b"
    r"|\bwould\s+you\s+be\b|\bI'd\s+love\s+(?:it\s+)?if\b|\bask(?:ing)?\s+(?:you|if|whether)\b",
    CI,
)
_IMPERATIVE = re.compile(
    r"^\s*(?:please\s+)?(?:forward|pass|send|share|introduce|connect|refer|recommend|put|give)\b",
    CI,
)
_HOW_ADVICE = re.compile(
    r"^\s*(?:how|what|when|why|where|which)\b|\b(?:how\s+to|best\s+way|advice|tips)\b", CI
)


def _requested(sentence: str, position: int) -> bool:
    """The reader is asked to do it: "could you…", "please…", "I was hoping you…"."""
    if _IMPERATIVE.match(sentence):
        return True
    start = clause_start(sentence, position)
    window = sentence[max(0, start - 80) : position]
    return bool(_REQUEST.search(window)) or bool(_REQUEST.search(sentence[:position]))


_OBJECT = rf"(?:(?:my|our)\s+(?:[\w\-]+\s+)?{_DOCUMENT}|it|this|them|that|me)"
_PASS_ON = re.compile(
    rf"\bpass(?:ing)?\s+{_OBJECT}\s+(?:along|on)\b"
    r"|\b(?:forward(?:ing)?|pass(?:ing)?\s+(?:along|on)|pass(?:ing)?|circulat(?:e|ing)|send(?:ing)?"
    r"|shar(?:e|ing)|hand(?:ing)?|submit(?:ting)?|put(?:ting)?|get(?:ting)?|giv(?:e|ing))\s+"
    rf"(?:(?:along|on|over)\s+)?{_OBJECT}\b",
    CI,
)
_TO_TARGET = re.compile(
    rf"\s+(?:along\s+|on\s+|over\s+|forward\s+)?(?:to|with|in\s+front\s+of|onto\s+the\s+desk\s+of"
    rf"|on\s+the\s+radar\s+of)\s+(?:{HIRING_TARGET}|your\s+(?:team|colleagues|network"
    rf"|contacts)|(?:anyone|someone|people|the\s+(?:right|appropriate)\s+(?:person|people))"
    rf"\s+(?:who\s+is\s+|who's\s+)?(?:hiring|in\s+charge\s+of\s+hiring))",
    CI,
)
_CONTACT_TARGET = re.compile(
    r"\b(?:introduce|connect|put)\s+(?:me|us)\s+(?:in\s+touch\s+)?(?:to|with)\s+"
    rf"{HIRING_TARGET}|\bintroduction\s+to\s+{HIRING_TARGET}"
    r"|\b(?:contact|reach\s+out\s+to|talk\s+to|speak\s+(?:to|with)|mention\s+me\s+to|email|ask"
    rf"|message|ping|loop\s+in|cc|tell)\s+{HIRING_TARGET}",
    CI,
)
_GOOD_WORD = re.compile(
    r"\b(?:put|say|put\s+in|give|drop)\s+(?:in\s+)?a\s+(?:good|kind|nice|positive)\s+word\b"
    r"|\bvouch\s+for\s+me\b|\bspeak\s+(?:up\s+)?for\s+me\b|\bon\s+my\s+behalf\b"
    r"|\badvocate\s+for\s+me\b|\bendorse\s+me\b|\bput\s+(?:my\s+name|me)\s+forward\b"
    r"|\bpull\s+(?:some\s+|a\s+few\s+)?strings\b|\bbe\s+(?:a|my)\s+reference\b"
    r"|\b(?:write|provide|give)\s+(?:me\s+)?(?:a\s+)?(?:letter\s+of\s+)?recommendation"
    r"(?:\s+letter)?\b|\breference\s+letter\b",
    CI,
)
_REFER_ME = re.compile(
    r"\b(?:refer|recommend|nominate|sponsor)\s+me\b(?!\s+(?:to\s+)?(?:some|a\s+few|any|books?"
    r"|resources?|reading|articles?|courses?|people|someone|anyone|others|other|a\s+book"
    r"|podcasts?|next\s+steps|a\s+colleague|colleagues|somebody|anybody))"
    r"|\b(?:give|get|provide|write|offer)\s+me\s+a\s+referral\b"
    r"|\b(?:employee|internal|job)\s+referral\b|\bask(?:ing)?\s+(?:you\s+)?for\s+a\s+referral\b"
    r"|\ba\s+referral\s+(?:for|to)\s+(?:the|this|a|an|your)\b",
    CI,
)
_HELP_ME_GET = re.compile(
    r"\bhelp\s+me\s+(?:get|land|secure|find)\s+(?:hired|in\s+the\s+door|an?\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:job|interview|offer|position|role|internship))\b"
    r"|\b(?:get|set\s+up|arrange|line\s+up|secure)\s+(?:me\s+)?an\s+interview\s+(?:for\s+me)?"
    r"|\bget\s+me\s+in\s+front\s+of\b|\b(?:help\s+me\s+get|get\s+me)\s+(?:my\s+|a\s+)?foot\s+in"
    r"\s+the\s+door\b",
    CI,
)


_PASS_WORDS = ("forward", "pass", "circulat", "send", "shar", "hand", "submit", "put", "get", "giv")
_TARGET_WORDS = (
    "hiring",
    "recruit",
    "hr",
    "h.r.",
    "human resources",
    "talent",
    "people",
    "boss",
    "manager",
    "supervisor",
    "director",
    "head",
    "ceo",
    "decision",
)
_GOOD_WORD_WORDS = (
    "word",
    "vouch",
    "for me",
    "behalf",
    "advocate",
    "endorse",
    "forward",
    "strings",
    "reference",
    "recommendation",
    "foot in",
)


def favor_ask(sentence: str) -> str | None:
    """The words that ask for a favor beyond the conversation, or None."""
    low = sentence.lower()
    for match in _PASS_ON.finditer(sentence) if has_any(low, _PASS_WORDS) else ():
        if is_negated(sentence, match.start()) or not _requested(sentence, match.start()):
            continue
        verb = match.group().split()[0].lower()
        mentions_resume = re.search(RESUME, match.group(), CI)
        after = sentence[match.end() :]
        target = _TO_TARGET.match(after)
        if target:
            return match.group() + target.group()
        if mentions_resume and verb.startswith(("forward", "pass", "circulat")):
            return match.group()
    gated = (
        (_CONTACT_TARGET, True, has_any(low, _TARGET_WORDS)),
        (_GOOD_WORD, False, has_any(low, _GOOD_WORD_WORDS)),
        (_REFER_ME, False, has_any(low, ("refer", "recommend", "nominate", "sponsor"))),
        (_HELP_ME_GET, True, has_any(low, ("help me", "interview", "in front of", "get me"))),
    )
    for pattern, needs_request, present in gated:
        if not present:
            continue
        for match in pattern.finditer(sentence):
            if is_negated(sentence, match.start()):
                continue
            if needs_request and not _requested(sentence, match.start()):
                continue
            if pattern in (_REFER_ME, _HELP_ME_GET) and _HOW_ADVICE.search(
                sentence[: match.start()]
            ):
                continue
            return match.group()
    return None


# --- attach.resume -------------------------------------------------------------------------

_ATTACH = re.compile(
    r"\b(?:attach(?:ed|ing)?|enclos(?:e|ed|ing)|includ(?:ed|ing)|link(?:ed)?|paste[d]?)\b"
    r"|\bhere(?:'s|\s+is)\b|\bbelow\b|\bsee\s+my\b",
    CI,
)
_SEND = re.compile(
    r"\b(?:send(?:ing)?|sent|shar(?:e|ing)|shared|forward(?:ing|ed)?|pass(?:ing)?\s+along)\s+"
    rf"(?:you\s+|along\s+)?(?:a\s+copy\s+of\s+)?my\s+(?:[\w\-]+\s+)?{RESUME}",
    CI,
)
_CONDITIONAL = re.compile(
    r"\b(?:if|happy\s+to|glad\s+to|would\s+be\s+(?:happy|glad)|can\s+send|could\s+send"
    r"|upon\s+request|on\s+request|should\s+you|later|at\s+some\s+point|offer|available\s+if"
    r"|whenever|in\s+case|willing\s+to|would\s+you\s+like|want\s+me\s+to|I'd\s+be\s+(?:happy"
    r"|glad))\b",
    CI,
)


_RESUME = re.compile(RESUME, CI)
_OWN_RESUME = re.compile(rf"\b(?:my|the|a)\s+(?:[\w\-]+\s+)?{RESUME}|\b{RESUME}\s+(?:is|are)\b", CI)


def resume_attached(sentence: str) -> str | None:
    """The words that send a résumé along with the request, or None."""
    resume = _RESUME.search(sentence)
    if not resume:
        return None
    if _CONDITIONAL.search(sentence) or is_negated(sentence, resume.start()):
        return None
    send = _SEND.search(sentence)
    if send and nearest_pronoun(sentence, send.start()) in WRITER | {""}:
        return send.group()
    attach = _ATTACH.search(sentence)
    # "Would you look over my résumé (attached)?" still sends it; "your résumé" does not.
    if attach and not is_negated(sentence, attach.start()) and _OWN_RESUME.search(sentence):
        return sentence[min(attach.start(), resume.start()) : max(attach.end(), resume.end())]
    return None
