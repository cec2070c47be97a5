"""Rules for one question prepared for the conversation."""

from __future__ import annotations

import re
from collections.abc import Callable

from coffeechat.lib.etiquette.ask_favor import favor_ask
from coffeechat.lib.etiquette.ask_job import job_ask
from coffeechat.lib.etiquette.ask_pay import pay_ask
from coffeechat.lib.etiquette.findings import ERROR, WARNING, Finding
from coffeechat.lib.etiquette.researchable import researchable
from coffeechat.lib.etiquette.text import normalize, quote, split_sentences, words_set

CI = re.IGNORECASE

# --- question.closed -----------------------------------------------------------------------

WH = words_set(
    "what what's whats how how's why which who who's whom whose where where's when when's"
)
AUX = words_set(
    """do does did is are was were am have has had can could will would shall should may might
    must don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't can't couldn't
    won't wouldn't shouldn't mightn't is't"""
)
_OPEN_IMPERATIVE = words_set(
    "describe tell walk explain share talk give paint outline help take list compare discuss "
    "name please elaborate expand"
)
_INTRO = words_set(
    """if given in as since because although though while for from with based looking thinking
    knowing considering after before once during at on over beyond besides aside apart compared
    unlike speaking now having being to when whenever out"""
)
_FILLER = re.compile(
    r"^(?:(?:so|and|also|okay|ok|well|now|then|lastly|finally|first|second|third|next|plus"
    r"|honestly|generally|overall|one\s+more\s+thing|out\s+of\s+curiosity|just\s+curious"
    r"|in\s+general|by\s+the\s+way|question)\b[,:]?\s+)+",
    CI,
)
# "Could you walk me through…", "Would you be willing to share…", "May I ask how…"
_OPEN_REQUEST = re.compile(
    r"^(?:can|could|would|will|might)\s+you\s+(?:please\s+)?(?:(?:be\s+(?:willing|open|able"
    r"|happy)\s+to|mind|possibly|perhaps|kindly)\s+)?(?:tell|telling|walk|walking|talk|talking"
    r"|describe|describing|explain|explaining|share|sharing|say\s+(?:more|a\s+bit|a\s+little)"
    r"|outline|elaborate|expand|speak|speaking|help\s+me\s+understand|take\s+me\s+through"
    r"|paint|fill\s+me\s+in|run\s+me\s+through|go\s+over|recount|reflect|discuss|give\s+(?:me\s+)?"
    r"(?:an?\s+)?(?:example|overview|sense|idea|picture|rundown|feel|breakdown|glimpse))\b"
    r"|^(?:can|could|may|might)\s+I\s+ask\s+(?:you\s+)?(?:what|how|why|which|who|where|when"
    r"|about|you\s+to\s+(?:describe|explain|share|tell))\b"
    r"|^do\s+you\s+mind\s+(?:telling|sharing|walking|describing|explaining|talking)\b",
    CI,
)
_ALTERNATIVE = re.compile(
    r"\b(?:more|less|mostly|mainly|primarily|prefer|rather|better|usually)\b.*\bor\b(?!\s+not\b)",
    CI,
)
_COORDINATED_WH = re.compile(
    r"(?:,|\band\b|\bor\b)\s+(?:if\s+so,?\s+)?(?:what|how|why|which)\b", CI
)
_TAG = re.compile(
    r",\s*(?:right|correct|no|yes|true|isn't\s+it|aren't\s+they|don't\s+you|didn't\s+you"
    r"|wasn't\s+it|doesn't\s+it|is\s+it|do\s+you)\s*\?*$",
    CI,
)
_WORD = re.compile(r"[A-Za-z']+")


def _main_clause(sentence: str) -> str:
    """Skip fillers and a leading subordinate or prepositional phrase
    ("Given my background in teaching, where…" → "where…")."""
    text = _FILLER.sub("", sentence.strip())
    for _ in range(3):
        tokens = _WORD.findall(text[:40].lower())
        if not tokens or "," not in text:
            break
        first = tokens[0]
        second = tokens[1] if len(tokens) > 1 else ""
        subordinate = first in _INTRO or (first in {"when", "where", "how"} and second not in AUX)
        if first in {"when"} and second in AUX:
            subordinate = False
        if not subordinate:
            break
        text = _FILLER.sub("", text.split(",", 1)[1].strip())
    return text


