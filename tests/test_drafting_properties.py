"""Whatever the seeker typed, every draft reads right: generated profiles and people —
sentences, fragments, lowercase, stray punctuation, empty fields, names in many scripts —
across every source, channel and kind of message, checked by the product's own checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.lib import drafting as d
from coffeechat.lib.drafting import phrases
from coffeechat.lib.etiquette import check_message

LATIN = "abcdefghijklmnopqrstuvwxyzéèüöñçåøß"
SCRIPTS = [
    LATIN,
    "абвгдежзиклмнопрстуфхцчшщыэюя",  # Cyrillic
    "αβγδεζηθικλμνξοπρστυφχψω",  # Greek
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",  # Arabic
    "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",  # Devanagari
    "山田太郎花子東京大学研究情報分析",  # CJK
    "가나다라마바사아자차카타파하",  # Hangul
]
CHECKER_CHANNEL = {
    d.EMAIL: "email",
    d.LINKEDIN_MESSAGE: "inmail",
    d.INMAIL: "inmail",
    d.LETTER: "letter",
    d.PHONE: "letter",
}


# Sentences seekers write for a person themselves (the checker judges them as written).
OWN_SENTENCES = (
    "{} suggested I write to you",
    "we met at {} last spring",
    "I'm a fellow {} alum",
    "my aunt {} mentioned you would not mind a note",
)


def _word(alphabet: str):
    return st.text(alphabet=alphabet, min_size=1, max_size=9)


@st.composite
def words(draw, min_size: int = 1, max_size: int = 5) -> str:
    alphabet = draw(st.sampled_from(SCRIPTS))
    return " ".join(draw(st.lists(_word(alphabet), min_size=min_size, max_size=max_size)))


@st.composite
def typed(draw, frames: tuple[str, ...] = ("{}",)) -> str:
    """A field as people fill it in: empty, a fragment, a sentence, shouting, stray marks."""
    shape = draw(st.sampled_from(["empty", "fragment", "sentence", "lower", "marks", "upper"]))
    if shape == "empty":
        return draw(st.sampled_from(["", " ", "\n"]))
    text = draw(st.sampled_from(frames)).format(draw(words()))
    if shape == "sentence":
        return text[:1].upper() + text[1:] + "."
    if shape == "lower":
        return text.lower()
    if shape == "marks":
        return text + draw(st.sampled_from(["!!", "...", " ?", ";", " -", "…"]))
    if shape == "upper":
        return text.upper()
    return text


def _name(draw) -> str:
    alphabet = draw(st.sampled_from(SCRIPTS))
    first = draw(_word(alphabet))
    return first[:1].upper() + first[1:]


@st.composite
def facts(draw) -> d.DraftFacts:
    source = draw(st.sampled_from(d.SOURCES))
    shape = draw(st.sampled_from(["latin", "script", "none"]))
    first_name = ""
    if shape == "latin":
        first_name = draw(st.text(alphabet=LATIN, min_size=1, max_size=8)).title()
    elif shape == "script":
        first_name = _name(draw)
    reader = d.Reader(
        first_name=first_name,
        last_name=draw(st.sampled_from(["", "O'Brien", "Núñez-Díaz", "van der Berg"])) or "",
        title=draw(typed()),
        organization=draw(typed()),
    )
    writer = d.Writer(
        name=draw(st.sampled_from(["", "Mira Kowalski", "山田 太郎", "Zoë Ångström"])),
        role=draw(typed(("{}", "I'm a {}", "I am {}", "a {} student"))),
        school=draw(typed()),
        employers=tuple(draw(st.lists(typed(), max_size=2))),
        exploring=draw(typed(("{}", "I'm exploring {}", "interested in {}"))),
        signature=draw(st.sampled_from(["", "BA Economics, class of 2027"])),
    )
    detail_frames = (
        "{}", "Met at {}", "Spoke at {}", "Wrote the piece on {}", "Through {}",
        "My {} professor", "My manager at {}", "My roommate's {}", "From {}",
    )  # fmt: skip
    link = d.Link(
        source=source,
        linked_by=draw(st.one_of(st.just(""), words(1, 3))),
        detail=draw(typed(detail_frames)),
        override=draw(st.one_of(st.just(""), st.just(""), typed(OWN_SENTENCES))),
    )
    return d.DraftFacts(reader, writer, link, minutes=draw(st.sampled_from([15, 20, 30])),
                        premium=draw(st.booleans()))  # fmt: skip


def _repeated_run(text: str) -> str:
    """A run of four or more words that comes twice (the checker's text.repeated), or ""."""
    return phrases.repeated_run(text)


def _findings(draft: d.Draft, channel: str, kind: str, premium: bool):
    if channel == d.LINKEDIN_NOTE:
        name = "linkedin-note" if premium else "linkedin-note-free"
    else:
        name = CHECKER_CHANNEL[channel]
    findings = check_message(draft.body, name, draft.subject, kind=kind)
    if channel == d.PHONE:  # said aloud: no signature block
        findings = [f for f in findings if f.rule != "signature.missing"]
    return findings


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(facts(), st.sampled_from(d.CHANNELS))
def test_every_first_request_reads_right(facts, channel):
    draft = d.request(facts, channel)
    findings = _findings(draft, channel, "request", facts.premium)
    # A cold contact has no connection to name; the seeker's own sentence is theirs to judge.
    own_words = bool(facts.link.override.strip())
    allowed = set() if d.opening(facts).named and not own_words else {"connection.missing"}
    assert {f.rule for f in findings} <= allowed, (draft, findings)
    assert not _repeated_run(draft.body), (draft, _repeated_run(draft.body))
    if channel == d.LINKEDIN_NOTE:
        limit = d.NOTE_LIMIT_PREMIUM if facts.premium else d.NOTE_LIMIT_FREE
        assert len(draft.body) <= limit, draft
        assert draft.body.rstrip()[-1] in ".?!" or draft.body.rstrip().split()[-1].isalpha()
    if channel == d.INMAIL:
        assert len(draft.subject) <= d.INMAIL_SUBJECT_LIMIT
        assert len(draft.body) <= d.INMAIL_BODY_LIMIT
    if channel in (d.EMAIL, d.LETTER, d.INMAIL):
        assert d.NOT_A_JOB in draft.body, draft
        _assert_signed(draft, facts)


@SETTINGS
@given(
    facts(),
    st.sampled_from([d.EMAIL, d.LETTER, d.CARD, d.INMAIL, d.LINKEDIN_NOTE]),
    st.lists(typed(), max_size=2),
    st.lists(typed(("Send {}", "{}", "I'll share {}")), max_size=2),
    st.booleans(),
)
def test_every_thank_you_reads_right(facts, form, advice, promises, resume_sent):
    what = d.WhatHappened(
        advice=tuple(a for a in advice if a.strip()),
        promises=tuple(p for p in promises if p.strip()),
        resume_sent=resume_sent,
    )
    draft = d.thank_you(facts, what, form)
    channel = d.LETTER if form == d.CARD else form
    findings = _findings(draft, channel, "thank_you", premium=False)
    assert not findings, (draft, findings)
    assert not _repeated_run(draft.body), draft
    if form == d.LINKEDIN_NOTE:
        assert len(draft.body) <= d.NOTE_LIMIT_FREE
    if not resume_sent:
        assert "résumé" not in draft.body
    if form in (d.EMAIL, d.LETTER, d.INMAIL):
        _assert_signed(draft, facts)


@SETTINGS
@given(facts(), st.sampled_from([d.EMAIL, d.LETTER, d.INMAIL, d.LINKEDIN_NOTE]), typed())
def test_every_follow_up_and_update_reads_right(facts, channel, advice):
    for kind, draft in (
        ("follow_up", d.follow_up(facts, channel, "20 minutes of your advice?")),
        ("update", d.keep_in_touch(facts, d.WhatHappened(advice=(advice,)), channel)),
    ):
        findings = _findings(draft, channel, kind, premium=False)
        assert not findings, (draft, findings)
        assert not _repeated_run(draft.body), draft
        if channel == d.LINKEDIN_NOTE:
            assert len(draft.body) <= d.NOTE_LIMIT_FREE


def _assert_signed(draft: d.Draft, facts: d.DraftFacts) -> None:
    name = facts.writer.name.strip()
    last_lines = draft.body.rstrip().splitlines()[-3:]
    if name:
        assert any(name in line for line in last_lines), draft.body
    else:
        assert any(d.NAME_TO_FILL_IN in line for line in last_lines), draft.body
