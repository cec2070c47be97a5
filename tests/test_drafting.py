"""Drafts in a person's words: the true connection first, what the seeker typed read into the
pieces a sentence needs, the practice's requirements every time, and the messages after a
conversation written from what happened in it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coffeechat.lib import drafting as d
from coffeechat.lib.drafting import phrases
from coffeechat.lib.etiquette import check_message

MIRA = d.Writer(
    name="Mira Kowalski",
    role="a third-year economics student",
    school="Lakeshore University",
    employers=("Bean There Café (summer barista)", "City Budget Office (intern)"),
    exploring="I'm exploring data analytics.",
)
PRIYA = d.Reader("Priya", "Raman", "Product Manager", "Northwind Traders")


def _facts(source="cold", linked_by="", detail="", override="", writer=MIRA, reader=PRIYA, **kw):
    return d.DraftFacts(reader, writer, d.Link(source, linked_by, detail, override), **kw)


def _first_sentence(draft: d.Draft) -> str:
    return draft.body.split("\n\n")[1].split(". ")[0] + "."


@pytest.mark.parametrize(
    ("source", "linked_by", "detail", "sentence"),
    [
        ("referral", "Ngozi Okafor", "", "Ngozi Okafor suggested I get in touch with you."),
        ("alumni", "", "Economics class of 2023",
         "I found you through the Lakeshore University alumni network."),
        ("professor", "", "Taught my Intro to Statistics class",
         "I took your Intro to Statistics class at Lakeshore University."),
        ("professor", "", "My econometrics TA",
         "I took your econometrics class at Lakeshore University."),
        ("former_coworker", "", "My manager at the summer café job",
         "You were my manager at the summer café job."),
        ("family", "", "My cousin",
         "I'm reaching out to you as family, but this time with a career question."),
        ("friend", "", "From the climbing club", "We know each other from the climbing club."),
        ("friend_of_contact", "", "My roommate's older brother",
         "I got your name from my roommate."),
        ("linkedin_1st", "", "Connected after the nonprofit fair",
         "We connected on LinkedIn after the nonprofit fair."),
        ("linkedin_2nd", "", "Through Søren", "We're both connected with Søren on LinkedIn."),
        ("event", "", "Spoke at the campus design night",
         "I heard you speak at the campus design night."),
        ("event", "", "Met at TechWeek", "We met at TechWeek."),
        ("article", "", "Wrote the piece on e-scooter demand",
         "I read your piece on e-scooter demand."),
        ("article", "", "Gave a talk on civic data", "I heard your talk on civic data."),
        ("cold", "", "",
         "I came across your work as Product Manager at Northwind Traders while learning about "
         "the field."),
    ],
)  # fmt: skip
def test_each_way_of_knowing_someone_opens_with_the_true_connection(
    source, linked_by, detail, sentence
):
    draft = d.request(_facts(source, linked_by, detail), d.EMAIL)
    assert draft.body.split("\n\n")[1].startswith(sentence), draft.body


def test_a_referral_names_the_referrer_first_in_the_subject_too():
    draft = d.request(_facts("referral", "Ngozi Okafor"), d.EMAIL)
    assert draft.subject == "Ngozi Okafor suggested I get in touch"


@pytest.mark.parametrize(
    ("facts", "absent"),
    [
        (_facts("alumni", writer=d.Writer(name="Sam")), "alumni network of"),
        (_facts("former_coworker", reader=d.Reader("Ana", organization="Contoso")), "Contoso"),
        (_facts("professor", writer=d.Writer(name="Sam")), "Lakeshore"),
    ],
)
def test_nothing_is_claimed_that_the_seekers_rows_do_not_say(facts, absent):
    assert absent not in d.request(facts, d.EMAIL).body


def test_a_shared_employer_is_named_only_when_the_profile_lists_it():
    shared = _facts("former_coworker", reader=d.Reader("Ana", organization="Bean There Café"))
    assert "We worked together at Bean There Café." in d.request(shared, d.EMAIL).body
    other = _facts("former_coworker", reader=d.Reader("Ana", organization="Contoso"))
    assert "We used to work together." in d.request(other, d.EMAIL).body


def test_the_seekers_own_sentence_comes_first():
    facts = _facts("cold", override="ana ruiz, my old manager, said you would not mind a note")
    body = d.request(facts, d.EMAIL).body
    assert body.split("\n\n")[1].startswith(
        "Ana ruiz, my old manager, said you would not mind a note."
    )


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("I'm exploring data analytics.", "data analytics"),
        ("data analytics in health care", "data analytics in health care"),
        ("Interested in UX research!", "UX research"),
        ("I want to move into product management. And more.", "product management"),
        ("My goal is to move into policy.", ""),
        ("", ""),
    ],
)
def test_what_the_seeker_explores_is_read_as_a_topic(typed, topic):
    assert phrases.topic(typed) == topic


@pytest.mark.parametrize(
    ("typed", "description"),
    [
        ("a third-year economics student", "a third-year economics student"),
        ("I'm a nurse.", "a nurse"),
        ("third-year economics student", "a third-year economics student"),
        ("accountant of six years", "an accountant of six years"),
        ("MBA student at Kellogg", "an MBA student at Kellogg"),
        ("studying economics", "studying economics"),
    ],
)
def test_how_the_seeker_describes_themselves_follows_im(typed, description):
    assert phrases.self_description(typed) == description


def test_no_phrase_is_said_twice_when_the_description_already_names_the_topic():
    writer = d.Writer(
        name="Sam", role="a student exploring data analytics", exploring="data analytics"
    )
    body = d.request(_facts(writer=writer), d.EMAIL).body
    assert body.count("data analytics") == 1


@pytest.mark.parametrize("channel", [d.EMAIL, d.LETTER, d.INMAIL])
def test_first_requests_say_they_are_not_about_a_job_and_are_signed(channel):
    draft = d.request(_facts("referral", "Ngozi Okafor"), channel)
    assert d.NOT_A_JOB in draft.body
    assert draft.body.rstrip().endswith("Mira Kowalski")
    assert "20 minutes" in draft.body and "?" in draft.body


def test_a_draft_without_a_name_says_what_to_fill_in():
    draft = d.request(_facts(writer=d.Writer()), d.EMAIL)
    assert draft.body.rstrip().endswith(d.NAME_TO_FILL_IN)


@pytest.mark.parametrize(("premium", "limit"), [(True, 300), (False, 200)])
def test_connection_notes_fit_linkedins_limit_in_whole_sentences(premium, limit):
    long_name = d.Writer(name="Mira Kowalski", exploring="x " * 5 + "data analytics")
    for facts in (_facts("referral", "Ngozi Okafor", premium=premium),
                  _facts("event", detail="Spoke at " + "the very long " * 8 + "night",
                         writer=long_name, premium=premium)):  # fmt: skip
        note = d.request(facts, d.LINKEDIN_NOTE).body
        assert len(note) <= limit
        assert note.endswith(("?", ".", "– Mira")), note


# After the conversation ------------------------------------------------------------------

AFTER = d.WhatHappened(
    advice=("SQL every day; statistics mostly to explain why a number moved.",),
    promises=("Send Priya my survey project",),
)


def test_the_thank_you_quotes_the_advice_as_advice():
    body = d.thank_you(_facts(), AFTER).body
    assert "Your advice, “SQL every day; statistics mostly to explain why a number moved”," in body


def test_advice_noted_again_as_the_promise_is_said_once():
    # The seeker wrote the same words as the advice and as what they promised to send.
    what = d.WhatHappened(
        advice=("the reading list on survey design",),
        promises=("Send the reading list on survey design",),
    )
    body = d.thank_you(_facts(), what).body
    assert "I'll send you the reading list on survey design." in body
    assert "Your advice" not in body
    assert not phrases.repeated_run(body)
    assert not [f for f in check_message(body, "email") if f.rule == "text.repeated"]


@pytest.mark.parametrize(
    ("promise", "sentence"),
    [
        ("Send Priya my survey project", "I'll send you my survey project."),
        ("I'll email Priya Raman the deck", "I'll email you the deck."),
        ("Share Priya's article with my class", "I'll share your article with my class."),
        ("Portfolio by Friday", "I'll follow up on “Portfolio by Friday”."),
        ("Send the bike-share article", "I'll send you the bike-share article."),
        ("Share the reading list", "I'll share the reading list with you."),
    ],
)
def test_promises_are_turned_to_the_person_they_were_made_to(promise, sentence):
    assert d.promise_for(promise, PRIYA) == sentence


def test_a_resume_is_mentioned_only_when_one_was_sent():
    assert "résumé" not in d.thank_you(_facts(), AFTER).body
    sent = d.WhatHappened(advice=AFTER.advice, resume_sent=True)
    body = d.thank_you(_facts(), sent).body
    assert "I've sent my résumé separately" in body
    assert "attached" not in body and "enclosed" not in body


def test_the_card_is_short_and_differs_from_the_letter():
    card = d.thank_you(_facts(), AFTER, d.CARD).body
    letter = d.thank_you(_facts(), AFTER, d.LETTER).body
    assert card != letter
    assert len(card.split()) < len(letter.split())
    assert letter.startswith("Dear Priya Raman,") and card.startswith("Dear Priya,")


def test_the_follow_up_is_short_polite_and_answers_the_request():
    draft = d.follow_up(_facts(), d.EMAIL, "Ngozi Okafor suggested I get in touch")
    assert draft.subject == "Re: Ngozi Okafor suggested I get in touch"
    assert len(draft.body.split()) <= 60
    assert "no reply is needed" in draft.body


def test_the_update_says_what_came_of_the_advice_and_of_the_leads():
    what = d.WhatHappened(
        advice=AFTER.advice,
        kept=("Take the free SQL course Priya recommended",),
        leads=(d.LeadNews("Analytics Intern", "applied"), d.LeadNews("Data role", "noted")),
    )
    body = d.keep_in_touch(_facts(), what).body
    assert "I took your advice, “SQL every day" in body
    assert "my promise to take the free SQL course you recommended." in body
    assert "I applied for the Analytics Intern role you told me about." in body
    assert "Data role" not in body  # only noted: nothing to report yet


def test_drafting_loads_without_the_checkers_rules():
    """A page that drafts or shows a pitch loads drafting: the checker's few hundred patterns
    are compiled only when something is checked."""
    probe = (
        "import sys, coffeechat.lib.drafting, coffeechat.lib.pitch;"
        "print('coffeechat.lib.etiquette.checker' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "False"
    assert check_message("Are you hiring?", "email")  # the names still load on first use
