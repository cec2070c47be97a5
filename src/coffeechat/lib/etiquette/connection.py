"""connection.missing: do the first two sentences say how the writer got the name, or what the
writer and the reader share?

Three kinds of link count, each found by the shape of the clause rather than by whole
phrasings:

- a referral: a third person (a name, "my cousin", "she", not I / we / you) is the subject of
  a verb of telling or sending (suggested, mentioned, told, gave, introduced…) whose clause is
  about the reader ("…suggested I write to you", "…told me about your work"), or the writer
  got the name from someone ("I got your name from…", "I was referred to you by…", "thanks
  for the introduction");
- something shared: "we"/"you and I" as a subject, "our" before a person or a group ("our
  mutual friend", "our kids' soccer coach", "our UT cohort"), "fellow", "both", "same",
  "like you", or a third person who worked or studied *with you*;
- something of theirs the writer met: "your" before a piece of work (article, talk, podcast…)
  outside a request ("I'd love to read your book" is not a link), or "you" as the subject of
  a past act of speaking ("you spoke at…", "you mentioned…").

Not a link: the writer's own school, "I noticed you work at X", a bare compliment.
"""

from __future__ import annotations

import re

CI = re.IGNORECASE

# --- a referral ----------------------------------------------------------------------------

_TELLING = re.compile(
    r"\b(?:suggest(?:s|ed)?|recommend(?:s|ed)|advis(?:es|ed)|encourag(?:es|ed)|urg(?:es|ed)"
    r"|tells?|told|mention(?:s|ed)|says|said|speaks|spoke|rav(?:es|ed)|point(?:s|ed)"
    r"|refer(?:s|red)|direct(?:s|ed)|sends|sent|gave|gives|pass(?:es|ed)|shared|forward(?:s|ed)"
    r"|introduc(?:es|ed)|connect(?:s|ed)|insist(?:s|ed)|thought|thinks|describ(?:es|ed)"
    r"|talks|talked|put\s+(?:me|us)\s+in\s+touch)\b",
    CI,
)
# Words that may stand between the subject and the verb: "Dana kindly suggested", "she has
# often said".
_BETWEEN = frozenset(
    [
        "also",
        "kindly",
        "recently",
        "once",
        "actually",
        "specifically",
        "warmly",
        "strongly",
        "just",
        "often",
        "always",
        "has",
        "have",
        "had",
        "who",
        "then",
        "later",
        "even",
        "first",
        "both",
        "still",
        "fondly",
        "highly",
    ]
)
_NOT_THIRD = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "we",
        "we've",
        "we'd",
        "you",
        "you've",
        "you'd",
        "it",
        "it's",
        "this",
        "that",
        "which",
        "they",
        "there",
        "what",
        "everyone",
        "everybody",
        "people",
        "anyone",
        "nobody",
    ]
)
# Things, not people, that "say" something: "your profile says you work at X" is no referral.
_THING = frozenset(
    [
        "profile",
        "bio",
        "page",
        "website",
        "site",
        "article",
        "post",
        "linkedin",
        "google",
        "search",
        "report",
        "news",
        "listing",
        "biography",
        "headline",
        "feed",
        "story",
    ]
)
_ABOUT_READER = re.compile(
    r"\b(?:you|your|yours|you're|you'd|you've|you'll)\b|\bname\b"
    r"|\b(?:contact|reach\s+out|get\s+in\s+touch|write|email|connect)\b(?!\s+(?:to|with)\s+(?!you))",
    CI,
)
_TOKEN = re.compile(r"[\w'\-]+")


def _subject_word(sentence: str, position: int) -> str:
    """The word that stands as the verb's subject, skipping adverbs ("she kindly said")."""
    words = _TOKEN.findall(sentence[:position])
    while words and words[-1].lower() in _BETWEEN:
        words.pop()
    if not words:
        return ""
    before = sentence[:position].rstrip()
    if before.endswith(","):
        return "<apposition>"  # "Dana Ortiz, my manager at Target, suggested…"
    return words[-1].lower()


def _referral(sentence: str) -> bool:
    for match in _TELLING.finditer(sentence):
        subject = _subject_word(sentence, match.start())
        if not subject or subject in _NOT_THIRD or subject in _THING:
            continue
        if _ABOUT_READER.search(sentence, match.end()) or re.search(r"\byou\b", sentence, CI):
            return True
    return False


