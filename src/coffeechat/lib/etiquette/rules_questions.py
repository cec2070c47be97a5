"""Rules for one question prepared for the conversation."""

from __future__ import annotations

import re
from collections.abc import Callable

from coffeechat.lib.etiquette.ask_favor import favor_ask
from coffeechat.lib.etiquette.ask_job import job_ask
from coffeechat.lib.etiquette.ask_pay import pay_ask
from coffeechat.lib.etiquette.findings import ERROR, WARNING, Finding
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


# --- question.researchable -----------------------------------------------------------------

_ORG = (
    r"(?:company|company's|firm|firm's|organization|organisation|organization's|org|business"
    r"|agency|employer|corporation|startup|start-up|nonprofit|non-profit|hospital|bank|group"
    r"|studio|institution|lab|school|district|brand)"
)
_THE = r"(?:your|the|this|that|their|its|our)"
RESEARCHABLE = [
    re.compile(
        rf"\bwhat\s+(?:does|do|did)\s+{_THE}\s+(?:[\w'\-]+\s+)?{_ORG}\s+(?:do|make|sell"
        r"|offer|produce|build|provide)\b(?!\s+(?:to|for|when|differently|well|about|with"
        r"|that|if))",
        CI,
    ),
    re.compile(
        rf"\bwhat\s+(?:products?|services?|industry|sector|markets?)\s+(?:does|do|is|are)"
        rf"\s+{_THE}\s+{_ORG}\b",
        CI,
    ),
    re.compile(
        rf"\bwhat(?:'s|\s+is|\s+are)\s+{_THE}\s+{_ORG}'?s?\s+(?:mission|main\s+products?"
        r"|core\s+business|business\s+model|products?|services|revenue|size|headcount"
        r"|values|history)\b",
        CI,
    ),
    re.compile(
        r"\bhow\s+many\s+(?:employees|staff(?:\s+members)?|workers|offices|locations"
        r"|branches|stores|countries|clients|customers|users)\b"
        r"(?!\s+(?:report\s+to\s+you|do\s+you\s+(?:manage|supervise|lead)|are\s+on\s+your))",
        CI,
    ),
    re.compile(
        rf"\bhow\s+many\s+people\s+(?:work|are\s+employed)\s+(?:at|for|in)\s+{_THE}\s+"
        rf"(?:[\w'\-]+\s+)?{_ORG}|\bhow\s+many\s+people\s+does\s+{_THE}\s+{_ORG}",
        CI,
    ),
    re.compile(rf"\bhow\s+(?:big|large|old)\s+is\s+{_THE}\s+{_ORG}\b|\bhow\s+much\s+revenue\b", CI),
    re.compile(
        rf"\bwhere\s+(?:is|are|'s)\s+{_THE}\s+(?:[\w'\-]+\s+)?{_ORG}\s+(?:headquartered"
        r"|based|located)\b|\bwhere\s+(?:is|are|'s)\s+(?:the|your|its)\s+(?:headquarters|hq"
        r"|head\s+office|main\s+office|offices)\b|\bwhere\s+(?:is|are)\s+(?:the|your)\s+"
        rf"{_ORG}'?s?\s+(?:headquarters|hq|offices)\b|\bwhere\s+are\s+you\s+(?:based"
        r"|located)\b",
        CI,
    ),
    re.compile(
        rf"\bwhen\s+(?:was|were|did)\s+{_THE}\s+(?:[\w'\-]+\s+)?{_ORG}\s+(?:founded|started"
        r"|established|created|formed|incorporated|launched|go\s+public|start|open)\b"
        rf"|\bwho\s+(?:founded|started|owns|runs|leads)\s+{_THE}\s+{_ORG}\b"
        r"|\bwho\s+is\s+(?:the|your)\s+(?:ceo|founder|president|owner)\b"
        rf"|\bwhat\s+year\s+was\s+{_THE}\s+{_ORG}\b"
        rf"|\bhow\s+long\s+has\s+{_THE}\s+{_ORG}\s+been\s+(?:around|in\s+business"
        r"|operating)\b",
        CI,
    ),
    re.compile(
        r"^\s*what(?:'s|\s+is|\s+was)\s+your\s+(?:current\s+|official\s+|exact\s+)?"
        r"(?:job\s+)?(?:title|position|role|job|job\s+title|employer|company)\s*[?.!]*\s*$"
        r"|^\s*what\s+do\s+you\s+do\s*(?:for\s+(?:a\s+living|work)|at\s+[\w'\-]+)?\s*"
        r"[?.!]*\s*$|\bwhat\s+(?:company|firm|organization)\s+do\s+you\s+work\s+(?:for|at)\b"
        r"|^\s*where\s+do\s+you\s+work\s*[?.!]*\s*$|^\s*who\s+do\s+you\s+work\s+for\s*[?.!]*"
        rf"\s*$|\bhow\s+long\s+have\s+you\s+(?:worked|been)\s+(?:at|with|in|for)\s+(?:{_THE}"
        rf"\s+(?:{_ORG}|role|position|job|current\s+role)|here|there)\b",
        CI,
    ),
    re.compile(
        r"\bwhere\s+did\s+you\s+(?:go\s+to|attend|study|get\s+your|earn\s+your|do\s+your"
        r"|graduate)\b|\bwhat\s+(?:school|college|university|grad\s+school|graduate\s+school"
        r"|law\s+school|business\s+school)\s+did\s+you\s+(?:go\s+to|attend|graduate\s+from)\b"
        r"|\bwhat\s+did\s+you\s+(?:study|major\s+in|minor\s+in)\b(?!\s+(?:to\s+prepare|that"
        r"\s+(?:you|most)))|\bwhat\s+(?:was|is)\s+your\s+(?:major|minor|degree|field\s+of"
        r"\s+study)(?:\s+(?:in|at|as\s+an?)\s+[\w'\-]+){0,2}\s*[?.!]*\s*$"
        r"|\bwhat\s+degrees?\s+do\s+you\s+have\b"
        r"|\bdid\s+you\s+(?:go\s+to|attend)\s+(?:college|grad\s+school|graduate\s+school"
        r"|university|law\s+school|business\s+school)\s*\?",
        CI,
    ),
]


def _researchable(question: str) -> str | None:
    for pattern in RESEARCHABLE:
        match = pattern.search(question)
        if match:
            return match.group().strip()
    return None


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
    found = _researchable(question)
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
