"""ask.job: the writer asks for a job, an internship or openings, to be considered or hired,
or says they are applying.

A job word is not an ask ("a typical day on the job", "how you landed your first role",
"when someone is hiring"). An ask has one of these shapes, each with the writer as the
candidate and the reader (or the reader's organization) as the one who would give:

- the writer as the object of a verb of hiring: "hire me", "consider me", "take me on",
  "keep me in mind", "think of me", "offer me a role", "a spot for me";
- the writer as the subject of a wish for it: "I'd love to be considered", "I hope to be
  hired", "I could join your team", "any help getting my foot in the door" — a conditional
  does not weaken it ("if a role opens up, I hope you'll think of me");
- a question about the reader's openings: "any openings on your team?", "is your team
  hiring?", "does your lab have room for another assistant?", "which of your openings…";
- a favor aimed at a role: "refer me for the analyst position";
- the writer applying, or seeking a job ("I'm applying for…", "my application", "I'm
  looking for an internship"): see job_seeking.py.

A negation earlier in the clause cancels an ask ("I'm not asking for a job"), and the reader's
own past is never an ask ("how did you get hired?").
"""

from __future__ import annotations

import re

from coffeechat.lib.etiquette.asking import FOR_ROLE, ROLE_NOUN, readers_past, requested
from coffeechat.lib.etiquette.job_seeking import advice_before, applying, seeking, writer_subject
from coffeechat.lib.etiquette.text import clause_start, is_negated

CI = re.IGNORECASE

_JOB = r"(?:jobs?|positions?|roles?|internships?|interview|offer|spot|place|openings?|gig)"
_ORG = (
    r"(?:team|company|firm|group|lab|department|office|organi[sz]ation|agency|studio|practice"
    r"|unit|division|crew|shop|bank|hospital|school|district|newsroom|kitchen|restaurant)"
)
_READERS = (
    rf"(?:you\b|your\s+(?:[\w\-]+\s+){{0,2}}?{_ORG}\b"
    r"|(?-i:[A-Z])[\w&\-]+(?:\s+(?-i:[A-Z])[\w&\-]+)?)"
)

# --- the writer as the candidate -------------------------------------------------------------

_ME_AS_OBJECT = re.compile(
    r"\b(?:hire|employ|recruit|onboard|interview|shortlist)\s+me\b"
    r"(?!\s+for\s+(?:an?\s+)?(?:chat|call|coffee|conversation|podcast|story|article))"
    r"|\bconsider\s+me\b(?!\s+(?:an?\s|as\b|to\s+be|lucky|fortunate))"
    r"|\b(?:take|bring)\s+me\s+(?:on(?:board)?|aboard|in)\b|\b(?:take|bring)\s+on\s+me\b"
    r"|\bkeep\s+(?:me|my\s+(?:name|r[eé]sum[eé]|cv|profile|application))\s+(?:in\s+mind|on\s+file"
    r"|on\s+your\s+radar|in\s+the\s+loop\s+(?:about|on|for)\s+(?:openings|roles|positions))\b"
    r"|\bthink\s+of\s+me\b(?!\s+as\b)"
    rf"|\b(?:offer|give|find|get|have)\s+me\s+(?:a|an|the|any|some)\s+(?:[\w\-]+\s+){{0,2}}?{_JOB}\b"
    rf"|\b(?:a|an|any|the)\s+(?:[\w\-]+\s+){{0,2}}?{_JOB}\s+for\s+me\b",
    CI,
)
_PASSIVE = re.compile(
    r"\b(?:be|being|get|getting|been)\s+(?:\w+\s+)?(?:considered|hired|employed|recruited"
    r"|interviewed|onboarded|placed|taken\s+on|brought\s+on(?:board)?|shortlisted)\b",
    CI,
)
_JOIN = re.compile(
    r"\b(?:join|work\s+(?:for|at|on|with|alongside)|be\s+(?:a\s+)?part\s+of|become\s+(?:a\s+)?part"
    rf"\s+of|come\s+aboard)\s+(?:you\b|your\s+(?:[\w\-]+\s+){{0,2}}?{_ORG}\b|(?:the|your)\s+team\b)"
    r"(?!\s+(?:like|as)\b)",
    CI,
)
_CANDIDATE_FOR = re.compile(
    rf"\binterview\s+(?:for|with)\s+(?:the|this|a|an|that|your|any)\s+(?:[\w'\-]+\s+){{0,3}}?"
    rf"(?:{ROLE_NOUN}|team)\b|\b(?:a|as\s+a)\s+(?:\w+\s+)?(?:candidate|fit)\s+for\s+(?:the|this|a"
    rf"|an|that|your|any)\s+(?:[\w'\-]+\s+){{0,3}}?(?:{ROLE_NOUN}|team)\b",
    CI,
)
_WISH = re.compile(
    r"\b(?:could|can|might|would|'d|will|'ll|to|hope|hoping|love|like|want|wanted|eager|keen"
    r"|possible|way|chance)\b",
    CI,
)
_HELP_IN = re.compile(
    r"\bhelp(?:ing)?\s+(?:me\s+)?(?:to\s+)?(?:get|getting|land|landing|find|finding|secure|securing"
    r"|break|breaking)\s+(?:hired|in\b|into\s+(?:your|the)\s+\w+|(?:a|an|my|the|any)\s+"
    rf"(?:[\w\-]+\s+){{0,2}}?(?:{_JOB}|foot\s+in\s+the\s+door))",
    CI,
)


