"""What a good request says: that the aim is to learn (purpose), and that the conversation is
asked for with a question (request). The connection is in connection.py."""

from __future__ import annotations

import re

CI = re.IGNORECASE

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
    # the reader shares or tells their path or work; "happy to share more about me" does not
    r"|\b(?:share|sharing|tell|telling|walk\s+me\s+through|talk\s+(?:me\s+)?through|explain"
    r"|explaining|describe|describing|discuss)\s+(?:(?:with\s+)?(?:me|us)\s+|to\s+(?:me|us)\s+)?"
    r"(?:a\s+(?:bit|little)\s+|more\s+|some\s+(?:of\s+)?)?(?:about\s+)?(?:how|what|why|which"
    r"|where|when|your|yours)\b"
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
    r"\b(?:(?:I\s+)?(?:would|'d)\s+(?:really\s+|also\s+|very\s+much\s+|so\s+)?(?:like|love"
    r"|appreciate|welcome|value|treasure|be\s+(?:very\s+|so\s+|most\s+)?(?:grateful|happy"
    r"|glad|honou?red|thrilled|delighted|obliged))|I\s+(?:was|am|'m)\s+hoping|I\s+hope|please"
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


def has_question_request(sentences: list[str], other_ask=None) -> bool:
    """A question that asks for the conversation. A question that asks for something else
    ("Would you be willing to refer me?", found by `other_ask`) only counts when it also
    names the conversation."""
    for s in sentences:
        if not is_question(s):
            continue
        if CONVERSATION.search(s):
            return True
        if _QUESTION_REQUEST.search(s) and not (other_ask and other_ask(s)):
            return True
    return False
