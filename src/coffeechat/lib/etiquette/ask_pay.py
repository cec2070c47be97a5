"""ask.pay: the text asks about salary, pay, compensation, bonus or benefits.

The catalogue defines this rule by its topic: any question about money for the work is off
limits, whoever's money it is ("what does this role pay?", "how did you decide what salary to
ask for?"). Words that only look like pay are excluded: "pay attention", "I'll pay for the
coffee", "the benefits of a master's", "private equity", "earn a certificate".
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.text import has_any, is_negated

CI = re.IGNORECASE

_ALWAYS = re.compile(
    r"\bsalar(?:y|ies)\b|\bcompensation\b(?!\s+(?:consult\w*|analyst|analysis|design|committee"
    r"|law|practice|specialist|team|department))(?<!workers'\scompensation)"
    r"|\b(?:(?:total|typical|base|average|starting|annual|the)\s+comp(?!\s+(?:sci|lit))"
    r"|comp\s+(?:package|range"
    r"|band|like)|wages?|paychecks?|pay\s*(?:range|scale"
    r"|band|bands|grade|rate|level|structure|cut|increase|bump|raise|gap|transparency|package)"
    r"|earning\s+potential|take-home|stipends?|remuneration|perks|pto|paid\s+time\s+off"
    r"|vacation\s+days|parental\s+leave|401\s*\(?k\)?|pensions?|stock\s+options|rsus"
    r"|signing\s+bonus|health\s+insurance|retirement\s+(?:plan|match|benefits)"
    r"|hourly\s+rate|day\s+rate|billing\s+rate|starting\s+pay|base\s+pay)\b",
    CI,
)
_BONUS = re.compile(r"\bbonus(?:es)?\b(?!\s+(?:question|point|points|tip|round|track|content))", CI)
_RAISE = re.compile(
    r"\b(?:a|get|got|annual|yearly|the|any|negotiat\w*|ask\s+for|of|typical|average|merit"
    r"|cost-of-living)\s+raises?\b"
    r"(?!\s+(?:money|funds|awareness|questions?|concerns?|a\s+family|kids|children))"
    r"|\bnegotiat\w*\s+(?:an?\s+|the\s+|your\s+|my\s+|their\s+)?(?:job\s+)?(?:offers?|package)\b",
    CI,
)
_INCOME = re.compile(
    r"\b(?:income|earnings)\b(?!\s+(?:report|reports|call|calls|season|release))", CI
)
_EQUITY = re.compile(
    r"\bequity\s+(?:grant|grants|package|stake|compensation|refresh|vesting|comp)\b"
    r"|\b(?:get|gets|receive|offer|offers|grant|any|in)\s+equity\b(?!\s+(?:research|and|in\s+))",
    CI,
)
_BENEFITS = re.compile(
    r"\b(?:what|which|any|the\s+company's|employee|health|medical|dental|retirement|and"
    r"|job|good|great|generous|the)\s+benefits\b(?!\s+(?:of|to|from|in|that|for\s+(?:me|you)))"
    r"|\bbenefits\s+(?:package|packages|does|do|are\s+like|is\s+like|offered|you\s+get)\b",
    CI,
)
_PAY_WORD = re.compile(r"\b(?:pay|pays|paying)\b", CI)
_PAY_NOT = re.compile(
    r"\s*(?:attention|off|back|forward|it\s+forward|a\s+visit|tribute|dues|my\s+dues|homage"
    r"|for\s+(?:the\s+|your\s+|a\s+|our\s+)?(?:coffee|lunch|meal|drinks?|tea|check|bill"
    r"|parking|it|that|this|yours))\b",
    CI,
)
_PAID = re.compile(
    r"\b(?:get|gets|getting|got|are|is|were|was|be|being)\s+paid\b(?!\s+(?:off|back|for\s+by))"
    r"|\bpaid\s+(?:well|more|less|enough|fairly|hourly|per|a\s+salary|on\s+commission)\b"
    r"|\bhow\s+(?:well|much)\s+(?:\w+\s+){0,4}?paid\b|\bpaid\s+(?:internships?|positions?)\b",
    CI,
)
_MONEY_VERB = re.compile(
    r"\b(?:how\s+much|what)\s+(?:money\s+)?(?:(?:do|does|did|can|could|would|will|might|should)"
    r"\s+)?(?:[\w'\-]+\s+){0,7}?(?:make|makes|made|earn|earns|earned|bring\s+(?:home|in)"
    r"|brings\s+(?:home|in)|take\s+home|takes\s+home|charge|charges|bill|bills)\b",
    CI,
)
_MONEY_VERB_OK_AFTER = re.compile(
    r"\s*(?:[?.!,;]|$|here|there|per|annually|yearly|typically|on\s+average|starting\s+out"
    r"|at\s+(?:your|the|this|that)|in\s+(?:your|the|this|that)\s+(?:role|job|position|field)"
    r"|a\s+(?:year|month|week)|an\s+hour|as\s+an?\b|when\s+they\s+start|right\s+out)",
    CI,
)
_EARN_NOT = re.compile(
    r"\s+(?:(?:a|an|the|your|my|their|his|her|this|that|one's)\s+)?(?:[\w'\-]+\s+)?"
    r"(?:degree|certificat\w*|credential|license|licence|promotion|spot|seat|place|reputation"
    r"|trust|respect|title|master's|masters|mba|phd|badge|award|stripes|credibility|role|right)\b",
    CI,
)
_PAY_AS_WAGE = re.compile(
    r"(?:the|your|starting|base|entry-level|typical|average|good|decent|what\s+(?:does|do|did"
    r"|would|will|might)\s+(?:[\w'\-]+\s+){0,4}|how\s+(?:well|much)\s+(?:does|do|did|would|will"
    r"|might)\s+(?:[\w'\-]+\s+){0,4})\s*$",
    CI,
)


_WRITER_PAYS = re.compile(
    r"(?:\b(?:I|we|I'll|I'd|we'll|we'd|let\s+me|let\s+us)|\b(?:I|we)\b(?:\s+[\w']+){0,4}?\s+"
    r"(?:to|will|would|can|could|gladly|happily|also|definitely|insist\s+on))\s*$",
    CI,
)


def _pay_word(sentence: str) -> str | None:
    for match in _PAY_WORD.finditer(sentence):
        after = sentence[match.end() :]
        if _PAY_NOT.match(after):
            continue
        before = sentence[max(0, match.start() - 60) : match.start()]
        if _WRITER_PAYS.search(before):
            continue  # "I'd be glad to pay", "let me pay"
        wage_after = re.match(
            r"\s*(?:like|well|compare|and\s+benefits|here|there|overtime|interns|commission"
            r"|hourly|per\s+hour|a\s+(?:salary|stipend|living\s+wage))\b|\s*[?]",
            after,
        )
        if _PAY_AS_WAGE.search(before) or wage_after:
            return match.group()
    return None


_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "will",
        "might",
        "should",
        "is",
        "are",
        "was",
        "were",
    ]
)
_MONEY_NOUNS = frozenset(
    ["money", "salary", "salaries", "pay", "income", "wage", "wages", "compensation", "comp"]
)


def _object_named(match: re.Match) -> bool:
    """ "what kinds of products does your firm make", "how much progress did you make": a noun
    between the wh-word and the auxiliary is the object, so the verb is not about money.
    "what does an analyst make" and "how much analysts make" leave the money as the object."""
    words = match.group().lower().split()
    rest = words[2:] if words[:2] == ["how", "much"] else words[1:]
    if not rest or rest[0] in _AUX or rest[0] in _MONEY_NOUNS:
        return False
    return any(word in _AUX for word in rest[1:5])


def _money_verb(sentence: str) -> str | None:
    for match in _MONEY_VERB.finditer(sentence):
        if _object_named(match):
            continue
        if re.match(
            r"\s*(?:of|a\s+difference|sense|time|it|an?\s+impact|progress|decisions"
            r"|partner|the\s+(?:switch|move|jump|leap|transition))\b",
            sentence[match.end() :],
            CI,
        ):
            continue
        after = sentence[match.end() :]
        verb = match.group().split()[-1].lower()
        if verb.startswith("earn") and not _EARN_NOT.match(after):
            return match.group()
        if _MONEY_VERB_OK_AFTER.match(after) or match.group().lower().startswith("how much"):
            return match.group()
    return None


_GATED = (
    (
        _ALWAYS,
        (
            "salar",
            "compensation",
            "comp",
            "wage",
            "paycheck",
            "pay",
            "earning",
            "take-home",
            "stipend",
            "remunera",
            "perks",
            "pto",
            "paid time",
            "vacation",
            "parental",
            "401",
            "pension",
            "stock",
            "rsu",
            "signing",
            "insurance",
            "retirement",
            "rate",
        ),
    ),
    (_BONUS, ("bonus",)),
    (_RAISE, ("raise", "negotiat")),
    (_INCOME, ("income", "earnings")),
    (_EQUITY, ("equity",)),
    (_BENEFITS, ("benefit",)),
    (_PAID, ("paid",)),
)
_MONEY_WORDS = ("make", "made", "earn", "bring", "take home", "takes home", "charge", "bill")


def pay_topic(sentence: str) -> str | None:
    """The words that raise pay, salary or benefits, unless negated; None otherwise."""
    low = sentence.lower()
    for pattern, keys in _GATED:
        if not has_any(low, keys):
            continue
        for match in pattern.finditer(sentence):
            if (
                re.search(r"\bas\s+a\s*$", sentence[: match.start()], CI)
                and "bonus" in match.group()
            ):
                continue  # "as a bonus, ..."
            if not is_negated(sentence, match.start()):
                return match.group()
    for finder, keys in ((_pay_word, ("pay",)), (_money_verb, _MONEY_WORDS)):
        found = finder(sentence) if has_any(low, keys) else None
        if found:
            start = sentence.find(found)
            if not is_negated(sentence, max(start, 0)):
                return found
    return None


_INQUIRY = re.compile(
    r"\?|\b(?:know|understand|learn|hear|ask|asking|curious|wonder|wondering|wondered|find\s+out"
    r"|discuss|talk\s+about|tell\s+me|share|get\s+a\s+sense|questions?|insight|details|what|how"
    r"|whether|if|explain|clarify|range|expect)\b",
    CI,
)


def pay_ask(sentence: str, *, is_question: bool = False) -> str | None:
    """Pay raised in a question or a request to learn about it (not a plain statement such as
    "I took a pay cut to switch fields")."""
    found = pay_topic(sentence)
    if found and (is_question or _INQUIRY.search(sentence)):
        return found
    return None
