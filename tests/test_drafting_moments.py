"""The moments around a conversation, and asking someone for an introduction: what a person
reading each draft would notice (the time and place, the apology, the good faith, the thanks,
the person to meet, the not-a-job sentence, the name under it), and, whatever the seeker typed,
drafts the checker finds nothing to say about."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.lib import drafting as d
from coffeechat.lib.drafting import moments, phrases
from coffeechat.lib.etiquette import check_message
from tests.test_drafting_properties import SCRIPTS, facts, typed, words

MIRA = d.Writer(
    name="Mira Kowalski",
    role="a third-year economics student",
    school="Lakeshore University",
    employers=("Bean There Café (summer barista)",),
    exploring="I'm exploring data analytics.",
)
PRIYA = d.Reader("Priya", "Raman", "Product Manager", "Northwind Traders")
FACTS = d.DraftFacts(PRIYA, MIRA, d.Link("referral", "Ngozi Okafor"), minutes=20)
WHEN = "Thu 10 Dec 2026, 14:00 CET"
ANA = d.Reader("Ana", "Ruiz", "Director of Research", "Contoso")
SAM = d.DraftFacts(d.Reader("Sam", "Lee"), MIRA, d.Link("friend", detail="From the climbing club"))
TAUGHT = d.Link("professor", detail="Taught my Intro to Statistics class")
TURING = d.DraftFacts(d.Reader("Alan", "Turing"), MIRA, TAUGHT)
CHANNELS = (d.EMAIL, d.LINKEDIN_MESSAGE, d.LETTER, d.INMAIL)
CHECKER_CHANNEL = {d.EMAIL: "email", d.LINKEDIN_MESSAGE: "inmail", d.INMAIL: "inmail",
                   d.LETTER: "letter"}  # fmt: skip
JOB_WORDS = re.compile(r"\b(?:hire|hiring me|opening|position|vacanc|résumé|resume|refer me)", re.I)


def _findings(draft: d.Draft, channel: str = d.EMAIL):
    return check_message(draft.body, CHECKER_CHANNEL[channel], draft.subject, kind="follow_up")


def _paragraphs(draft: d.Draft) -> list[str]:
    return draft.body.split("\n\n")


def _assert_clean(draft: d.Draft, channel: str = d.EMAIL) -> None:
    assert not _findings(draft, channel), (draft, _findings(draft, channel))
    assert not phrases.repeated_run(draft.body), (draft, phrases.repeated_run(draft.body))


# The day before ----------------------------------------------------------------------------


def test_the_confirmation_names_the_time_the_place_the_link_and_the_minutes():
    draft = d.confirmation(FACTS, WHEN, "Bean There Café", "https://meet.example.com/abc")
    assert draft.subject == f"Confirming our conversation on {WHEN}"
    assert _paragraphs(draft)[0] == "Hi Priya,"
    assert f"our conversation on {WHEN}, at Bean There Café." in draft.body
    assert "https://meet.example.com/abc" in draft.body
    assert "the 20 minutes we agreed" in draft.body
    assert "If anything has changed on your side, just let me know." in draft.body
    assert draft.body.endswith("Best regards,\nMira Kowalski")
    _assert_clean(draft)


def test_a_confirmation_without_a_time_or_place_still_reads_whole():
    draft = d.confirmation(FACTS, "", "")
    assert "A quick note to confirm our conversation. I'll keep to" in draft.body
    assert draft.subject == "Confirming our conversation"
    _assert_clean(draft)


@pytest.mark.parametrize(
    ("typed_when", "phrase"),
    [
        ("Thursday 10 December at 14:00 (Europe/Berlin)",
         "on Thursday 10 December at 14:00 (Europe/Berlin)"),
        ("on Friday.", "on Friday"),
        ("Tomorrow at 3pm", "tomorrow at 3pm"),
        ("14:00 on Thursday", "at 14:00 on Thursday"),
        ("  ", ""),
    ],
)  # fmt: skip
def test_the_time_is_read_into_the_words_that_follow_our_conversation(typed_when, phrase):
    assert moments.when_phrase(typed_when) == phrase


@pytest.mark.parametrize(
    ("place", "phrase"),
    [
        ("Bean There Café", "at Bean There Café"),
        ("In the lobby of building 4.", "in the lobby of building 4"),
        ("zoom", "on Zoom"),
        ("phone", "by phone"),
        ("https://meet.example.com/abc", ""),
        ("", ""),
    ],
)
def test_the_place_is_read_into_the_words_that_follow_the_time(place, phrase):
    assert moments.place_phrase(place) == phrase


@pytest.mark.parametrize("channel", CHANNELS)
def test_only_email_and_inmail_get_a_subject_and_a_letter_is_formal(channel):
    draft = d.confirmation(FACTS, WHEN, "Bean There Café", channel=channel)
    assert bool(draft.subject) == (channel in (d.EMAIL, d.INMAIL))
    greeting = "Dear Priya Raman," if channel == d.LETTER else "Hi Priya,"
    assert _paragraphs(draft)[0] == greeting
    _assert_clean(draft, channel)


# Moving it, a missed meeting, a no ---------------------------------------------------------


def test_moving_the_meeting_apologises_once_and_lets_them_choose_the_time():
    draft = d.reschedule(FACTS, WHEN)
    assert f"I'm sorry, but I need to move our conversation on {WHEN}." in draft.body
    assert draft.body.lower().count("sorry") == 1
    assert "could you suggest another time for our 20 minutes that suits you?" in draft.body
    assert "There's no rush at all." in draft.body
    assert draft.body.endswith("Mira Kowalski")
    _assert_clean(draft)


def test_a_missed_meeting_assumes_good_faith_and_offers_one_more_time():
    draft = d.no_show(FACTS, WHEN)
    assert f"we missed each other for our conversation on {WHEN}." in draft.body
    assert "something came up" in draft.body
    assert "another time for the 20 minutes" in draft.body
    assert d.NO_REPLY_NEEDED in draft.body
    assert not re.search(r"\byou (?:forgot|missed|didn't|did not|failed)\b", draft.body, re.I)
    _assert_clean(draft)


def test_a_kind_answer_to_a_no_thanks_them_and_may_ask_who_else_to_learn_from():
    draft = d.decline_reply(FACTS)
    body = draft.body
    assert "Thank you for letting me know" in body and "no hard feelings" in body
    assert "I'd be grateful for a name, but there's no need to reply." in body
    assert not JOB_WORDS.search(body)
    _assert_clean(draft)
    without = d.decline_reply(FACTS, ask_for_names=False)
    assert "a name" not in without.body
    _assert_clean(without)


# Asking to be introduced -------------------------------------------------------------------


def test_the_introduction_request_is_to_the_friend_and_names_the_person_to_meet():
    draft = d.introduction_request(SAM, ANA, "friend")
    paragraphs = _paragraphs(draft)
    assert paragraphs[0] == "Hi Sam,"
    assert "I'd love to learn from Ana Ruiz, Director of Research at Contoso." in draft.body
    assert (
        "Would you be comfortable introducing me to Ana, so I could learn about their work in "
        "a 20-minute conversation?" in draft.body
    )
    assert d.INTRODUCTION_NOT_A_JOB in draft.body
    assert "If you'd rather not, that's completely fine." in draft.body
    assert draft.subject == "An introduction to Ana Ruiz?"
    assert draft.body.endswith("Many thanks,\nMira Kowalski")
    _assert_clean(draft)


def test_the_introduction_offers_a_few_lines_about_the_seeker_made_of_sentences():
    body = d.introduction_request(SAM, ANA, "friend").body
    assert (
        "“My name is Mira Kowalski. I'm a third-year economics student, exploring data "
        "analytics. I'd be grateful for the chance to hear how you found your way into your "
        "work.”" in body
    )


def test_a_seeker_who_typed_nothing_is_offered_lines_to_write_not_a_blank_frame():
    facts = d.DraftFacts(d.Reader("Sam"), d.Writer(), d.Link("friend"))
    draft = d.introduction_request(facts, d.Reader(), "friend")
    assert "introducing me to someone you think I should meet" in draft.body
    assert "I'd be glad to write a few lines about myself that you could pass along." in draft.body
    assert draft.body.endswith(d.NAME_TO_FILL_IN)
    _assert_clean(draft)


def test_a_professor_is_greeted_formally_and_reminded_of_the_class():
    draft = d.introduction_request(TURING, ANA, "professor", d.EMAIL)
    assert _paragraphs(draft)[0] == "Dear Alan Turing,"
    assert _paragraphs(draft)[1] == (
        "I hope this note finds you well. I took your Intro to Statistics class at Lakeshore "
        "University."
    )
    _assert_clean(draft)


def test_a_target_known_only_by_role_is_named_by_it_with_an_article():
    draft = d.introduction_request(SAM, d.Reader(title="data analyst", organization="Contoso"),
                                   "friend")  # fmt: skip
    assert (
        "I'd love to learn from the person you know who works as a data analyst at Contoso."
        in draft.body
    )
    assert "introducing me to them, so I could learn" in draft.body
    _assert_clean(draft)


@pytest.mark.parametrize(
    "title",
    ["Hiring Manager", "Recruiter", "HR Director", "Head of Talent", "Engineering Manager",
     "Team Lead", "Founder & CEO", "Talent Acquisition Partner"],
)  # fmt: skip
@pytest.mark.parametrize("named", [True, False])
def test_an_introduction_to_learn_from_a_manager_or_recruiter_is_no_favor(title, named):
    """Asking to be introduced to someone to learn from is part of the practice (RULES.md,
    ask.favor: "an introduction to learn from"), whatever their title."""
    target = d.Reader("Ana" if named else "", "Ruiz" if named else "", title, "Contoso")
    for channel in CHANNELS:
        _assert_clean(d.introduction_request(SAM, target, "former_coworker", channel), channel)


# Whatever the seeker typed -----------------------------------------------------------------

TITLES = ("Hiring Manager", "Recruiter", "HR Director", "Product Manager", "Team Lead", "CEO")


@st.composite
def readers(draw) -> d.Reader:
    alphabet = draw(st.sampled_from(SCRIPTS))
    first = draw(st.one_of(st.just(""), st.text(alphabet=alphabet, min_size=1, max_size=8)))
    return d.Reader(
        first_name=first[:1].upper() + first[1:],
        last_name=draw(st.sampled_from(["", "Ruiz", "Núñez-Díaz", "van der Berg", "山田"])),
        title=draw(st.one_of(typed(), st.sampled_from(TITLES))),
        organization=draw(typed()),
    )


WHEN_FRAMES = ("{}", "on {}", "tomorrow at {}", "{} at 14:00", "14:00 {}")
when_texts = st.one_of(
    st.sampled_from(["", WHEN, "Mon 4 Jan 2027, 09:30 +03", "Thursday 10 December at 14:00"]),
    typed(WHEN_FRAMES),
)
places = st.one_of(
    st.sampled_from(["", "zoom", "phone", "Bean There Café", "https://meet.example.com/x"]),
    typed(("{}", "at {}", "in the {}", "the {} café")),
)
links = st.one_of(st.sampled_from(["", "https://meet.example.com/abc-def"]), words(1, 2))
relations = st.sampled_from(d.SOURCES)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_UNTIDY = re.compile(r" [.,;:?]|[,;]\.|\.,|,,|\.\.|\s{3,}| {2,}")


def _assert_reads_right(draft: d.Draft, facts: d.DraftFacts, channel: str) -> None:
    findings = _findings(draft, channel)
    assert not findings, (draft, findings)
    assert not phrases.repeated_run(draft.body), (draft, phrases.repeated_run(draft.body))
    assert not _UNTIDY.search(draft.body), draft.body
    assert bool(draft.subject) == (channel in (d.EMAIL, d.INMAIL)), draft
    assert len(draft.subject) <= d.INMAIL_SUBJECT_LIMIT
    name = facts.writer.name.strip()
    last_lines = draft.body.rstrip().splitlines()[-3:]
    assert any((name or d.NAME_TO_FILL_IN) in line for line in last_lines), draft.body


@SETTINGS
@given(facts(), st.sampled_from(CHANNELS), when_texts, places, links)
def test_every_confirmation_reads_right(facts, channel, when, place, link):
    draft = d.confirmation(facts, when, place, link, channel)
    _assert_reads_right(draft, facts, channel)
    assert f"{facts.minutes} minutes" in draft.body


@SETTINGS
@given(facts(), st.sampled_from(CHANNELS), when_texts)
def test_every_reschedule_and_missed_meeting_note_reads_right(facts, channel, when):
    for draft in (d.reschedule(facts, when, channel), d.no_show(facts, when, channel)):
        _assert_reads_right(draft, facts, channel)
        assert f"{facts.minutes} minutes" in draft.body


@SETTINGS
@given(facts(), st.sampled_from(CHANNELS), st.booleans())
def test_every_answer_to_a_no_reads_right(facts, channel, ask_for_names):
    _assert_reads_right(d.decline_reply(facts, channel, ask_for_names), facts, channel)


@SETTINGS
@given(facts(), st.sampled_from(CHANNELS), readers(), relations)
def test_every_introduction_request_reads_right(facts, channel, target, relation):
    draft = d.introduction_request(facts, target, relation, channel)
    _assert_reads_right(draft, facts, channel)
    assert d.INTRODUCTION_NOT_A_JOB in draft.body
    assert f"{facts.minutes}-minute conversation?" in draft.body
    full, short = moments.target_names(target)
    if short:
        assert f"introducing me to {short}," in draft.body
    if "introducing me to them," in draft.body:  # "them" only after saying who they are
        assert "the person you know" in draft.body