def _closed_sentence(sentence: str) -> bool | None:
    """True: yes/no; False: open; None: not a question we can judge."""
    if _TAG.search(sentence):
        return True
    main = _main_clause(sentence)
    tokens = _WORD.findall(main.lower())
    if not tokens:
        return None
    first = tokens[0]
    if re.match(r"(?:in|to|from|for|at|by|with|on|of)\s+(?:what|which|whom|whose|how)\b", main, CI):
        return False
    if first in WH:
        return False
    if first in AUX:
        if _OPEN_REQUEST.match(main) or _COORDINATED_WH.search(main):
            return False
        return not _ALTERNATIVE.search(main)
    if first in _OPEN_IMPERATIVE:
        return False
    if first in {"any", "anything", "anyone", "anybody", "anywhere"}:
        return True
    if main.rstrip().endswith("?") and first in {"you", "it", "that", "this", "there", "they"}:
        return not any(token in WH for token in tokens)
    return None


def _is_closed(question: str) -> bool:
    verdicts = [_closed_sentence(s) for s in split_sentences(question)]
    judged = [v for v in verdicts if v is not None]
    return bool(judged) and all(judged)


# --- the rules -----------------------------------------------------------------------------

Rule = Callable[[str], Finding | None]


def question_closed(question: str) -> Finding | None:
    if not _is_closed(question):
        return None
    return Finding(
        "question.closed",
        WARNING,
        "It can be answered with a plain yes or no, which ends the thread instead of opening it.",
        "Start with what, how or why, or ask them to walk you through it, for example: "
        "\u201cWhat do you enjoy most about this work?\u201d rather than "
        "\u201cDo you like it?\u201d",
    )


def question_researchable(question: str) -> Finding | None:
    found = researchable(question)
    if not found:
        return None
    return Finding(
        "question.researchable",
        WARNING,
        f"The answer ({quote(found)}) is on the organization's website or the person's "
        "profile; asking it shows you did not prepare.",
        "Look it up beforehand and ask what the page cannot tell you, for example how their "
        "team decides what to work on, or why they chose this path.",
    )


def _each_sentence(question: str, finder: Callable[..., str | None], **kwargs) -> str | None:
    for sentence in split_sentences(question) or [question]:
        found = finder(sentence, **kwargs)
        if found:
            return found
    return None


def ask_job(question: str) -> Finding | None:
    found = _each_sentence(question, job_ask)
    if not found:
        return None
    return Finding(
        "ask.job",
        ERROR,
        f"It asks about getting a job ({quote(found)}); that turns the conversation into a "
        "job interview they did not agree to.",
        "Ask how people usually get into the field or the organization instead, for example: "
        "\u201cWhat would you do in my position to prepare for a role like yours?\u201d",
    )


def ask_pay(question: str) -> Finding | None:
    found = _each_sentence(question, pay_ask, is_question=True)
    if not found:
        return None
    return Finding(
        "ask.pay",
        ERROR,
        f"It asks about money ({quote(found)}); pay and benefits are off limits in an "
        "informational interview.",
        "Leave pay to published salary surveys and ask about the work itself, for example: "
        "\u201cWhat does success look like in your first year in this role?\u201d",
    )


def ask_favor(question: str) -> Finding | None:
    found = _each_sentence(question, favor_ask)
    if not found:
        return None
    return Finding(
        "ask.favor",
        ERROR,
        f"It asks them to act for you ({quote(found)}), a favor beyond the conversation.",
        "Ask for advice rather than action, for example: \u201cWho else would you suggest I "
        "talk to?\u201d or \u201cWhat would make my background stronger for this field?\u201d",
    )


RULES: tuple[Rule, ...] = (ask_job, ask_pay, ask_favor, question_closed, question_researchable)


def prepare(question: str) -> str:
    return " ".join(normalize(question).split())
