"""Who asks whom, and for what: the shared pieces of ask.job and ask.favor.

- `requested`: the clause asks the reader to act, or states the writer's wish, in any of the
  polite shapes a request takes: a question ("Could you…?", "Any chance…?"), an imperative
  ("Please forward…"), a hedge ("I'd be so grateful if…", "I wonder whether you might…",
  "…would mean the world"), a wish ("I'd love to…", "I hope to…").
- `reader_acts`: the reader, not the writer, is the one who would act ("could *you* pass my
  CV on" against "should *I* reach out to recruiters").
- small vocabularies of heads: the gatekeepers of hiring (hiring manager, recruiter, HR…),
  the writer's candidacy documents (résumé, CV, portfolio, application…) and the nouns that
  name a role (position, opening, internship…).
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.text import clause_start, nearest_pronoun

CI = re.IGNORECASE

RESUME = r"(?:r[eé]sum[eé]s?|resumes?|cvs?|c\.v\.|curriculum\s+vitae)"
DOCUMENT = (
    rf"(?:{RESUME}|applications?|portfolios?|cover\s+letters?|name|profile|details|candidacy"
    r"|materials|reel|writing\s+samples?|work\s+samples?)"
)
# The writer's own document: "my résumé", "my design portfolio", "it" after a named résumé.
OWN_DOCUMENT = rf"(?:(?:my|our)\s+(?:[\w\-]+\s+){{0,2}}?{DOCUMENT})"

# Who decides on hiring. Generic bosses count too ("your director", "the design lead").
HIRING_GATEKEEPER = (
    r"(?:hiring\s+(?:managers?|team|committee|leads?|partners?|panel|folks|people)"
    r"|recruit(?:ers?|ing\s+(?:team|department|lead|manager|partner|staff|side|folks|people)"
    r"|ment\s+team)|hr\b|h\.r\.|human\s+resources|talent\s+(?:acquisition|team|partners?|scouts?)"
    r"|people\s+(?:team|ops|operations)|(?:person|people|someone|whoever|anyone)\s+(?:who\s+)?"
    r"(?:runs|leads|handles|manages|oversees|owns|does|is\s+in\s+charge\s+of)\s+(?:the\s+)?"
    r"(?:hiring|recruiting|recruitment|talent)"
    r"|(?:person|people|someone|whoever|anyone)\s+(?:who(?:'s|\s+is)?"
    r"\s+|who\s+does\s+|who\s+handles\s+|in\s+charge\s+of\s+|responsible\s+for\s+|handling\s+)?"
    r"hiring|(?:person|people|someone|whoever)\s+who\s+(?:hires|recruits|decides))"
)
BOSS = (
    r"(?:boss|manager|supervisor|director|head\s+of\s+(?:the\s+|your\s+)?[\w\-]+|department\s+head"
    r"|team\s+lead|[\w\-]+\s+lead|ceo|founder|partners?|decision[- ]makers?)"
)
GATEKEEPER = (
    rf"(?:(?:the|a|an|your|their|any|one\s+of\s+your|someone\s+(?:in|on|from))\s+)?"
    rf"(?:[\w'\-]+\s+){{0,2}}?(?:{HIRING_GATEKEEPER}|{BOSS})"
)
HIRING_ONLY = re.compile(HIRING_GATEKEEPER, CI)

ROLE_NOUN = (
    r"(?:positions?|roles?|jobs?|openings?|internships?|vacanc(?:y|ies)|posts?|cohort|spot"
    r"|place|placement|opportunit(?:y|ies)|opening|req|apprenticeship|fellowship|residency)"
)
# "for the open engineer place", "for your fall analyst cohort"
FOR_ROLE = re.compile(
    r"\bfor\s+(?:the|this|that|a|an|your|any|one\s+of\s+your|their)\s+(?:[\w'\-]+\s+){0,4}?"
    r"(?:positions?|roles?|jobs?|openings?|internships?|vacanc(?:y|ies)|cohort|place|spot"
    r"|apprenticeship|post)\b",
    CI,
)

_REQUEST = re.compile(
    r"\b(?:could|would|can|will|might|may)\s+(?:you|I|we)\b|\bplease\b|\bkindly\b"
    r"|\bif\s+you\s+(?:could|would|can|might|were|are|feel|felt|think|don't|do\s+not|have"
    r"|happen|ever|get)\b|\bshould\s+you\b|\b(?:would|could)\s+it\s+be\s+possible\b"
    r"|\b(?:hoping|hope|hoped|grateful|appreciate|appreciative|wonder(?:ing|ed)?)\b"
    r"|\bany\s+(?:chance|way|possibility)\b|\bis\s+there\s+(?:any\s+)?(?:way|chance)\b"
    r"|\bwilling\s+to\b|\bable\s+to\b|\bmind\b|\byou\s+(?:could|might|would|can)\b"
    r"|\b(?:I|I'd|we'd)\s+(?:would\s+)?(?:love|like|welcome|value)\b|\bwould\s+love\b"
    r"|\bmean\s+(?:a\s+lot|so\s+much|the\s+world|a\s+great\s+deal)\b|\bask(?:ing)?\s+(?:you|if"
    r"|whether|for)\b|\b(?:want|wanted|need|needed|eager|keen)\s+to\b|\bhelp(?:ful)?\b",
    CI,
)
_IMPERATIVE = re.compile(
    r"^\s*(?:please,?\s+)?(?:forward|pass|send|share|introduce|connect|refer|recommend|put|give"
    r"|mention|flag|keep|consider|hire|tell|let|take|loop|cc|vouch|get)\b",
    CI,
)


def is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"')]").endswith("?")


# Hedges that may follow what they ask for: "a word on my behalf would mean a lot".
_HEDGE_AFTER = re.compile(
    r"\b(?:would|could|will)\s+(?:really\s+|truly\s+)?(?:mean\s+(?:a\s+lot|so\s+much|the\s+world"
    r"|a\s+great\s+deal)|be\s+(?:(?:so|very|hugely|incredibly|most)\s+)?(?:appreciated|wonderful"
    r"|amazing|great|helpful|a\s+(?:huge|big|great)\s+help))\b"
    r"|\bif\s+(?:it's|it\s+is)\s+not\s+too\s+much\s+trouble\b|\bif\s+(?:at\s+all\s+)?possible\b"
    r"|^\s*any\s+(?:help|chance|way|luck)\b",
    CI,
)


def requested(sentence: str, position: int) -> bool:
    """The words at `position` are asked for: a question, an imperative, a hedge or a wish
    before them in the sentence (or a hedge anywhere: "…would mean a lot")."""
    if _IMPERATIVE.match(sentence) or is_question(sentence) or _HEDGE_AFTER.search(sentence):
        return True
    return bool(_REQUEST.search(sentence, 0, position))


def reader_acts(sentence: str, position: int) -> bool:
    """The reader would do it: "you" is the nearest subject, or no one is (an imperative or
    "would you be willing to…"), and the clause is not the writer's own plan."""
    pronoun = nearest_pronoun(sentence, position)
    if pronoun in {"you", "your"}:
        return True
    if pronoun in {"i", "we", "me", "my", "our", "us"}:
        # "could you help me get…" / "I'd love it if you…": the reader is still the actor.
        start = clause_start(sentence, position)
        return bool(re.search(r"\byou\b", sentence[max(0, start - 60) : position], CI)) and not (
            re.search(r"\b(?:I|we)\s+(?:\w+\s+){0,2}?(?:to\s+)?$", sentence[start:position], CI)
        )
    return pronoun == ""


_READERS_PAST = re.compile(
    r"^\s*(?:how|what|when|why|where|which|who)\b[^?]*?\b(?:did|had|were|was)\s+you\b"
    r"|^\s*(?:did|have|had|were)\s+you\s+(?:ever\s+)?\w+ed\b",
    CI,
)


def readers_past(sentence: str) -> bool:
    """A question about what the reader did ("How did you ask for a referral?"): a topic, not
    a request."""
    return bool(_READERS_PAST.match(sentence))