_NAME_SOURCE = re.compile(
    r"\b(?:got|found|received|have|obtained|was\s+given|were\s+given)\s+your\s+(?:name|contact"
    r"|details|email|number|info(?:rmation)?)\b"
    r"|\b(?:was|were|been|got)\s+(?:kindly\s+)?(?:referred|directed|pointed|sent|introduced)"
    r"\s+(?:to\s+you|your\s+way)"
    r"|\byour\s+name\s+came\s+up\b|\bat\s+the\s+(?:suggestion|urging|recommendation)\s+of\b"
    r"|\bon\s+the\s+(?:recommendation|advice|suggestion)\s+of\b"
    r"|\b\w+'s\s+(?:kind\s+|generous\s+|warm\s+)?(?:suggestion|recommendation|introduction|referral)\b"
    r"|\b(?:introduc(?:ing|ed)|connect(?:ing|ed))\s+(?:us|me\s+to\s+you|the\s+two\s+of\s+us)\b"
    r"|\b(?:thanks?|thank\s+you|grateful)\b[^.?!]{0,40}\b(?:introduction|intro|referral"
    r"|connecting\s+us)\b"
    r"|\b(?:following|per|after)\s+(?:\w+\s+){0,3}?(?:introduction|intro|referral)\b",
    CI,
)

# --- something shared ----------------------------------------------------------------------

_PERSON = (
    r"(?:friends?|colleagues?|co-?workers?|classmates?|teammates?|neighbou?rs?|mentors?|mentees?"
    r"|coach(?:es)?|professors?|teachers?|instructors?|advis[eo]rs?|managers?|boss|supervisors?"
    r"|contacts?|connections?|acquaintances?|students?|interns?|clients?|alumn(?:us|a|i|ae)"
    r"|alums?|cousins?|relatives?|roommates?|partners?|tas?|tutors?|trainers?|preceptors?|deans?"
    r"|captains?|sergeants?|commanders?|officers?|principals?|counsel(?:l)?ors?|pastors?|leads?)"
)
_GROUP = (
    r"(?:cohort|class|program|programme|group|chapter|club|crew|school|university|college"
    r"|alma\s+mater|network|community|association|society|slack|church|congregation|league"
    r"|lab|seminar|course|section|bootcamp|troop|unit|squadron|platoon|battalion|regiment"
    r"|ship|division|guild|meetup|circle)"
)
_ORG = r"(?:company|firm|office|team|department|employer|organi[sz]ation)"
_SHARED = [
    # "we" as writer and reader in the past or in a lasting state ("we met", "we used to work
    # together", "we're both…"); "could we talk" asks for the future and is no link.
    re.compile(
        r"\bwe\s+(?:(?:also|once|briefly|both|all|each|actually|first|recently|previously)\s+)?"
        r"(?:\w+ed|were|met|spoke|went|sat|took|grew\s+up|ran|taught|found|saw|knew|wrote|overlapped"
        r"|used\s+to|both|all|share|belong|have\s+(?!never|not)(?:\w+\s+)?(?:known|met|worked|been|spoken|talked"
        r"|crossed)|had|are\s+(?:both|all|fellow|members|alumni|alums|part\s+of|in\s+the\s+same))\b"
        r"|\bwe(?:'re|\s+are)\s+(?:both|all|fellow|members|alumni|alums|part\s+of|in\s+the\s+same"
        r"|(?:already\s+)?connected)\b"
        r"|\bwe've\s+(?!never|not)(?:\w+\s+)?(?:met|worked|spoken|talked|crossed|known|been)\b"
        r"|\byou\s+and\s+I\b|\b(?:both\s+of|the\s+two\s+of)\s+us\b|\bus\s+both\b|\beach\s+other\b",
        CI,
    ),
    re.compile(
        rf"\bour\s+(?:mutual\s+|shared\s+|common\s+)?(?:[\w'\-&]+\s+){{0,4}}?(?:{_PERSON}|{_GROUP})\b",
        CI,
    ),
    re.compile(
        r"\bmutual\b|(?<!(?-i:[A-Z])\w\s)\bfellow\b(?!\s+(?:at|in|of|with|for)\b)"
        rf"|\bsame\s+(?:[\w\-]+\s+){{0,2}}?(?:{_GROUP}|{_ORG})\b"
        r"|\b(?:also|too)\s+an?\s+(?:[\w\-]+\s+){0,3}?(?:alum|alumna|alumnus|alumni|graduate|grad"
        r"|member|student|veteran|vet|volunteer|fellow|scholar)\b|\bboth\s+(?:members|alumni|graduates"
        r"|at|in|from|worked|studied|attended|served)\b"
        r"|\b(?:ahead\s+of|behind)\s+(?:me|you)\b|\bas\s+you\s+did\b"
        r"|(?<!'d\s)(?<!would\s)\blike\s+you\b(?!\s+to\b)",
        CI,
    ),
    re.compile(
        r"\bI\s+(?:also|too)\s+(?:studied|worked|went|attended|graduated|interned|teach|served"
        r"|grew\s+up)\b|\bI\s+(?:studied|worked|went|attended|graduated|interned|served)\b"
        r"[^.?!]{0,60}\b(?:too|as\s+well)\b",
        CI,
    ),
    # a third person (or the writer) who worked or studied with the reader
    re.compile(
        r"\b(?:work|serv|stud(?:i|y)|train|intern|volunteer|play|room|overlapp|teach|taught|coach"
        r"|mentor)(?:ed|ing)?\s+(?:alongside|with|under|for|beside)\s+you\b"
        rf"|\b{_GROUP}\s+(?:that\s+|which\s+)?you\s+(?:also\s+)?(?:went\s+through|attended|took"
        r"|completed|finished|graduated\s+from|were\s+in|led|ran|taught|founded|started)\b"
        r"|\b(?:taught|coached|mentored|supervised|trained|managed)\s+(?:both\s+of\s+us|us\s+both)\b",
        CI,
    ),
    re.compile(rf"\byour\s+(?:former\s+|old\s+|current\s+)?{_PERSON}\b", CI),
    # the writer's relation to the reader: "you were my TA at Reed", "as family"
    re.compile(
        r"\byou\s+(?:were|are|have\s+been|used\s+to\s+be)\s+(?:once\s+)?my\s+(?:[\w\-]+\s+){0,2}?"
        rf"{_PERSON}\b|\bas\s+(?:family|(?:a|an|your)\s+(?:old\s+|longtime\s+|family\s+)?(?:friend"
        r"|relative|family\s+member|cousin|neighbou?r|niece|nephew))\b",
        CI,
    ),
    re.compile(
        r"\b(?:found|came\s+across|saw|noticed)\s+(?:you|your\s+(?:name|profile))\s+(?:through"
        r"|via|in|on)\s+(?:the|our|my)\s+(?:[\w'\-]+\s+){0,4}?(?:alumni|group|network"
        r"|association|chapter|directory|database|community|club|society|program|forum"
        r"|slack|list)\b|\b(?:alumni|mentor(?:ing)?)\s+(?:network|directory|database|group"
        r"|association|platform|program)\b",
        CI,
    ),
]

