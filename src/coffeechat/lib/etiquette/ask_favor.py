"""ask.favor: the writer asks the reader to act for the writer's candidacy, beyond the
conversation.

A favor is found as an act with the reader as its actor and the writer's candidacy as its
object or beneficiary, in a clause that asks for it:

- passing something of the writer's on: a verb of handing (forward, pass, send, get, flag,
  mention…) with the writer's document or name as object ("my CV", "my portfolio", "my name")
  and, for the plain verbs, a gatekeeper of hiring as the receiver ("…to your recruiter",
  "…in front of the hiring manager");
- bringing the writer to a gatekeeper: introduce / connect / put in touch / refer the writer
  to a hiring manager, recruiter, HR ("could you introduce me?" counts when the sentence
  names the gatekeeper);
- speaking for the writer: put in a word, vouch, recommend or refer the writer, put their name
  forward, a referral, a letter of recommendation.

The request may be a question, an imperative, a hedge ("I'd be grateful if…", "…would mean
the world") or a wish. Not a favor: who else to talk to, an introduction to someone to learn
from, a reading recommendation, "X referred me to you", the writer's own plan ("should I reach
out to recruiters?"), negations.
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.asking import (
    BOSS,
    GATEKEEPER,
    HIRING_GATEKEEPER,
    HIRING_ONLY,
    OWN_DOCUMENT,
    RESUME,
    reader_acts,
    readers_past,
    requested,
)
from coffeechat.lib.etiquette.text import is_negated

CI = re.IGNORECASE

# --- passing something of the writer's on ---------------------------------------------------

_HAND = re.compile(
    r"\b(?P<verb>forward|pass|send|shar(?=e|ing)|hand|submit|get|put|flag|mention|circulat(?=e|ing)"
    r"|show|bring|drop|giv(?=e|ing)|walk|slip|rout(?=e|ing))(?:e|s|es|ed|ing|ting|ping|ging)?\s+"
    r"(?:(?:along|on|over)\s+)?"
    rf"(?P<obj>{OWN_DOCUMENT}|it|this|them)\b",
    CI,
)
_RECEIVER = re.compile(
    r"\s+(?:(?:along|on|over|forward|across)\s+)?(?:to|with|in\s+front\s+of|onto\s+the\s+desk\s+of"
    r"|on\s+the\s+desk\s+of|on\s+the\s+radar\s+of|past|by)\s+"
    rf"(?:{GATEKEEPER}|your\s+(?:team|colleagues|network|contacts|company|firm))\b",
    CI,
)
# Verbs that pass a document on by themselves: "could you forward my résumé?"
_PASS_ON_ALONE = ("forward", "pass", "circulat", "flag", "rout")
# "if my CV could find its way to your hiring manager"
_DOCUMENT_REACHES = re.compile(
    rf"\b{OWN_DOCUMENT}\s+(?:\w+\s+){{0,4}}?(?:to|reach(?:es|ing)?|in\s+front\s+of"
    rf"|(?:on|onto)\s+the\s+desk\s+of)\s+{GATEKEEPER}\b",
    CI,
)


def _passed_on(sentence: str) -> str | None:
    for match in _HAND.finditer(sentence):
        if not _acts_for_writer(sentence, match.start()):
            continue
        receiver = _RECEIVER.match(sentence, match.end())
        if receiver:  # "could you pass it along to the hiring manager?"
            return match.group() + receiver.group()
        pronoun = match.group("obj").lower() in {"it", "this", "them"}
        if pronoun and not re.search(RESUME, sentence[: match.start()], CI):
            continue
        if match.group("verb").lower() in _PASS_ON_ALONE:
            return match.group()
    match = _DOCUMENT_REACHES.search(sentence)
    if match and _live(sentence, match.start()) and not _writer_sends(sentence, match.start()):
        return match.group()
    return None


def _writer_sends(sentence: str, position: int) -> bool:
    """ "Should I send my résumé to recruiters?": the writer, not the reader, passes it on."""
    return bool(re.search(r"\b(?:I|we)\s+(?:[\w']+\s+){0,2}$", sentence[:position], CI))


# --- bringing the writer to a gatekeeper -----------------------------------------------------

_INTRODUCE = re.compile(
    r"\b(?:introduc(?:e|ing)|connect(?:ing)?|put(?:ting)?\s+(?:me|us)\s+in\s+touch|refer(?:ring)?"
    r"|recommend(?:ing)?|link(?:ing)?|mention(?:ing)?)\s+(?:(?:me|us)\s+)?(?:(?:in\s+touch|up)\s+)?"
    rf"(?:to|with)\s+{GATEKEEPER}\b",
    CI,
)
_INTRODUCE_ME = re.compile(r"\b(?:introduce|connect)\s+(?:me|us)\b(?!\s+(?:to|with)\b)", CI)
# The reader speaks to a hiring gatekeeper for the writer: "could you ask the recruiter to…".
_SPEAK_TO = re.compile(
    r"\b(?:talk|speak|reach\s+out|email|ping|message|write|loop\s+in|cc|ask|tell|contact|nudge)"
    rf"\s+(?:(?:to|with)\s+)?(?:(?:the|your|a|an|someone\s+(?:in|on))\s+)?(?:[\w'\-]+\s+){{0,2}}?"
    rf"(?:{HIRING_GATEKEEPER}|{BOSS}\s+(?:about|for|on\s+behalf\s+of)\s+me)\b",
    CI,
)
_INTRODUCTION_TO = re.compile(
    rf"\b(?:an?\s+)?(?:introduction|intro|word|connection)\s+(?:to|with)\s+{GATEKEEPER}\b", CI
)
_LEARNING = re.compile(r"\b(?:so\s+(?:that\s+)?I\s+(?:can|could)|to)\s+(?:learn|hear|ask)\b", CI)


def _brought_to(sentence: str) -> str | None:
    for pattern in (_INTRODUCE, _SPEAK_TO, _INTRODUCTION_TO):
        for match in pattern.finditer(sentence):
            after = sentence[match.end() :]
            if not HIRING_ONLY.search(match.group()) and _LEARNING.match(after.lstrip(" ,")):
                continue  # "introduce me to your manager so I can learn about…"
            nominal = pattern is _INTRODUCTION_TO
            if nominal and _live(sentence, match.start()):
                return match.group()
            if not nominal and _acts_for_writer(sentence, match.start()):
                return match.group()
    match = _INTRODUCE_ME.search(sentence)
    if match and HIRING_ONLY.search(sentence) and _acts_for_writer(sentence, match.start()):
        return match.group()
    return None


# --- speaking for the writer ----------------------------------------------------------------

_ADVOCACY = re.compile(
    r"\b(?:put|say|put\s+in|give|drop)\s+(?:in\s+)?an?\s+(?:(?:good|kind|nice|positive|quick)\s+)?"
    r"word\b|\bvouch\s+for\s+me\b|\bspeak\s+(?:up\s+)?for\s+me\b|\bon\s+my\s+behalf\b"
    r"|\badvocate\s+for\s+me\b|\bendorse\s+me\b|\bput\s+(?:my\s+name|me)\s+forward\b"
    r"|\bput\s+forward\s+(?:my\s+name|me)\b|\bpull\s+(?:some\s+|a\s+few\s+)?strings\b"
    r"|\bbe\s+(?:a|my)\s+reference\b|\b(?:write|provide|give|offer)\s+(?:me\s+)?(?:a\s+)?"
    r"(?:letter\s+of\s+)?(?:recommendation|reference)(?:\s+letter)?\b|\breference\s+letter\b"
    r"|\b(?:refer(?:ring)?|recommend(?:ing)?|nominat(?:e|ing)|sponsor(?:ing)?|endors(?:e|ing)"
    r"|vouch(?:ing)?\s+for)\s+me\b(?!\s+(?:to\s+)?(?:some|a\s+few|any"
    r"|books?|resources?|reading|articles?|courses?|people|someone|anyone|others|other|a\s+book"
    r"|podcasts?|next\s+steps|a\s+colleague|colleagues|somebody|anybody|to\s+you))"
    r"|\b(?:give|get|provide|write|offer)\s+me\s+a\s+referral\b|\b(?:employee|internal|job)"
    r"\s+referral\b|\ba\s+referral\b(?!\s+(?:from|to\s+(?:you|a\s+colleague|someone)))",
    CI,
)


def _spoken_for(sentence: str) -> str | None:
    for match in _ADVOCACY.finditer(sentence):
        if _live(sentence, match.start()) and not _writers_own(sentence, match.start()):
            return match.group()
    return None


# --- the checks every favor passes -----------------------------------------------------------


def _live(sentence: str, position: int) -> bool:
    """Asked for and not negated ("I'm not asking you to refer me")."""
    return (
        requested(sentence, position)
        and not is_negated(sentence, position)
        and not readers_past(sentence)
    )


def _acts_for_writer(sentence: str, position: int) -> bool:
    return _live(sentence, position) and reader_acts(sentence, position)


def _writers_own(sentence: str, position: int) -> bool:
    """The writer, not the reader, would do it ("How should I ask for a referral?")."""
    return bool(
        re.match(r"\s*(?:how|what|when|where|which|why|should\s+I|do\s+I|can\s+I)\b", sentence, CI)
        and not re.search(r"\byou\b", sentence[:position], CI)
    )


def favor_ask(sentence: str) -> str | None:
    """The words that ask for a favor beyond the conversation, or None."""
    return _passed_on(sentence) or _brought_to(sentence) or _spoken_for(sentence)
