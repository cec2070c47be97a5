"""What a good request says: how the writer got the name (connection), that the aim is to
learn (purpose), and that the conversation is asked for with a question (request)."""

from __future__ import annotations

import re

CI = re.IGNORECASE

# --- connection: a referral, something shared, or something of theirs the writer met ---------

_WORK_OF_THEIRS = (
    r"(?:talk|talks|presentation|panel|keynote|session|lecture|webinar|workshop|podcast|interview"
    r"|episode|speech|article|articles|post|posts|blog|book|paper|essay|op-ed|column|piece"
    r"|newsletter|thread|video|research|study|remarks|class|course|seminar|tweet|story|profile"
    r"\s+in|feature|q&a|ama|appearance|comments?)"
)
CONNECTION = [
    # a referral by someone
    re.compile(
        r"\b(?:suggested|recommended|advised|encouraged|urged|told\s+me)\s+(?:that\s+)?"
        r"(?:I|me|we)\b",
        CI,
    ),
    re.compile(
        r"\b(?:mentioned|told\s+me\s+about|spoke\s+(?:very\s+)?(?:highly\s+)?(?:of|about)"
        r"|speaks\s+(?:very\s+)?highly\s+of|raved\s+about|pointed\s+me\s+to|said)"
        r"\s+(?:that\s+)?(?:you|your)\b",
        CI,
    ),
    re.compile(
        r"\b(?:gave|passed|passed\s+along|passed\s+on|shared|forwarded|sent|provided)"
        r"\s+(?:me\s+)?(?:along\s+)?your\s+(?:name|contact|details|email|information|info"
        r"|profile|number)",
        CI,
    ),
    re.compile(r"\b(?:referred|pointed|directed|sent)\s+me\b(?!\s+(?:for|to\s+apply))", CI),
    re.compile(
        r"\b(?:put\s+(?:me|us)\s+in\s+touch|introduced\s+(?:us|me)|connected\s+(?:us|me)"
        r"|(?:thought|thinks|said|felt|feels)\s+(?:that\s+)?(?:I|we)\s+(?:should|ought|might"
        r"|could)|(?<!\bI\s)(?:thought|thinks|believes|felt|feels)\s+(?:that\s+)?you"
        r"(?:\s+(?:might|would|could)|'d)|told\s+me\s+to\s+(?:contact|reach|write|get|email"
        r"|call|talk|speak|connect)|asked\s+me\s+to\s+(?:contact|reach|write|get))\b",
        CI,
    ),
    re.compile(
        r"\b(?:got|found|received|have)\s+your\s+(?:name|contact|details|email)\b"
        r"|\byour\s+name\s+came\s+up\b|\bat\s+the\s+suggestion\s+of\b"
        r"|\bon\s+the\s+(?:recommendation|advice)\s+of\b|\b\w+'s\s+suggestion\b",
        CI,
    ),
    re.compile(
        r"\b(?:your|our)\s+(?:colleague|coworker|co-worker|friend|former\s+\w+|teammate"
        r"|manager|classmate|mentee|student|client)\b|\bmutual\s+(?:friend|connection"
        r"|contact|colleague|acquaintance)s?\b",
        CI,
    ),
    # something shared: school, employer, group, program, event
    re.compile(
        r"\bwe\s+(?:were|are|'re|both|met|spoke|talked|chatted|worked|studied|overlapped"
        r"|share|have|went|attended|served|volunteered|played|sat|grew\s+up|belong)\b"
        r"|\bwe're\b|\bwe've\s+(?:met|spoken|talked|both|worked)",
        CI,
    ),
    re.compile(
        r"\b(?:fellow|as\s+a\s+fellow|same\s+(?:[\w\-]+\s+)?(?:school|university|college|program"
        r"|company|firm|team|group|class|cohort|department|lab|chapter|club|office|hometown)"
        r"|also\s+an?\s+(?:[\w\-]+\s+){0,3}?(?:alum|alumna|alumnus|alumni|graduate|grad"
        r"|member|student)|alumn(?:a|us|i|ae)|alum|both\s+(?:members|alumni|graduates|at|in"
        r"|from|worked|studied|attended))\b",
        CI,
    ),
    re.compile(
        r"\byou\s+and\s+I\b|\blike\s+you,|\bjust\s+like\s+you\b|\blike\s+you\s+(?:did|were|once)\b"
        r"|\bas\s+you\s+did\b"
        r"|\bI\s+(?:also|too)\s+(?:studied|worked|went|attended|graduated|interned|teach"
        r"|am|grew\s+up)\b|\bI\s+(?:studied|worked|went|attended|graduated|interned)\b"
        r"[^.?!]{0,60}\b(?:too|as\s+well|like\s+you)\b",
        CI,
    ),
    re.compile(
        r"\b(?:found|came\s+across|saw|noticed)\s+(?:you|your\s+(?:name|profile))"
        r"\s+(?:through|via|in|on)\s+(?:the|our|my)\s+(?:[\w'\-]+\s+){0,4}?(?:alumni|group"
        r"|network|association|chapter|directory|database|community|club|society|program"
        r"|forum|slack|list)\b",
        CI,
    ),
    re.compile(
        r"\b(?:alumni|mentor(?:ing)?)\s+(?:network|directory|database|group|association"
        r"|platform|program)\b",
        CI,
    ),
    # something of theirs the writer read, heard or attended
    re.compile(
        rf"\b(?:read|reading|enjoyed|loved|admired|appreciated|heard|hearing|saw|seeing"
        rf"|watched|watching|listened\s+to|attended|caught|came\s+across|found|followed"
        rf"|took|taking|remember)\s+(?:about\s+)?your\s+(?:[\w'\-]+\s+){{0,3}}?"
        rf"{_WORK_OF_THEIRS}\b",
        CI,
    ),
    re.compile(
        rf"\byour\s+(?:[\w'\-]+\s+){{0,3}}?{_WORK_OF_THEIRS}\s+(?:on|about|at|in|for"
        rf"|with|last|this|from)\b",
        CI,
    ),
    re.compile(
        r"\b(?:read|reading|heard|hearing)\s+(?:about\s+)?(?:you|your\s+(?:work|path"
        r"|story|career|journey|move|transition))\b"
        r"|\byou\s+(?:spoke|presented|talked|lectured|visited|taught|wrote|gave|mentored|advised"
        r"|judged|hosted|coached|moderated|were\s+on|appeared|guest)\b|\bmet\s+(?:you|at)\b"
        r"|\bI\s+met\b|\byour\s+guest\b",
        CI,
    ),
]


