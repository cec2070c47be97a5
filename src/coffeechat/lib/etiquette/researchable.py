"""question.researchable: the answer is on the organization's website or on the person's
profile.

A question is researchable when it asks for a fact, not a view, and the fact is one of a
small set of attributes of one of two subjects:

- the organization ("the firm", "your agency", "the hospital system", or a proper name such
  as "Stripe"): what it does or sells, its size (how many employees, offices, hospitals),
  where it is based or operates, when it was founded or went public, who founded or leads
  it, whether it is listed, its mission, revenue or history;
- the reader ("you"): title or position, employer, school, degree or major, tenure ("how long
  have you been at…", "what year did you join…"), past employers ("where did you work
  before…", "what was your job before this one").

"Why" and "how" questions ask for reasons and experience, so they are never researchable
(except "how long / how many / how big / how old"); neither is a team's work (either way in
the catalogue) nor the reader's reflections ("what did your years at X teach you").
"""

from __future__ import annotations

import re

CI = re.IGNORECASE

_ORG_NOUN = (
    r"(?:company|companies|firm|organi[sz]ation|org|agency|startup|start-up|nonprofit|non-profit"
    r"|charity|hospital|health\s+system|system|bank|corporation|corp|business|employer"
    r"|institution|museum|studio|foundation|institute|school|district|university|college|network"
    r"|chain|brand|publisher|label|utility|enterprise|conglomerate|practice|paper|newspaper"
    r"|magazine|outlet|airline|manufacturer|retailer|fund|ministry|consultancy|council|board"
    r"|government|department\s+of\s+\w+)"
)
_PROPER = r"(?-i:(?!I\b)[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2})"
ORG = (
    rf"(?:(?:the|your|this|that|its|their|our)\s+(?:[\w'\-]+\s+){{0,2}}?{_ORG_NOUN}(?:'s)?"
    rf"|{_PROPER}(?:'s)?)"
)
# Reasons, experience and descriptions ("what is X like") are never on a website.
_WHY_HOW = re.compile(
    r"\bwhy\b|\bhow\b(?!\s+(?:long|many|big|large|old|much\s+revenue))|\blike\s*[?.!]*\s*$", CI
)
_FILLER = re.compile(
    r"^(?:(?:so|and|also|okay|ok|well|just\s+curious|out\s+of\s+curiosity|quick\s+question"
    r"|first|lastly|finally)\b[,:]?\s+)+",
    CI,
)
_END = r"\s*[?.!]*\s*$"