def _as_candidate(sentence: str) -> str | None:
    for match in _ME_AS_OBJECT.finditer(sentence):
        if _live(sentence, match.start()):
            return match.group()
    for pattern in (_PASSIVE, _CANDIDATE_FOR):
        for match in pattern.finditer(sentence):
            if _writer_wish(sentence, match.start()):
                return match.group()
    for match in _JOIN.finditer(sentence):
        clause = sentence[clause_start(sentence, match.start()) : match.start()]
        if _writer_wish(sentence, match.start()) and _WISH.search(clause):
            return match.group()
    for match in _HELP_IN.finditer(sentence):
        if _live(sentence, match.start()) and requested(sentence, match.start()):
            return match.group()
    return None


def _writer_wish(sentence: str, position: int) -> bool:
    """The writer wants it for themselves: "I'd love to be considered", not "how did you get
    hired" or "what helps new grads get hired"."""
    if not _live(sentence, position) or advice_before(sentence, position):
        return False
    before = sentence[clause_start(sentence, position) : position]
    if re.search(r"\b(?:I|I'm|I'd|I've|me|my|myself|you|they|he|she)\b", before, CI):
        return writer_subject(sentence, position)
    if re.match(r"\s*(?:hoping|eager|keen|excited|would\s+love|happy)\b", before, CI):
        return True
    # No subject in the clause ("if there's any way to get an interview with your team"):
    # the writer's wish elsewhere in the sentence decides ("…, I'd be so grateful").
    return bool(
        re.search(r"\b(?:I|I'd|I'm|me|my)\b", sentence, CI) and requested(sentence, len(sentence))
    )


# "Were a spot to open on your crew, I'd jump at it": an opening that may arise, and the
# writer's wish (or a request to be told) in the main clause.
_ARISES = re.compile(
    r"\b(?:if|should|were|when|whenever|once|in\s+case)\b[^.?!;]{0,60}?\b(?:roles?|positions?"
    r"|spots?|openings?|jobs?|internships?|vacanc(?:y|ies)|places?|seats?|anything|something)\b"
    r"[^.?!;]{0,40}?\b(?:opens?(?:\s+up)?|to\s+open|becomes?\s+available|comes?\s+up|arises"
    r"|frees?\s+up|is\s+posted|gets?\s+posted)\b[^,.?!;]{0,60},\s*(?P<main>[^.?!;]{1,120})",
    CI,
)
_MAIN_WISH = re.compile(
    r"^(?:please|do|kindly|feel\s+free|let\s+me\s+know)\b|^I(?:'d|'ll|\s+would|\s+will|\s+hope"
    r"|\s+am|'m)\b|\bthink\s+of\s+me\b|\bkeep\s+me\b|\blet\s+me\s+know\b",
    CI,
)


def _opening_arises(sentence: str) -> str | None:
    match = _ARISES.search(sentence)
    if not match or not _live(sentence, match.start()):
        return None
    main = match.group("main").strip()
    if re.match(r"(?:what|how|why|which|who|where|when|should|do|does|is|are)\b", main, CI):
        return None  # "if a role opens up, how should I prepare?"
    return match.group() if _MAIN_WISH.search(main) else None


# --- the reader's openings -------------------------------------------------------------------