# --- something of theirs the writer met ----------------------------------------------------

_WORK = (
    r"(?:talks?|presentations?|panels?|keynotes?|sessions?|lectures?|webinars?|workshops?"
    r"|podcasts?|interviews?|episodes?|speech(?:es)?|articles?|posts?|blogs?|books?|cookbooks?"
    r"|memoirs?|novels?|papers?|essays?|op-eds?|columns?|pieces?|newsletters?|threads?|videos?"
    r"|documentar(?:y|ies)|films?|exhibit(?:ion)?s?|research|study|studies|report|remarks"
    r"|class(?:es)?|courses?|seminars?|tweets?|q&a|ama|appearance|comments?|testimony"
    r"|sermon|show|series|fireside\s+chat|slides|deck)"
)
_YOUR_WORK = re.compile(rf"\byour\s+(?:[\w'\-&.]+\s+){{0,4}}?{_WORK}\b", CI)
_WANTING = re.compile(
    r"\b(?:would|could|can|will|'d|love|like|hope|hoping|want|wanted|eager|discuss|ask|learn"
    r"|hear)\b",
    CI,
)
_SPOKE = re.compile(
    r"\byou\s+(?:recently\s+|once\s+)?(?:spoke|presented|talked|lectured|mentioned|said|described"
    r"|shared|explained|argued|noted|wrote|posted|gave|hosted|moderated|appeared|guested"
    r"|were\s+(?:on|a\s+(?:guest|speaker|panelist))|visited|judged|told)\b"
    r"|\b(?:heard|saw|watched|caught|read|listened\s+to)\s+(?:you|about\s+you)\b"
    r"|\b(?:read|reading|heard|hearing)\s+(?:about\s+)?your\s+(?:work|path|story|career"
    r"|journey|move|transition)\b|\bmet\s+(?:you|at)\b|\bI\s+met\b",
    CI,
)


# A class the writer took with the reader, however long its name.
_TOOK_YOUR_CLASS = re.compile(
    r"\b(?:took|taken|was\s+in|were\s+in|attended|sat\s+in\s+on|enjoyed)\s+your\s+"
    r"(?:[\w'\-&.:,]+\s+){0,10}?(?:class(?:es)?|courses?|seminars?|lectures?|labs?|sections?"
    r"|modules?|studios?|workshops?)\b",
    CI,
)


def _their_work(sentence: str) -> bool:
    if _SPOKE.search(sentence) or _TOOK_YOUR_CLASS.search(sentence):
        return True
    for match in _YOUR_WORK.finditer(sentence):
        clause = re.split(r"[,;:]", sentence[: match.start()])[-1]
        if not _WANTING.search(clause):
            return True
    return False


def has_connection(sentences: list[str]) -> bool:
    """True when one of the sentences names a referral, something shared, or a piece of the
    reader's work that the writer read or heard."""
    for sentence in sentences:
        if _referral(sentence) or _NAME_SOURCE.search(sentence) or _their_work(sentence):
            return True
        if any(pattern.search(sentence) for pattern in _SHARED):
            return True
    return False
