"""attach.resume: the first request sends a résumé or CV along (attached, enclosed, pasted,
linked or sent), in the body, the subject or the P.S.

Found as the writer's résumé (not "your résumé", not résumé gaps as a topic) close to an act
of attaching or sending it, outside an offer ("happy to send my CV if useful"), outside a
negation ("I have not attached my résumé") and outside an answer to the reader's own request
("I've sent my résumé, as you asked").
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.asking import RESUME
from coffeechat.lib.etiquette.text import WRITER, is_negated, nearest_pronoun

CI = re.IGNORECASE

_RESUME = re.compile(rf"\b{RESUME}(?![\w\-])", CI)
_NOT_MINE = re.compile(r"\b(?:your|his|her|their|its|a\s+good|one's)\s+(?:[\w\-]+\s+){0,2}$", CI)
# Acts of attaching that need no verb of sending: "attached", "enclosed", "here is", "below".
_ATTACH = re.compile(
    r"\b(?:attach(?:ed|ing|es)?|attachment|enclos(?:e|ed|es|ing|ure)|includ(?:ed|ing)|link(?:ed)?"
    r"|paste[ds]?|pasting|here(?:'s|\s+is|\s+are)|below|see\s+my|find\s+(?:my|the)|uploaded"
    r"|accompan(?:y|ies|ying))\b",
    CI,
)
_SEND = re.compile(
    r"\b(?:send(?:ing|s)?|sent|shar(?:e|es|ed|ing)|forward(?:ing|ed)?|pass(?:ing)?\s+along"
    r"|includ(?:e|ing)|submit(?:ting|ted)?)\s+(?:you\s+|along\s+|over\s+)?(?:a\s+copy\s+of\s+)?"
    rf"(?:my|our|the)\s+(?:[\w\-]+\s+)?{RESUME}",
    CI,
)
# An offer, not a sending: "happy to share my CV if it helps", "I can send it later".
_OFFER = re.compile(
    r"\b(?:if|happy\s+to|glad\s+to|(?:would|'d)\s+be\s+(?:happy|glad|delighted)|can\s+send"
    r"|could\s+send|can\s+share|could\s+share|upon\s+request|on\s+request|should\s+you|later"
    r"|at\s+some\s+point|offer|available|whenever|in\s+case|willing\s+to|would\s+you\s+like"
    r"|want\s+me\s+to|someday|one\s+day|eventually|feedback|look\s+over|review|glance)\b",
    CI,
)
# Sent because the reader asked for it (a thank-you after the conversation): not the first
# request pushing a résumé.
_ASKED_FOR = re.compile(
    r"\b(?:as|since|because)\s+you\s+(?:had\s+)?(?:asked|requested|suggested|offered)\b"
    r"|\b(?:per|at)\s+your\s+(?:request|suggestion)\b|\byou\s+asked\s+(?:for|me\s+to|to\s+see)\b",
    CI,
)
_WINDOW = 60  # characters between the résumé and the word that attaches it


def resume_attached(sentence: str) -> str | None:
    """The words that send a résumé along with the request, or None."""
    for resume in _RESUME.finditer(sentence):
        if _NOT_MINE.search(sentence[: resume.start()]) or is_negated(sentence, resume.start()):
            continue
        found = _sent(sentence) or _attached(sentence, resume)
        if found and not _offered(sentence, found) and not _ASKED_FOR.search(sentence):
            return found
    return None


def _sent(sentence: str) -> str | None:
    send = _SEND.search(sentence)
    if send and nearest_pronoun(sentence, send.start()) in WRITER | {""}:
        return send.group()
    return None


def _attached(sentence: str, resume: re.Match) -> str | None:
    start, end = max(0, resume.start() - _WINDOW), resume.end() + _WINDOW
    for attach in _ATTACH.finditer(sentence, start, min(end, len(sentence))):
        if not is_negated(sentence, attach.start()):
            return sentence[min(attach.start(), resume.start()) : max(attach.end(), resume.end())]
    return None


def _offered(sentence: str, found: str) -> bool:
    """An offer or a request for feedback around the résumé, not a sending. "Would you look
    over my résumé (attached)?" still sends it: the attaching word wins there."""
    if re.search(r"\battach|\benclos|\bin\s+attachment\b|\bhere(?:'s|\s+is)\b", found, CI):
        return bool(re.search(r"\bif\b|\bhappy\s+to\b|\bglad\s+to\b|\bcan\s+\w+\b", found, CI))
    return bool(_OFFER.search(sentence))
