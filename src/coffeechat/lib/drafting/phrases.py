"""What the seeker typed, made into pieces a sentence can hold.

People type full sentences ("I'm exploring data analytics."), fragments ("data analytics in
health care"), notes to themselves ("Spoke at the campus design night") or nothing. A draft
never pastes that text into a frame as it is: each field is read for the piece the sentence
needs (a topic, a description of oneself, the name of an event, the title of a piece, the
person who links them), and a piece that cannot be read is left out rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata

from coffeechat.lib.etiquette.rules_own import repeated_run as etiquette_repeated_run

_SPACES = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»„"
_END = ".!?;:,…-–— "
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

MAX_PIECE_WORDS = 12  # a piece longer than this reads as a note, not a phrase


def clean(text: str | None) -> str:
    """One line, single spaces, no surrounding quotes or control characters."""
    text = "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] != "C" or ch == " ")
    return _SPACES.sub(" ", text).strip().strip(_QUOTES).strip()


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(clean(text), maxsplit=1)[0]


def bare(text: str) -> str:
    """A phrase without the punctuation a sentence would have ended it with."""
    return clean(text).rstrip(_END).strip(_QUOTES).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def repeated_run(text: str) -> str:
    """A run of four or more words that comes twice in the text ("" when none does): a draft
    that says the same thing twice reads like a paste (the checker's text.repeated)."""
    return etiquette_repeated_run(text) or ""


def fits(text: str, limit: int = MAX_PIECE_WORDS) -> bool:
    return 0 < len(words(text)) <= limit


def lower_first(text: str) -> str:
    """ "Your piece" → "your piece" for the middle of a sentence; names and acronyms ("SQL",
    "McKinsey", "iOS") keep their capitals."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and first.isalpha():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# The seeker ------------------------------------------------------------------------------

_I_AM = r"(?:i\s*(?:'|’)?\s*m|i\s+am)\b"
_LEADING_I_AM = re.compile(rf"^\s*{_I_AM}\s*", re.IGNORECASE)
_EXPLORING = re.compile(
    rf"^\s*(?:{_I_AM}\s*|i\s+(?:want|would\s+like|hope|plan|wish)\s+to\s+|i(?:'|’)d\s+like\s+to\s+)?"
    r"(?:(?:currently|now|really|also)\s+)?"
    r"(?:exploring|explore|interested\s+in|looking\s+into|look\s+into|curious\s+about|"
    r"considering|consider|learning\s+about|learn\s+about|thinking\s+about|researching|"
    r"moving\s+into|move\s+into|getting\s+into|get\s+into|breaking\s+into|break\s+into|"
    r"switching\s+to|switch\s+to|a\s+move\s+into|a\s+career\s+in)\s+",
    re.IGNORECASE,
)
_NO_ARTICLE = re.compile(
    r"^(?:a|an|the|my|one|two|three|someone|somebody|currently|now|based|from|in|at|on|"
    r"about|working|studying|finishing|completing|starting|leaving|returning|back|new\s+to|"
    r"also|still|just)\b|^\w+(?:ing|ly)\b|^\d",
    re.IGNORECASE,
)


def topic(text: str | None) -> str:
    """What the seeker is exploring, as a noun phrase: "I'm exploring data analytics." →
    "data analytics"; "interested in UX research" → "UX research"."""
    phrase = bare(first_sentence(text or ""))
    while True:
        shorter = _EXPLORING.sub("", phrase, count=1)
        if shorter == phrase:
            break
        phrase = shorter.strip()
    phrase = bare(phrase)
    if _SENTENCE_OF_ITS_OWN.match(phrase):
        return ""  # "My goal is to move into policy": a sentence, not a topic
    return phrase if fits(phrase) else ""


def opens_a_sentence(text: str) -> bool:
    """The text begins as a sentence of its own ("My goal is…", "I led…"), not a phrase."""
    return bool(_SENTENCE_OF_ITS_OWN.match(clean(text)))


_SENTENCE_OF_ITS_OWN = re.compile(
    r"^(?:i|i'm|i’m|i've|i’ve|i'd|i’d|my|we|we're|our|me|it|it's|this|that|there)\b", re.I
)


def self_description(text: str | None) -> str:
    """How the seeker describes themselves, to follow "I'm": "I'm a nurse." → "a nurse";
    "third-year economics student" → "a third-year economics student"."""
    phrase = bare(first_sentence(text or ""))
    phrase = _LEADING_I_AM.sub("", phrase).strip()
    phrase = bare(phrase)
    if not fits(phrase):
        return ""
    if _NO_ARTICLE.match(phrase) or not phrase[:1].isalpha():
        return phrase
    return f"{indefinite_article(phrase)} {phrase}"


def indefinite_article(phrase: str) -> str:
    typed = phrase.split(" ", 1)[0].split("-", 1)[0]
    if len(typed) > 1 and typed.isupper():  # an MBA student, an RN, a BA student
        return "an" if typed[0] in "AEFHILMNORSX" else "a"
    word = typed.lower()
    if word.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    if word.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if word[:1] in "aeiou" else "a"


def first_name_of(full_name: str | None) -> str:
    """What to call someone in a greeting: the first word of their name."""
    name = clean(full_name)
    return name.split(" ", 1)[0] if name else ""


def without_aside(text: str) -> str:
    """ "Bean There Café (summer barista)" → "Bean There Café"."""
    return bare(re.sub(r"\s*[(\[].*?[)\]]", "", clean(text)))


# Notes on how the seeker knows someone ------------------------------------------------

DETERMINER = re.compile(r"^(?:the|a|an|this|that|last|our|your|my|his|her|their)\b", re.I)
_LEADING_SUBJECT = re.compile(
    r"^(?:(?:i|we|he|she|they)\s+(?:first\s+|both\s+|once\s+|recently\s+)?)", re.IGNORECASE
)
_VERB = re.compile(
    r"^(?P<verb>met|meeting|spoke|speaking|presented|presenting|talked|talking|gave|"
    r"chatted|heard|saw|watched|listened\s+to|attended|connected|wrote|published|posted|"
    r"recorded|hosted|ran|led|taught|teaches|worked|took|read|found|came\s+across|saw)\b"
    r"(?:\s+(?:him|her|them|me|us|you))?",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"^(?:at|on|in|during|after|through|via|from|about)\s+", re.I)

_THEIR_TALK = re.compile(r"^(?:talk|speak|present|keynote|panel|lecture)\s+(?=at\b|during\b)", re.I)
SPEAKING_VERBS = {"spoke", "speaking", "presented", "presenting", "talked", "talking", "gave"}
HEARING_VERBS = {"heard", "saw", "watched", "listened to", "attended"}


def split_note(detail: str) -> tuple[str, str, str]:
    """(subject, verb, rest) of a note such as "Spoke at the design night": the subject is
    "" when the note leaves it out (then it is about them), the verb "" when there is none."""
    text = bare(first_sentence(detail))
    subject = ""
    match = _LEADING_SUBJECT.match(text)
    if match:
        subject = match.group(0).split()[0].lower()
        text = text[match.end() :]
    verb_match = _VERB.match(text)
    if not verb_match:
        return subject, "", text
    verb = _SPACES.sub(" ", verb_match.group("verb").lower())
    rest = text[verb_match.end() :].strip()
    return subject, verb, rest


def _noun_phrase(text: str) -> str:
    """A name or a noun phrase the way a sentence needs it: proper names as they are, other
    phrases with "the" when they have no determiner."""
    phrase = bare(_PREPOSITION.sub("", bare(text)))
    if not fits(phrase, 10):
        return ""
    if DETERMINER.match(phrase) or phrase[:1].isupper() or not phrase[:1].isalpha():
        return lower_first(phrase) if DETERMINER.match(phrase) else phrase
    return f"the {phrase}"


def event(detail: str | None) -> tuple[str, bool]:
    """(the event's name, whether they spoke there) from a note: "Spoke at the campus design
    night" → ("the campus design night", True); "Met at TechWeek" → ("TechWeek", False)."""
    subject, verb, rest = split_note(detail or "")
    spoke = verb in SPEAKING_VERBS and subject in ("", "he", "she", "they")
    heard = verb in HEARING_VERBS and subject in ("", "i", "we")
    rest = _THEIR_TALK.sub("", rest)  # "heard her [talk] at …"
    return _noun_phrase(rest), spoke or heard


_WORK_KINDS = {
    "read": ("piece", "article", "post", "essay", "paper", "book", "newsletter", "blog",
             "op-ed", "report", "thread", "column", "study", "chapter"),
    "heard": ("talk", "keynote", "presentation", "lecture", "speech", "panel", "session",
              "webinar"),
    "listened to": ("podcast", "episode", "interview", "show"),
    "watched": ("video", "documentary", "demo"),
}  # fmt: skip


def their_work(detail: str | None) -> tuple[str, str]:
    """(how the seeker met the work — "read", "heard"…, the work as "your …") from a note:
    "Wrote the piece on e-scooter demand" → ("read", "your piece on e-scooter demand");
    "Pricing Wildfire Risk" → ("read", "your piece “Pricing Wildfire Risk”")."""
    _, verb, rest = split_note(detail or "")
    phrase = bare(rest)
    if not fits(phrase, 14):
        return "", ""
    lowered = phrase.lower()
    stripped = DETERMINER.sub("", lowered).strip()
    for how, kinds in _WORK_KINDS.items():
        for kind in kinds:
            if stripped.startswith(kind):
                return how, "your " + DETERMINER.sub("", phrase).strip()
    how = "heard" if verb in SPEAKING_VERBS else "read"
    noun = "talk" if how == "heard" else "piece"
    title = DETERMINER.sub("", phrase).strip().strip(_QUOTES).strip()
    return (how, f"your {noun} “{title}”") if title else ("", "")


_RELATION = re.compile(
    r"^(?:my|our)\s+(?P<relation>[\w' -]{2,40}?)\s+(?:at|from|in|during)\s+(?P<place>.+)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^(?P<linker>(?:my|our)\s+[\w -]{2,30}?|[\w .-]{2,40}?)(?:'|’)s\s+\w+")
_THROUGH = re.compile(r"^(?:through|via|from|thanks\s+to|introduced\s+by|met\s+through)\s+",
                      re.IGNORECASE)  # fmt: skip


def relation_and_place(detail: str | None) -> tuple[str, str]:
    """ "My manager at the summer café job" → ("manager", "the summer café job")."""
    match = _RELATION.match(bare(first_sentence(detail or "")))
    if not match:
        return "", ""
    place = _noun_phrase(match.group("place"))
    relation = bare(match.group("relation"))
    return (relation, place) if place and fits(relation, 4) else ("", "")


def linking_person(detail: str | None) -> str:
    """Who links the seeker to someone, from a note: "My roommate's older brother" → "my
    roommate"; "Through Søren" → "Søren"; "Introduced by Ana Ruiz" → "Ana Ruiz"."""
    text = bare(first_sentence(detail or ""))
    through = _THROUGH.match(text)
    if through:
        person = bare(text[through.end() :])
        return person if fits(person, 5) else ""
    possessive = _POSSESSIVE.match(text)
    if possessive:
        linker = bare(possessive.group("linker"))
        linker = re.sub(r"^(My|Our)\b", lambda m: m.group(1).lower(), linker)
        return linker if fits(linker, 5) else ""
    return ""


_MY_RELATION = re.compile(r"^(?:my|our)\s+(?P<relation>[^\W\d_][\w' -]{1,30})$", re.I)


def relation(detail: str | None) -> str:
    """The seeker's relation to someone, when a note is only that: "My cousin" → "cousin"."""
    match = _MY_RELATION.match(bare(first_sentence(detail or "")))
    if not match:
        return ""
    found = bare(match.group("relation"))
    return found if fits(found, 3) and "'" not in found and "’" not in found else ""


_CLASS_WORDS = ("class", "course", "seminar", "lecture", "lab", "module", "studio", "section")
_TEACHERS = r"(?:professor|prof|teacher|instructor|lecturer|ta|teaching\s+assistant|tutor)"
_TEACHER = re.compile(
    rf"^(?:(?:my|our)\s+)?(?P<subject>.+?)\s+{_TEACHERS}$"
    rf"|^(?:(?:my|our)\s+)?{_TEACHERS}\s+(?:in|for)\s+(?P<after>.+)$",
    re.IGNORECASE,
)


def class_taken(detail: str | None) -> str:
    """The class the seeker took with a professor or TA, as "your … class": "Taught my Intro
    to Statistics class" → "your Intro to Statistics class"; "My statistics professor" →
    "your statistics class"."""
    text = bare(first_sentence(detail or ""))
    teacher = _TEACHER.match(text)
    if teacher:
        subject = bare(teacher.group("subject") or teacher.group("after") or "")
        subject = DETERMINER.sub("", subject).strip()
        if subject.lower().endswith(_CLASS_WORDS):
            return f"your {subject}" if fits(subject, 6) else ""
        return f"your {subject} class" if fits(subject, 6) else ""
    _, _, rest = split_note(text)
    phrase = DETERMINER.sub("", bare(rest)).strip()
    if fits(phrase, 8) and any(w in phrase.lower().split() for w in _CLASS_WORDS):
        return f"your {phrase}"
    return ""