_ORGANIZATION = [
    # what it does or sells
    re.compile(
        r"\bwhat\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?(?:(?:products?|services?|goods|software"
        r"|work|business|clients?|customers?)\s+)?(?:does|do|did)\s+"
        rf"{ORG}\s+(?:do|make|sell|offer|produce|build|provide|manufacture|develop"
        r"|specialize\s+in|focus\s+on|serve)\b(?!\s+(?:to|for|when|differently|well|about|with"
        r"|that|if|day|on\s+a))",
        CI,
    ),
    re.compile(
        r"\b(?:what|which)\s+(?:products?|services?|industry|industries|sector|sectors|markets?|line\s+of"
        rf"\s+business)\s+(?:is|are|does|do)\s+{ORG}\b",
        CI,
    ),
    re.compile(
        rf"\bwhat(?:'s|\s+is|\s+are|\s+was)\s+(?:{ORG}\s+|the\s+(?:\w+\s+)?(?=\w+\s+of\s+{ORG}))"
        r"(?:mission(?:\s+statement)?|main\s+products?|core\s+business|business\s+model|products?"
        r"|services|revenue|annual\s+revenue|size|headcount|values|history|ticker|stock\s+price"
        r"|market\s+cap)\b",
        CI,
    ),
    # size
    re.compile(
        r"\bhow\s+many\s+(?:employees|staff(?:\s+members)?|workers|offices|locations|branches"
        r"|stores|countries|clients|customers|users|subsidiaries|plants|campuses|sites)\b"
        r"(?!\s+(?:report\s+to\s+you|do\s+you|are\s+on\s+your|have\s+you|did\s+you))",
        CI,
    ),
    re.compile(
        r"\bhow\s+many\s+(?:people|hospitals|clinics|schools|beds|members|restaurants|physicians"
        r"|doctors|nurses|lawyers|engineers|teachers|volunteers)\s+(?:(?:work|are\s+employed"
        rf"|are|are\s+there)\s+(?:at|for|in|within)\s+{ORG}|(?:does|do)\s+{ORG}\s+(?:have|employ"
        r"|run|operate))",
        CI,
    ),
    re.compile(
        rf"\bhow\s+(?:big|large|old)\s+is\s+{ORG}|\bwhat\s+size\s+is\s+{ORG}|\bhow\s+much\s+revenue\b",
        CI,
    ),
    # where it is
    re.compile(
        rf"\bwhere\s+(?:is|are|'s)\s+{ORG}\s+(?:headquartered|based|located)\b"
        r"|\bwhere\s+(?:is|are|'s)\s+(?:the|your|its)\s+(?:headquarters|hq|head\s+office"
        rf"|main\s+office|offices)\b|\bwhere\s+(?:is|are|'s)\s+{ORG}\s+(?:headquarters|hq"
        r"|head\s+office|main\s+office|offices)\b"
        r"|\bwhere\s+are\s+you\s+(?:based|located)\b"
        r"|\b(?:which|what)\s+(?:city|cities|country|countries|state|states|regions?|markets?)\s+"
        rf"(?:is|are|does|do)\s+{ORG}\s+(?:based|located|headquartered|operate|in|have\s+offices)\b",
        CI,
    ),
    # founding, listing, leaders
    re.compile(
        rf"\b(?:when|what\s+year)\s+(?:was|were|did)\s+{ORG}\s+(?:founded|started|established"
        r"|created|formed|incorporated|launched|go\s+public|start|open|ipo|begin)\b"
        rf"|\bwho\s+(?:founded|started|owns|runs|leads|heads|created)\s+{ORG}"
        r"|\bwho(?:'s|\s+is|\s+was)\s+(?:the|your|its)\s+(?:ceo|founder|president|owner"
        r"|chair(?:man|woman)?"
        r"|executive\s+director|head)\b"
        rf"|\bhow\s+long\s+has\s+{ORG}\s+been\s+(?:around|in\s+business|operating|open)\b"
        rf"|\b(?:is|was)\s+{ORG}\s+(?:a\s+)?(?:publicly\s+(?:traded|listed|held)|public"
        r"|listed|privately\s+held|private|for-profit|nonprofit)\b",
        CI,
    ),
]