def has_connection(sentences: list[str]) -> bool:
    return any(pattern.search(sentence) for sentence in sentences for pattern in CONNECTION)


# --- purpose: the aim is to learn about the reader's work ---------------------------------

PURPOSE = re.compile(
    r"\b(?:learn|learning|learned|understand|understanding|advice|advise|insights?|information"
    r"|informational|perspectives?|curious|curiosity|guidance|wisdom|pick\s+your\s+brain"
    r"|find\s+out|know\s+more|get\s+a\s+sense|gain\s+a\s+sense|a\s+sense\s+of|your\s+(?:views?"
    r"|thoughts|take|experience|story|path|journey|input|tips|suggestions|recommendations)"
    r"|lessons|takeaways|figure\s+out|get\s+a\s+feel|get\s+your\s+take)\b"
    r"|\bwhat\s+(?:it|the\s+\w+|your\s+\w+|\w+ing)\s+(?:is|was|'s)\s+(?:really\s+)?like\b"
    r"|\bhear(?:ing)?\s+(?!from\s+you\s*(?:[.?!,]|$|soon))(?:about|how|what|why|more|your|from"
    r"\s+you\s+about|a\s+bit|some|any)\b"
    r"|\b(?:share|sharing|tell\s+me|walk\s+me\s+through|talk\s+(?:me\s+)?through|explain"
    r"|describe|discuss)\s+(?:a\s+(?:bit|little)\s+(?:about\s+)?|more\s+(?:about\s+)?"
    r"|some\s+)?(?:how|what|why|which|where|when|your|about|a\s+bit|some)\b"
    r"|\bask\s+(?:you\s+)?(?:a\s+(?:few|couple)\s+(?:of\s+)?|some\s+|several\s+)?"
    r"(?:questions?|about)\b|\bask\s+you\b"
    r"|\b(?:talk|chat|speak|hear|conversation)\s+(?:with\s+(?:you|me)\s+)?about\s+(?:your|how"
    r"|what|the\s+(?:field|industry|work|role))\b",
    CI,
)

# --- the request for the conversation -----------------------------------------------------

CONVERSATION = re.compile(
    r"\b(?:call|chat|talk|speak|meet|meeting|conversation|coffee|minutes?|hour|phone|video|zoom"
    r"|connect|sit\s+down|informational\s+interview|time)\b",
    CI,
)
_STATEMENT_REQUEST = re.compile(
    r"\b(?:I\s+would\s+(?:really\s+)?(?:like|love|appreciate|welcome|be\s+(?:grateful|happy"
    r"|glad|honored|thrilled))|I'd\s+(?:really\s+)?(?:like|love|appreciate|welcome|be\s+(?:grateful"
    r"|happy|glad|honored|thrilled))|I\s+(?:was|am|'m)\s+hoping|I'm\s+hoping|I\s+hope|please"
    r"|let\s+me\s+know|if\s+you\s+(?:could|can|have|are|would|might|were)|I\s+am\s+available"
    r"|I'm\s+available|hoping\s+to|I\s+want(?:ed)?\s+to|I\s+(?:am\s+)?writing\s+to|request"
    r"|schedule|set\s+up)\b",
    CI,
)
_QUESTION_REQUEST = re.compile(
    r"\b(?:possible|available|open\s+to|willing|free|spare|interested|up\s+for|have\s+time"
    r"|make\s+time|find\s+time)\b",
    CI,
)


def is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"')]").endswith("?")


def request_statements(sentences: list[str]) -> list[str]:
    """Sentences that ask for the conversation without a question mark."""
    return [
        s
        for s in sentences
        if not is_question(s) and CONVERSATION.search(s) and _STATEMENT_REQUEST.search(s)
    ]


def has_question_request(sentences: list[str]) -> bool:
    return any(
        is_question(s) and (CONVERSATION.search(s) or _QUESTION_REQUEST.search(s))
        for s in sentences
    )