_OPENINGS = re.compile(
    r"\b(?:(?:job|open|current|available|internship|new)\s+)?(?:openings?|vacanc(?:y|ies))\b"
    r"|\bopen\s+(?:positions?|roles?|jobs?|spots?|reqs?|headcount|internships?)\b"
    r"|\b(?:positions?|roles?|jobs?|internships?|spots?)\s+(?:(?:are|is)\s+(?:currently\s+"
    r"|still\s+|now\s+)?)?(?:available|open)\b"
    r"|\b(?:job|internship|employment)\s+opportunit(?:y|ies)\b",
    CI,
)
_OPENING_CUE = re.compile(
    r"\b(?:any|are\s+there|is\s+there|have|has|had|know\s+of|aware\s+of|wonder(?:ed|ing)?"
    r"|whether|if|apply(?:ing)?|about|inquire|enquire|your|which|what)\b",
    CI,
)
_NOT_AN_OPENING = re.compile(
    r"\s+(?:line|lines|remarks?|statement|paragraph|act|night|day|for\s+(?:growth|innovation"
    r"|improvement|discussion|dialogue|change|collaboration|investment))\b",
    CI,
)


def _openings(sentence: str) -> str | None:
    if re.match(r"\s*(?:how|why)\b", sentence, CI) or re.search(r"\bcompetition\b", sentence, CI):
        return None
    for match in _OPENINGS.finditer(sentence):
        if _NOT_AN_OPENING.match(sentence, match.end()) or not _live(sentence, match.start()):
            continue
        if re.search(r"(?:available|open)$", match.group(), CI):
            return match.group()
        after = sentence[match.end() :]
        if re.match(
            r"\s+(?:on|at|in|with|within|for)\s+(?:your|the|this|that|her|his|their)\b"
            r"|\s+for\s+(?:me|new|junior|entry|recent|someone)\b",
            after,
            CI,
        ):
            return match.group()
        if _OPENING_CUE.search(sentence, clause_start(sentence, match.start()), match.start()):
            return match.group()
    return None


_HIRING = re.compile(
    rf"\b(?:(?:are|is)\s+{_READERS}|{_READERS}\s*(?:is|are|'re|'s))\s+(?:currently\s+|still\s+"
    r"|actively\s+|now\s+|also\s+)?hiring\b(?!\s+(?:manager|managers|process|committee|team"
    r"|decisions?|practices?|trends?|freeze|criteria|season|cycle|market|landscape|bar|pipeline"
    r"|timeline|lead|leads|side))|\bhiring\s+(?:right\s+)?now\b",
    CI,
)
_LOOKING_FOR_PEOPLE = re.compile(
    rf"\b(?:are|is|'re|'s)\s+(?:you|your\s+[\w\-]+|the\s+{_ORG}|they)\s+(?:currently\s+|still\s+"
    r"|now\s+)?(?:looking\s+for|seeking|recruiting|taking\s+on|bringing\s+on|adding|onboarding)"
    r"\s+(?:(?:any|new|more|additional)\s+)?(?:[\w\-]+\s+){0,2}?(?:interns?|hires|people|candidates|staff"
    r"|employees|graduates|grads|juniors|talent|anyone|someone|team\s+members"
    r"|[a-z]+(?:ers|ists|ysts|ants|ates|ors|ians|ees))\b"
    rf"|\b(?:do|does)\s+{_READERS}\s+(?:currently\s+|still\s+|ever\s+)?(?:offer|have|run|hire"
    r"|take|sponsor)\s+(?:any\s+(?:[\w\-]+\s+)?(?:jobs?|internships?|positions?|openings?|roles?"
    r"|co-?ops?|apprenticeships?|returnships?|vacanc(?:y|ies))|(?:summer\s+|paid\s+|new\s+)?"
    r"(?:jobs|internships|positions|openings|co-?ops|apprenticeships|returnships|interns"
    r"|new\s+grads))\b",
    CI,
)
# "Could your studio use a junior animator this summer?"
_COULD_USE = re.compile(
    r"\b(?:could|can|might)\s+(?:ever\s+|possibly\s+)?use\s+(?:a|an|another|one\s+more|some)"
    r"\s+(?:[\w\-]+\s+){0,2}?(?:interns?|assistants?|hands?|help|apprentices?|trainees?"
    r"|[a-z]+(?:ers?|ists?|ysts?|ants?|ates?|ors?|ians?|ees?))\b",
    CI,
)
_ROOM_FOR = re.compile(
    r"\b(?:room|space|a\s+spot|a\s+place|budget|headcount|capacity)\s+(?:(?:on|in|within|at)\s+"
    rf"(?:your|the)\s+(?:[\w\-]+\s+)?{_ORG}\s+)?for\s+(?:me|an?\s+(?:[\w\-]+\s+){{0,3}}?"
    r"[\w\-]+|another\s+[\w\-]+|someone\s+like\s+me|one\s+more|a\s+new\s+[\w\-]+)\b",
    CI,
)


