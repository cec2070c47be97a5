"""The etiquette checker rule by rule, on phrasings of our own (not the labelled examples).

Most message tests start from one good request and change a single sentence, then assert
on the one rule under test, so each case says exactly what it is about.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from coffeechat.lib.etiquette import (
    CHANNELS,
    Finding,
    check_message,
    check_question,
    has_errors,
)
from coffeechat.lib.etiquette.parts import core_text
from coffeechat.lib.etiquette.text import count_words, split_sentences

OPENING = "Jo Kim, my lab partner at Reed, suggested I write to you."
ABOUT = "I'm a chemist curious about patent law."
ASK = "Would you have 20 minutes in the next few weeks to share how you moved into the field?"


def message(*sentences: str, greeting: str = "Hi Ana,", signoff: str = "Best,\nSam") -> str:
    body = " ".join(sentences or (OPENING, ABOUT, ASK))
    return f"{greeting}\n\n{body}\n\n{signoff}"


def rules(body: str, **kwargs) -> set[str]:
    return {finding.rule for finding in check_message(body, **kwargs)}


def qrules(question: str) -> set[str]:
    return {finding.rule for finding in check_question(question)}


def test_the_base_message_is_clean():
    assert check_message(message()) == []


# --- the API -------------------------------------------------------------------------------


def test_findings_are_complete_and_ordered():
    body = message(
        "I'm looking for an internship.",
        "My CV is attached.",
        "Could you pass it to your recruiter?",
    )
    findings = check_message(body)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(f.severity in ("error", "warning") for f in findings)
    assert all(f.message.strip() and f.suggestion.strip() for f in findings)
    keys = [(f.severity != "error", f.rule) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity == "error" and has_errors(findings)
    assert check_message(body) == findings  # deterministic


def test_has_errors_only_for_errors():
    assert not has_errors([])
    assert not has_errors(check_question("Do you like your job?"))
    assert has_errors(check_question("Are you hiring?"))


def test_channels_and_unknown_channel():
    assert CHANNELS == ("email", "linkedin-note", "linkedin-note-free", "inmail", "letter")
    note = "Hi Ana, Jo Kim suggested I write. Would you have 15 minutes to share your path?"
    for channel in CHANNELS:
        assert check_message(note, channel=channel) == []
    with pytest.raises(ValueError, match="channel"):
        check_message(message(), channel="fax")


def test_blank_input_gives_no_findings():
    assert check_message("  \n ") == []
    assert check_question("   ") == []


def test_importing_the_checker_does_not_import_django():
    code = (
        "import sys, coffeechat.lib.etiquette, coffeechat.outreach.lint_command; "
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_long_message_is_checked_fast():
    body = message(*([OPENING, ABOUT, "I'd love to hear what your work is like."] * 12))[:2000]
    check_message(body)
    best = min(_timed(lambda: check_message(body)) for _ in range(5))
    assert best < 0.010


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- text: greeting, sign-off, sentences, words --------------------------------------------


@pytest.mark.parametrize(
    "greeting",
    [
        "Hi Ana,",
        "Dear Dr. Okafor,",
        "Hello Mr. Lee:",
        "Hey!",
        "Good morning Professor Hunt,",
        "Ana,",
    ],
)
def test_greetings_are_not_counted(greeting):
    assert core_text(f"{greeting}\n\nOne two three.") == "One two three."


@pytest.mark.parametrize(
    "signoff",
    [
        "Best,\nSam",
        "Thank you so much for your time,\nSam Lee\nsam@example.com",
        "Warm regards,\nSam",
        "Cheers!\nSam",
        "Thanks again.\nSam Lee\nReed College '25",
        "— Sam",
    ],
)
def test_signoffs_and_everything_after_are_not_counted(signoff):
    assert core_text(f"Hi Ana,\n\nOne two three.\n\n{signoff}") == "One two three."


def test_inline_greeting_and_signoff_of_a_linkedin_note():
    assert core_text("Hi Ana, one two three? Thanks, Sam") == "one two three?"


def test_sentences_survive_titles_and_abbreviations():
    text = "I met Dr. Ruiz at the U.S. office. She said e.g. you know. Is that so? Yes!"
    assert split_sentences(text) == [
        "I met Dr. Ruiz at the U.S. office.",
        "She said e.g. you know.",
        "Is that so?",
        "Yes!",
    ]


def test_hard_wrapped_lines_stay_one_sentence():
    assert split_sentences("I would love to\nhear how you started.\n\nThanks") == [
        "I would love to hear how you started.",
        "Thanks",
    ]


def test_words_are_counted_like_a_word_processor():
    assert count_words("A 20-minute call — maybe? I'm Sam.") == 6


# --- length.words --------------------------------------------------------------------------


def _with_words(total: int) -> str:
    """A request whose counted words number exactly `total`."""
    base = [OPENING, ABOUT, ASK]
    filler_needed = total - count_words(" ".join(base))
    filler = " ".join(["I've long admired museum work."] * (filler_needed // 5))
    filler += " " + " ".join(["Truly."] * (filler_needed % 5))
    body = message(OPENING, ABOUT, filler.strip(), ASK, signoff="Thank you so much, truly,\nSam")
    assert count_words(core_text(body)) == total
    return body


@pytest.mark.parametrize(
    ("words", "severity"),
    [(60, None), (75, None), (76, "warning"), (100, "warning"), (101, "error")],
)
def test_length_words_thresholds(words, severity):
    found = [f for f in check_message(_with_words(words)) if f.rule == "length.words"]
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_greeting_and_signoff_do_not_count_toward_length():
    long_signoff = "With many thanks for your time and consideration,\n" + "Sam Lee\n" * 30
    assert "length.words" not in rules(message(signoff=long_signoff))


# --- length.channel ------------------------------------------------------------------------


def _note(length: int) -> str:
    text = "Hi Ana, Jo Kim suggested I write. Would you have 15 minutes to share your path?"
    return text + " " * 0 + "x" * (length - len(text))


@pytest.mark.parametrize(
    ("channel", "length", "fires"),
    [
        ("linkedin-note", 300, False),
        ("linkedin-note", 301, True),
        ("linkedin-note-free", 200, False),
        ("linkedin-note-free", 201, True),
        ("email", 5000, False),
        ("letter", 5000, False),
    ],
)
def test_linkedin_note_limits(channel, length, fires):
    body = _note(length)
    assert len(body) == length
    assert ("length.channel" in rules(body, channel=channel)) is fires


@pytest.mark.parametrize(("length", "fires"), [(200, False), (201, True)])
def test_inmail_subject_limit(length, fires):
    subject = ("Question from a fellow Reed alum " * 10)[:length]
    assert ("length.channel" in rules(message(), channel="inmail", subject=subject)) is fires


@pytest.mark.parametrize(("length", "fires"), [(1900, False), (1901, True)])
def test_inmail_body_limit(length, fires):
    body = message()
    body += "\n" + "P" * (length - len(body) - 1)
    assert len(body) == length
    found = [f for f in check_message(body, channel="inmail") if f.rule == "length.channel"]
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "error"


def test_subject_length_only_matters_for_inmail():
    assert "length.channel" not in rules(message(), channel="email", subject="x" * 400)


# --- ask.job -------------------------------------------------------------------------------

JOB_ASKS = [
    "I'm hoping to land a full-time position on your team after graduation.",
    "Please consider me for any analyst openings you may have.",
    "I recently applied for the product designer role at your company.",
    "Is your department hiring this spring?",
    "I'd be grateful if you could keep me in mind for future roles.",
    "Could you let me know whether any internships are available?",
    "I would love to join your team once I finish my degree.",
    "I'm currently seeking an entry-level marketing job in Denver.",
]
NOT_JOB_ASKS = [
    "I am not looking for a job; I'd simply value your advice.",
    "I'm not asking about openings, only about how you got started.",
    "You were hired in 2019, right after the merger, and I'd love to hear how that went.",
    "I'd love to hear how you got hired at the museum.",
    "I'm curious what a typical day on the job looks like for you.",
    "I'd like to understand what your role involves and how you landed it.",
    "This is a request for information rather than a job.",
    "I've read a lot about job satisfaction in law and would love your view.",
    "I'm exploring roles in policy and operations.",
]


@pytest.mark.parametrize("sentence", JOB_ASKS)
def test_job_asks_in_messages(sentence):
    found = [f for f in check_message(message(OPENING, sentence, ASK)) if f.rule == "ask.job"]
    assert found and found[0].severity == "error"


@pytest.mark.parametrize("sentence", NOT_JOB_ASKS)
def test_not_job_asks_in_messages(sentence):
    assert "ask.job" not in rules(message(OPENING, sentence, ASK))


@pytest.mark.parametrize(
    "question",
    [
        "Will there be any openings on your team next year?",
        "Could you hire me as an intern?",
        "Do you know of any positions available in your group?",
        "Would you keep me in mind for the next analyst position?",
        "Are you taking on new graduates this year?",
        "Can I apply to your team directly?",
        "Do you offer internships?",
        "Do you have room on your team for a junior analyst?",
        # Help getting in is a job ask, not a favor (the catalogue's favors act for a
        # candidacy: pass on, introduce, put in a word, refer).
        "Could you help me get my foot in the door?",
    ],
)
def test_job_asks_in_questions(question):
    assert "ask.job" in qrules(question)


@pytest.mark.parametrize(
    "question",
    [
        "How did you get hired?",
        "What made your firm decide to hire you?",
        "What does the hiring process look like for new analysts?",
        "How did you land your first role?",
        "What is the best way to prepare for a job like yours?",
        "What was competition for open positions like when you started?",
        "Should I apply to graduate school first?",
        "I'm not asking about openings, but how did your team grow so fast?",
        "What skills is your team hiring for these days?",
        "Do you have a role that involves travel?",
    ],
)
def test_not_job_asks_in_questions(question):
    assert "ask.job" not in qrules(question)


# --- ask.pay -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What does this role pay?",
        # The catalogue defines ask.pay by its topic, whoever's salary it is.
        "Could you tell me how you decided what salary range to target?",
        "What kind of bonus structure do you have?",
        "How generous is the parental leave here?",
        "Roughly what would a junior designer earn in this city?",
        "Is the compensation competitive?",
        "What's the benefits package like?",
        "How well does the field pay compared with teaching?",
        "Do employees get stock options?",
    ],
)
def test_pay_questions(question):
    assert "ask.pay" in qrules(question)


@pytest.mark.parametrize(
    "question",
    [
        "What are the benefits of a master's degree in this field?",
        "How did you learn to pay attention to detail?",
        "Is private equity a good fit for someone from consulting?",
        "What did you make of the reorganization?",
        "How much time do you spend with clients?",
        "What does it take to make partner?",
        "What did you do to earn the trust of your first clients?",
    ],
)
def test_not_pay_questions(question):
    assert "ask.pay" not in qrules(question)


def test_pay_in_a_message():
    asked = message(OPENING, "I'd also be curious what someone at your level earns.", ASK)
    assert "ask.pay" in rules(asked)
    for fine in (
        "I'd be glad to pay for the coffee.",
        "I took a pay cut to switch careers, and it was worth it.",
        "I'm not asking about salary, only about the day-to-day.",
    ):
        assert "ask.pay" not in rules(message(OPENING, fine, ASK)), fine


# --- ask.favor -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Would you be willing to send my CV to your hiring manager?",
        "Could you connect me with the recruiter for your team?",
        "If you think I'm a fit, would you vouch for me with HR?",
        "Could you put my name forward for the analyst role?",
        "Could you ask the hiring manager to look at my application?",
        "Please forward my résumé to whoever handles hiring.",
        "Would you be willing to refer me?",
    ],
)
def test_favor_asks(question):
    assert "ask.favor" in qrules(question)


@pytest.mark.parametrize(
    "question",
    [
        "Who else would you suggest I talk to?",
        "Is there anyone else on your team you think I should meet?",
        "Could you look over my résumé and tell me where it is weak?",
        "Would you recommend any books on product strategy?",
        "Could you share how you got your first role?",
        "What do recruiters look for in a portfolio?",
        "Could you introduce me to others in the field who might talk with me?",
        "How did you get your foot in the door?",
        "What questions should I ask the hiring manager in an interview?",
    ],
)
def test_not_favor_asks(question):
    assert "ask.favor" not in qrules(question)


def test_favor_in_a_message():
    body = message(
        OPENING, ABOUT, ASK, "I'm hoping you might pass my résumé to your recruiting team."
    )
    assert "ask.favor" in rules(body)


# --- attach.resume -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "My CV is attached for your reference.",
        "Please find my résumé enclosed.",
        "I'm sending my resume along with this note.",
        "Here is a link to my résumé.",
        "I've attached my resume so you can see my background.",
    ],
)
def test_resume_attached(sentence):
    assert "attach.resume" in rules(message(OPENING, ABOUT, ASK, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm happy to share my résumé later if that would be useful.",
        "I have not attached my résumé, since this is only a request for advice.",
        "If it helps, I can share a short summary of my background.",
        "Someday I'd love your feedback on my resume.",
    ],
)
def test_resume_not_attached(sentence):
    assert "attach.resume" not in rules(message(OPENING, ABOUT, ASK, sentence))


# --- connection.missing --------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "Dana Ruiz, who manages our lab, thought I should reach out.",
        "Your former teammate Luis Ortega passed along your name.",
        "Like you, I studied architecture at RISD.",
        "We overlapped at Deloitte in 2019, though on different floors.",
        "I was in the audience for your panel at the Women in Tech summit.",
        "Your piece in The Atlantic on urban heat stuck with me.",
        "I listened to your episode of the Planet Money podcast twice.",
        "I took your data journalism course at Columbia last spring.",
        "We're both members of the Boston Product Guild.",
        "As a fellow Wolverine, I was glad to find you in the alumni directory.",
        "My advisor, Dr. Ames, said I should contact you.",
    ],
)
def test_connection_present(opening):
    assert "connection.missing" not in rules(message(opening, ABOUT, ASK))


@pytest.mark.parametrize(
    "opening",
    [
        "My name is Lee and I'm a senior at Tufts.",
        "I found your profile on LinkedIn.",
        "I noticed that you work at Pfizer.",
    ],
)
def test_connection_missing(opening):
    assert "connection.missing" in rules(message(opening, ABOUT, ASK))


def test_connection_must_come_in_the_first_two_sentences():
    late = message("I hope this note finds you well.", ABOUT, OPENING, ASK)
    assert "connection.missing" in rules(late)
    early = message("I hope this note finds you well.", OPENING, ABOUT, ASK)
    assert "connection.missing" not in rules(early)


# --- request.not_question ------------------------------------------------------------------


@pytest.mark.parametrize(
    "ask",
    [
        "I would like to set up a 20-minute call next week to hear about your path.",
        "Please let me know a time that works for a 15-minute chat about your path.",
        "I'm hoping to find 20 minutes to talk with you about your path.",
    ],
)
def test_request_as_statement(ask):
    assert "request.not_question" in rules(message(OPENING, ABOUT, ask))


@pytest.mark.parametrize(
    "ask",
    [
        "Could we set up a 20-minute call next week to hear about your path?",
        "I'd love to hear about your path. Would 20 minutes next week work for you?",
        "Might you be free for 15 minutes to share how you started?",
    ],
)
def test_request_as_question(ask):
    assert "request.not_question" not in rules(message(OPENING, ABOUT, ask))


# --- time.missing / time.too_long ----------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("15 minutes", set()),
        ("a 20-minute call", set()),
        ("half an hour", set()),
        ("a half-hour chat", set()),
        ("twenty minutes", set()),
        ("20 to 30 minutes", set()),
        ("a quarter of an hour", set()),
        ("a quick coffee", {"time.missing"}),
        ("a few minutes", {"time.missing"}),
        ("some time", {"time.missing"}),
        ("an hour", {"time.too_long"}),
        ("45 minutes", {"time.too_long"}),
        ("lunch", {"time.too_long"}),
        ("30–45 minutes", {"time.too_long"}),
        ("an hour-long call", {"time.too_long"}),
        ("90 minutes", {"time.too_long"}),
    ],
)
def test_time_asked_for(amount, expected):
    ask = f"Could I ask for {amount} next week to hear how you got started?"
    fired = rules(message(OPENING, ABOUT, ask)) & {"time.missing", "time.too_long"}
    assert fired == expected


def test_durations_that_are_not_the_ask():
    ask = "I spent an hour with your keynote video. Could we talk for 15 minutes about your path?"
    assert not rules(message(OPENING, ABOUT, ask)) & {"time.missing", "time.too_long"}


# --- focus.self ----------------------------------------------------------------------------


def test_focus_self_counts_first_against_second_person():
    me_heavy = message(OPENING, "I'm a chemist and I've spent my career in labs.", ASK)
    assert "focus.self" in rules(me_heavy)  # I, I, I'm, I've, my, I = 6 against you x3
    balanced = message(OPENING, "I admire your work.", ASK)
    assert "focus.self" not in rules(balanced)


def test_focus_self_tie_does_not_fire():
    tie = message("Jo Kim suggested I write.", "Would you have 15 minutes to share your path?")
    assert "focus.self" not in rules(tie)  # I against you, your


def test_focus_self_ignores_greeting_and_signoff():
    body = message(
        "Jo Kim suggested I write.",
        "I'm a chemist and I love my lab.",
        "Could you spare 15 minutes to share your path?",
        signoff="Thank you for your time, you are kind,\nSam",
    )
    assert "focus.self" in rules(body)


# --- purpose.missing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ask",
    [
        "Could we talk for 15 minutes next week?",
        "Are you free for a 20-minute call on Friday?",
    ],
)
def test_purpose_missing(ask):
    assert "purpose.missing" in rules(message("Jo Kim suggested I write.", ask))


@pytest.mark.parametrize(
    "ask",
    [
        "I'm curious about your path. Could we talk for 15 minutes?",
        "I'd value your perspective. Could we talk for 15 minutes?",
        "Could we talk for 15 minutes so I can hear how you chose this field?",
        "Could I ask you a few questions in a 15-minute call?",
        "I'd love your advice. Could we talk for 15 minutes?",
        "Could we talk for 15 minutes about what the work is really like?",
    ],
)
def test_purpose_present(ask):
    assert "purpose.missing" not in rules(message("Jo Kim suggested I write.", ask))


def test_looking_forward_to_hearing_from_you_is_not_a_purpose():
    body = message(
        "Jo Kim suggested I write.", "Could we talk for 15 minutes? I hope to hear from you."
    )
    assert "purpose.missing" in rules(body)


# --- question.closed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Do you like working in consulting?",
        "Is it hard to switch into product management?",
        "Are there certifications that employers value?",
        "Have you ever regretted leaving teaching?",
        "Does the team work remotely?",
        "Should I learn SQL first?",
        "In your experience, is a bootcamp enough?",
        "When you started, did you feel prepared?",
        "Any advice for someone like me?",
        "Hospital pharmacy is more stable, right?",
    ],
)
def test_closed_questions(question):
    assert "question.closed" in qrules(question)


@pytest.mark.parametrize(
    "question",
    [
        "Could you walk me through your first year in the role?",
        "Would you tell me about the projects you enjoy most?",
        "Can you tell me what a typical week looks like?",
        "Would you be open to sharing how you prepared for the bar exam?",
        "Would you mind telling me how your role has changed?",
        "May I ask how you balanced school and work?",
        "Tell me about a project you're proud of.",
        "Given the changes in the industry, what would you focus on?",
        "Do you ever feel burned out, and how do you deal with it?",
        "Does your work involve more solo projects or team collaboration?",
        "In what ways has the field changed since you joined?",
        "Which skills would you build first if you were starting over?",
    ],
)
def test_open_questions(question):
    assert "question.closed" not in qrules(question)


# --- question.researchable -----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What does the firm do?",
        "How many employees does Stripe have?",
        "How big is the company?",
        "Where is the company located?",
        "Where did you study engineering?",
        "What was your major in college?",
        "What is your current title?",
        "Who is the CEO?",
        "When was the agency founded?",
        "How long have you been at the company?",
    ],
)
def test_researchable_questions(question):
    assert "question.researchable" in qrules(question)


@pytest.mark.parametrize(
    "question",
    [
        "What does a typical day look like for you?",
        "What do you do on a typical Monday?",
        "How many people are on your team?",
        "What do you enjoy most about what you do?",
        "Why did you choose this school of thought over the others?",
        "How does the company decide which products to build?",
    ],
)
def test_not_researchable_questions(question):
    assert "question.researchable" not in qrules(question)


def test_a_job_ask_in_a_postscript_is_still_caught():
    body = (
        "Hi Ana,\n\nPriya Raman suggested I reach out. Would you be open to a 20-minute call "
        "so I could learn how you moved into policy work?\n\nThank you,\nMarisol Quintero\n\n"
        "P.S. Are you hiring? I would love a job on your team."
    )
    assert "ask.job" in {f.rule for f in check_message(body, "email", "Advice?")}