_ROLE_WORD = r"(?:title|position|role|job|employer|company|job\s+title|post)"
_PROFILE = [
    # title, employer
    re.compile(
        r"^\s*what(?:'s|\s+is|\s+was)\s+your\s+(?:(?:current|official|exact|previous|last|first"
        rf"|prior|present)\s+)*{_ROLE_WORD}(?:\s+(?:at|with)\s+(?:the\s+)?[\w'\-&]+"
        rf"(?:\s+[\w'\-&]+)?|\s+in\s+{ORG}|\s+before\s+(?:this(?:\s+one)?|that|joining\b.*|you\s+joined\b.*))?"
        + _END,
        CI,
    ),
    re.compile(
        r"^\s*what\s+do\s+you\s+do\s*(?:for\s+(?:a\s+living|work)|at\s+[\w'\-]+(?:\s+[\w'\-]+)?)?"
        + _END
        + r"|\bwhat\s+(?:company|firm|organi[sz]ation|agency|employer)\s+do\s+you\s+work\s+(?:for"
        r"|at|with)\b|^\s*(?:where|who)\s+do\s+you\s+work(?:\s+for)?"
        + _END
        + r"|\bwhere\s+(?:did|have)\s+you\s+work(?:ed)?\s+(?:before|previously|prior)\b"
        r"|\b(?:which|what)\s+(?:companies|firms|organi[sz]ations|employers)\s+(?:have|did)\s+you"
        r"\s+work(?:ed)?\b|\bwhat\s+did\s+you\s+do\s+(?:before|prior\s+to)\s+(?:joining|this"
        r"|that|you\s+joined)\b|\b(?:what|which)\s+(?:company|firm|organi[sz]ation|agency"
        r"|employer)\s+(?:were|was)\s+you\s+(?:at|with|in)\b",
        CI,
    ),
    # school, degree, major
    re.compile(
        r"\bwhere\s+did\s+you\s+(?:go\s+to|attend|study|get\s+your|earn\s+your|do\s+your|graduate"
        r"|complete\s+your|do\s+(?:your\s+)?(?:undergrad|graduate|grad)\w*)\b"
        r"|\b(?:what|which)\s+(?:school|college|university|grad\s+school|graduate\s+school"
        r"|law\s+school|business\s+school|program)\s+did\s+you\s+(?:go\s+to|attend|graduate\s+from"
        r"|finish)\b|\bwhat\s+did\s+you\s+(?:study|major\s+in|minor\s+in)\b(?!\s+(?:to\s+prepare"
        r"|that\s+(?:you|most)))|\bwhat\s+(?:was|is)\s+your\s+(?:major|minor|degree|field\s+of"
        r"\s+study)(?:\s+(?:in|at|as\s+an?)\s+[\w'\-]+){0,2}(?:\s+(?:in|from|at))?"
        + _END
        + r"|\bwhat\s+degrees?\s+do\s+you"
        r"\s+(?:have|hold)\b|\bdid\s+you\s+(?:go\s+to|attend)\s+(?:college|grad\s+school|graduate"
        r"\s+school|university|law\s+school|business\s+school)\b|^\s*did\s+you\s+(?:study|major\s+in)"
        r"\s+\w+|^\s*do\s+you\s+have\s+(?:an?\s+)?(?:mba|phd|ph\.d\.?|master'?s|law\s+degree|cpa"
        r"|\w+\s+degree)\b",
        CI,
    ),
    # tenure
    re.compile(
        r"\bhow\s+long\s+(?:have|had)\s+you\s+(?:worked|been)\s+(?:at|with|for)\s+"
        rf"(?:{ORG}|here|there|the\s+\w+)|\bhow\s+long\s+(?:have|had)\s+you\s+been\s+in\s+(?:{ORG}"
        r"|your\s+(?:current\s+)?(?:role|job|position))"
        r"|\bhow\s+(?:long|many\s+years)\s+(?:did\s+you\s+(?:work|stay|spend)|were\s+you)"
        r"\s+(?:at|with)\b"
        r"|\bhow\s+long\s+was\s+your\s+(?:stint|time|tenure|career)\s+(?:at|with|in)\b"
        r"|\bhow\s+many\s+years\s+(?:have|had|did)\s+you\s+(?:worked|work|been|spent|spend)\s+"
        rf"(?:at|with|for)\s+(?:{ORG}|here|there)"
        r"|\b(?:what\s+year|when)\s+did\s+you\s+(?:join|start\s+(?:at|with)|begin\s+at|move\s+to)"
        rf"\s+(?:{ORG}|here|there)"
        # the same asked yes or no: "Have you been with the firm long?"
        r"|\b(?:have|had)\s+you\s+(?:worked|been)\s+(?:at|with|for)\s+"
        rf"(?:{ORG}|here|there|the\s+\w+)\s+(?:long|for\s+(?:long|a\s+while|many\s+years))\b",
        CI,
    ),
]


def researchable(question: str) -> str | None:
    """The words that ask for a website or profile fact, or None."""
    text = _FILLER.sub("", question.strip())
    if _WHY_HOW.search(text):
        return None
    for pattern in _ORGANIZATION + _PROFILE:
        match = pattern.search(text)
        if match:
            return match.group().strip()
    return None