def _readers_openings(sentence: str) -> str | None:
    found = _openings(sentence)
    if found:
        return found
    if re.match(
        r"\s*(?:how|why|what\s+(?:skills|qualities|backgrounds?|kinds?|types?|traits"
        r"|experience|makes|do|does))\b",
        sentence,
        CI,
    ):
        return None
    for pattern in (_HIRING, _LOOKING_FOR_PEOPLE, _ROOM_FOR, _COULD_USE):
        for match in pattern.finditer(sentence):
            live = _live(sentence, match.start()) and not _subordinate(sentence, match.start())
            if live and (pattern is not _COULD_USE or _readers_side(sentence, match.start())):
                return match.group()
    return None


def _readers_side(sentence: str, position: int) -> bool:
    """The reader or their organization is the subject ("could your lab use…"), not the
    writer ("I could use a mentor")."""
    before = sentence[clause_start(sentence, position) : position]
    return bool(re.search(rf"\b(?:you|your|they|their|{_ORG})\b", before, CI)) and not re.search(
        r"\b(?:I|we)\s*$", before, CI
    )


def _subordinate(sentence: str, position: int) -> bool:
    """Inside a "when…"/"if…" clause of a wh-question: a topic, not a question about openings
    ("What stands out when a team is hiring?")."""
    start = clause_start(sentence, position)
    return bool(
        re.search(r"\b(?:when|whenever|if|once|while)\b", sentence[start:position], CI)
        and re.match(r"\s*(?:what|how|why|which|who)\b", sentence, CI)
    )


# --- a favor aimed at a role; the writer's application -----------------------------------------

_ADVOCATE_FOR = re.compile(
    r"\b(?:refer|recommend|nominate|put|sponsor|endorse|vouch\s+for)\s+(?:me|my\s+name)\b"
    r"|\b(?:referral|recommendation|reference|nomination)\b",
    CI,
)
_MY_APPLICATION = re.compile(r"\bmy\s+(?:job\s+|[\w\-]+\s+)?application\b", CI)
_SCHOOLING = re.compile(
    r"\b(?:school|program|programme|graduate|grad|college|university|mba|phd|master'?s|degree"
    r"|fellowship|scholarship|bootcamp|course|class|certificate|grant|visa|loan|housing)\b",
    CI,
)


# "refer me for it", where "it" is a role named earlier in the sentence.
_FOR_IT = re.compile(r"\s+for\s+(?:it|that|this|that\s+one|this\s+one)\b", CI)


def _for_role(sentence: str) -> str | None:
    for match in _ADVOCATE_FOR.finditer(sentence):
        role = FOR_ROLE.search(sentence, match.end())
        if not role:
            pointed = _FOR_IT.match(sentence, match.end())
            named = re.search(rf"\b{ROLE_NOUN}\b", sentence[: match.start()], CI)
            role = pointed if pointed and named else None
        if role and _live(sentence, match.start()) and requested(sentence, match.start()):
            return sentence[match.start() : role.end()]
    return None


def _application(sentence: str) -> str | None:
    match = _MY_APPLICATION.search(sentence)
    if not match or not _live(sentence, match.start()) or advice_before(sentence, match.start()):
        return None
    around = sentence[max(0, match.start() - 40) : match.end() + 60]
    if _SCHOOLING.search(around) and not re.search(ROLE_NOUN, around, CI):
        return None
    return match.group()


# --- the rule --------------------------------------------------------------------------------


def _live(sentence: str, position: int) -> bool:
    return not is_negated(sentence, position) and not readers_past(sentence)


def job_ask(sentence: str) -> str | None:
    """The words that ask for a job, or None."""
    finders = (_as_candidate, _opening_arises, _readers_openings, _for_role, _application)
    for finder in (*finders, seeking, applying):
        found = finder(sentence)
        if found:
            return found
    return None
