"""The etiquette checker's structural signals, on phrasings of our own: the parts of a message,
who asks whom, negation and hypotheticals, question form, and the kinds of message.

Each group pairs cases that should fire with near-misses that share their words but not their
structure, so a rule that matches words instead of shapes fails here.
"""

from __future__ import annotations

import pytest

from coffeechat.lib.etiquette import KINDS, check_message, check_question
from coffeechat.lib.etiquette.ask_favor import favor_ask
from coffeechat.lib.etiquette.ask_job import job_ask
from coffeechat.lib.etiquette.ask_pay import pay_ask
from coffeechat.lib.etiquette.connection import has_connection
from coffeechat.lib.etiquette.parts import split_message
from coffeechat.lib.etiquette.researchable import researchable
from coffeechat.lib.etiquette.rules_own import repeated_run
from coffeechat.lib.etiquette.text import normalize, split_sentences
from coffeechat.lib.etiquette.timing import durations

OPENING = "Jo Kim, my lab partner at Reed, suggested I write to you."
ASK = "Would you have 20 minutes in the next few weeks to share how you moved into the field?"


def message(*sentences: str, greeting: str = "Hi Ana,", signoff: str = "Best,\nSam") -> str:
    body = " ".join(sentences or (OPENING, ASK))
    return f"{greeting}\n\n{body}\n\n{signoff}"


def rules(body: str, **kwargs) -> set[str]:
    return {finding.rule for finding in check_message(body, **kwargs)}


# --- the parts of a message ------------------------------------------------------------------


def test_a_letters_date_and_address_go_with_the_greeting():
    letter = (
        "2 May 2025\n\nMr. Tomas Berg\nChief Engineer\nHarbor Works\n12 Pier Road\n"
        "Duluth, MN 55802\n\nDear Mr. Berg,\n\nOne two three.\n\nSincerely,\nLia Park"
    )
    parts = split_message(letter)
    assert parts.greeting.endswith("Dear Mr. Berg,")
    assert parts.body == "One two three."
    assert parts.signoff == "Sincerely," and parts.signature == "Lia Park"


@pytest.mark.parametrize(
    ("greeting", "signoff"),
    [
        ("Hola Sra. Vega,", "Un abrazo,\nLuz"),
        ("Bonjour Mme Roux,", "Cordialement,\nLuc Blanc"),
        ("Respected Madam,", "Yours faithfully,\nAnil Rao"),
        ("hey sam", "thx\ndee"),
        ("Priya,", "— Dev"),
    ],
)
def test_greetings_and_sign_offs_in_any_language(greeting, signoff):
    parts = split_message(f"{greeting}\n\nOne two three.\n\n{signoff}")
    assert parts.body == "One two three."
    assert parts.signed


def test_signature_block_postscript_and_quoted_chain_are_not_counted():
    body = (
        "Hi Ana,\n\nOne two three.\n\nKind regards,\nLia Park\nAnalyst, Harbor Works\n"
        "lia@example.com | 555-0100\n\nP.S. Four five.\n\n"
        "On Tue, Mar 4, Jo Kim wrote:\n> Ana, meet Lia.\n> Lia, meet Ana."
    )
    parts = split_message(body)
    assert parts.body == "One two three."
    assert parts.postscript == "P.S. Four five."
    assert "meet Lia" in parts.quoted and "meet Lia" not in parts.postscript


def test_a_short_exclamation_in_the_body_is_not_the_closing():
    body = "Hi Ana,\n\nCongrats on the launch!\nI read about it in the Times.\n\nBest,\nSam"
    assert split_message(body).body.startswith("Congrats on the launch!\nI read")


def test_a_job_ask_in_the_subject_or_postscript_is_read_but_not_counted():
    body = message(OPENING, ASK, signoff="Best,\nSam\n\nP.S. Is your team hiring this fall?")
    assert "ask.job" in rules(body)
    assert "ask.job" in rules(message(), subject="Any openings on your team?")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("I met Sgt. Ruiz at Fort Hood. He said you were kind.", 2),
        ("Dra. Vega suggested I write. would you have 15 minutes?", 2),
        ("my cousin said you left banking. would you be free?", 2),
        ("I met J. R. Okafor at the fair… She spoke highly of you!", 2),
    ],
)
def test_sentences_split_after_punctuation_but_not_after_titles_or_initials(text, count):
    assert len(split_sentences(text)) == count


def test_list_items_are_read_with_the_sentence_that_introduces_them():
    body = message(
        OPENING,
        "Would you have 20 minutes? I'd love to hear about:\n\n- how you started\n"
        "- what entry-level analysts earn on your team",
    )
    assert "ask.pay" in rules(body)


# --- connection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "My aunt Rosa mentioned that you coordinate volunteers at the food bank.",
        "My brother-in-law, who used to work with you at Intel, passed along your email.",
        "Ravi from our Toastmasters club said you'd be happy to chat.",
        "She thinks you might have good advice on grant writing.",
        "Thank you, Dana, for connecting us; I'm glad to move you to bcc.",
        "We sat next to each other in Professor Diaz's statistics lecture last fall.",
        "I was one of your students in the evening accounting course.",
        "You were two years ahead of me in the Teach For America corps.",
        "I'm in the same cohort of the evening MBA that you finished in 2019.",
        "My dad worked alongside you at Boeing in the nineties.",
        "I caught your lightning talk at PyData Berlin.",
        "Your op-ed in the Globe about housing vouchers has stuck with me.",
        "At last month's design mixer you mentioned moving from print to UX.",
        "Professor Okoye's Tuesday seminar had us both on the roster in 2018.",
        "I was in the 2021 cohort of the Fulbright program you went through.",
        "Following up on Mei's kind introduction, I wanted to say hello.",
        "My grandmother still talks about working with you at the library.",
        "I'm also a Peace Corps volunteer, Morocco 2019-2021.",
        "We used to work together on the Target pricing team.",
    ],
)
def test_connections_stated_in_many_shapes(sentence):
    assert has_connection([sentence])


@pytest.mark.parametrize(
    "sentence",
    [
        "I noticed that you work at Genentech.",
        "Your career in fintech is really impressive.",
        "I'm a junior at Ohio State studying finance.",
        "My advisor suggested I look into data science careers.",
        "I'd love to read your book on negotiation someday.",
        "Your profile says you lead the analytics team.",
        "Our team at Acme is exploring a move into payments.",
        "I'm a Research Fellow at a think tank.",
        "I would like you to know that I admire your company.",
        "I said to myself that I should reach out to experts.",
        "I saw on LinkedIn that you lead the data team.",
        "It says on your website that you specialize in estates.",
        "I'm reaching out because you work in climate finance.",
        "Could we talk for 15 minutes next week?",
        "We have never met, but I admire your work.",
    ],
)
def test_no_connection_near_misses(sentence):
    assert not has_connection([sentence])


# --- ask.job: who asks whom, conditionals, negation, hypotheticals --------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "If there were ever an opening on your team, I would love to be considered.",
        "Should a junior role open up, I'd be grateful to be considered for it.",
        "If your lab ever needs another technician, please think of me.",
        "Is there any chance your studio could use a junior animator this summer?",
        "Might your group have a place for a research intern next fall?",
        "Could you take me on as an intern this summer?",
        "I recently submitted my application for the policy associate role.",
        "Any help landing a role at your company would mean a lot.",
        "I'm not after a job today, but I hope you'll keep me in mind for the spring.",
        "Is your newsroom hiring any fellows this year?",
        "Were a spot to open on your crew, I'd jump at it.",
        "Are you looking for any summer interns?",
        "If there's any way to get an interview with your team, I'd be so grateful.",
    ],
)
def test_job_asks_direct_and_indirect(sentence):
    assert job_ask(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I might apply to firms like yours someday, but for now I want to learn.",
        "Before I apply anywhere, I'd like to understand the field.",
        "When I eventually apply for analyst roles, what should I emphasize?",
        "How did you get hired at the museum?",
        "What do hiring managers look for when a team is hiring juniors?",
        "What was it like to be considered for partner?",
        "Where do you see openings for innovation in the sector?",
        "I'd like to apply my design skills to healthcare.",
        "How did you decide to join your current team?",
        "I could use a mentor who knows this field.",
        "I'm not looking for a position; I'd simply value your view.",
        "If a role opens up on your team, how should I prepare?",
        "If I applied to a firm like yours, what would you look for?",
        "I'm thinking about applying to nursing programs next year.",
    ],
)
def test_job_near_misses(sentence):
    assert not job_ask(sentence)


# --- ask.favor: hedged and passive favors, and what is not one ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd be grateful if my résumé could reach your hiring manager.",
        "I wonder whether you might be willing to mention me to whoever runs recruiting.",
        "Would you mind passing my portfolio on to your creative director?",
        "Any chance you could introduce me to the recruiter for that team?",
        "If it's not too much trouble, a word with your recruiter on my behalf would mean a lot.",
        "Would you be open to referring me?",
        "It would mean the world if you could vouch for me.",
        "I'd be thrilled if you felt comfortable sharing my résumé with your recruiting team.",
        "Perhaps you could pass my name along to whoever is hiring?",
    ],
)
def test_politely_hedged_favors(sentence):
    assert favor_ask(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dana referred me to you.",
        "Could you introduce me to a colleague who works on trials so I can learn about it?",
        "Should I send my résumé to recruiters directly?",
        "How should I approach the hiring manager after an interview?",
        "My professor recommended me for this fellowship last year.",
        "I'm not asking you to refer me; I'd just value your advice.",
        "How did you ask for a referral when you were starting out?",
    ],
)
def test_favor_near_misses(sentence):
    assert not favor_ask(sentence)


def test_a_referral_for_a_named_role_is_a_favor_and_a_job_ask():
    fired = {f.rule for f in check_question("Could you refer me for the open buyer role?")}
    assert {"ask.favor", "ask.job"} <= fired
    helped = {f.rule for f in check_question("Could you help me land a role on your team?")}
    assert "ask.job" in helped and "ask.favor" not in helped


# --- ask.pay: the object of "make" -----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "fires"),
    [
        ("What kinds of software does the studio make?", False),
        ("How much progress did your team make last year?", False),
        ("What does a first-year paralegal make?", True),
        ("I'm curious how much court reporters make in Ohio.", True),
        ("What's the typical comp for a new associate?", True),
        ("Does the agency pay overtime?", True),
        ("What do you make of the new rules?", False),
    ],
)
def test_money_verbs_need_money_as_their_object(question, fires):
    assert bool(pay_ask(question, is_question=True)) is fires


# --- question.researchable -------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What line of business is the agency in?",
        "Which industries does the consultancy serve?",
        "Roughly how many staff does the nonprofit employ?",
        "When did the studio open?",
        "Is the bank privately held?",
        "In what country is the firm headquartered?",
        "What was your previous position?",
        "Which firms have you worked for?",
        "Do you have a law degree?",
        "What did you do before joining the nonprofit?",
        "How long did you stay at Google?",
        "Where is the agency's head office?",
        "Who's the founder of the startup?",
        "What was your degree in?",
        "Which university did you graduate from?",
        "What company were you at before this one?",
    ],
)
def test_website_and_profile_facts_phrased_differently(question):
    assert researchable(question)


@pytest.mark.parametrize(
    "question",
    [
        "Why did you leave the bank?",
        "How has the firm changed over the years?",
        "What did your time at the agency teach you?",
        "What does your team work on?",
        "How many people are on your team?",
        "What was your role in the merger like?",
        "What does the firm look for in new analysts?",
    ],
)
def test_researchable_near_misses(question):
    assert not researchable(question)


# --- time, request form, purpose, résumé -----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "minutes"),
    [
        ("Would you be willing to spend twenty-five minutes with me?", [25]),
        ("Could we talk for 10 to 15 mins?", [15]),
        ("I spend an hour a day on this course.", []),
        ("Could I have a couple of minutes?", []),
    ],
)
def test_durations_asked_for(sentence, minutes):
    assert [d.minutes for d in durations([sentence])] == minutes


def test_a_request_for_a_favor_is_not_the_request_for_the_conversation():
    body = message(
        OPENING,
        "Would you be willing to recommend me to your team lead?",
        "I would also value 20 minutes to hear how you started.",
    )
    assert "request.not_question" in rules(body)


def test_offering_to_share_about_myself_is_no_purpose():
    body = message(OPENING, "Could you spare 15 minutes? Happy to share more about me.")
    assert "purpose.missing" in rules(body)
    asked = message(OPENING, "Could you spare 15 minutes to explain me how you started?")
    assert "purpose.missing" not in rules(asked)


@pytest.mark.parametrize(
    ("sentence", "subject", "fires"),
    [
        ("My CV is pasted below for context.", "", True),
        ("I send you my CV in attachment.", "", True),
        ("", "Coffee chat request (CV attached)", True),
        ("If it's useful, I can send my résumé before we talk.", "", False),
        ("Your post on résumé gaps helped me a lot.", "", False),
        ("My résumé is attached, as you asked when we spoke.", "", False),
    ],
)
def test_resume_sent_along(sentence, subject, fires):
    body = message(OPENING, sentence, ASK)
    assert ("attach.resume" in rules(body, subject=subject)) is fires


# --- kinds of message ------------------------------------------------------------------------


FOLLOW_UP = (
    "Hi Ana,\n\nI'm writing once more about my note from last week. If the timing is not "
    "right, no reply is needed.\n\nBest,\nSam"
)


def test_kinds_and_their_default():
    assert KINDS == ("request", "follow_up", "thank_you", "update")
    assert check_message(message()) == check_message(message(), kind="request")
    with pytest.raises(ValueError, match="kind"):
        check_message(message(), kind="memo")


@pytest.mark.parametrize("kind", ["follow_up", "thank_you", "update"])
def test_other_kinds_skip_the_first_request_rules(kind):
    assert rules(FOLLOW_UP, kind="request") & {"connection.missing", "time.missing"}
    assert rules(FOLLOW_UP, kind=kind) == set()


@pytest.mark.parametrize("kind", ["follow_up", "thank_you", "update"])
def test_other_kinds_keep_the_rules_for_every_message(kind):
    asks = FOLLOW_UP.replace(
        "If the timing", "Are you hiring? My résumé is attached. If the timing"
    )
    assert {"ask.job", "attach.resume"} <= rules(asks, kind=kind)
    unsigned = FOLLOW_UP.replace("Best,\nSam", "Best,")
    assert "signature.missing" in rules(unsigned, kind=kind)
    note = "Hi Ana, thanks again for your time and advice. " + "x" * 300
    assert "length.channel" in rules(note, channel="linkedin-note", kind=kind)


# --- text.repeated ---------------------------------------------------------------------------


def test_a_stutter_of_two_words_is_not_a_repeated_run():
    assert repeated_run("I'm exploring I'm exploring data analytics") is None


def test_a_run_of_four_words_twice_is_repeated():
    text = (
        "Jo suggested I reach out to you about data analytics. Honestly, Jo suggested I "
        "reach out to you because you moved late."
    )
    assert repeated_run(text) == "jo suggested i reach out to you"


def test_repeats_ignore_case_and_punctuation_and_the_greeting_and_closing():
    assert repeated_run("Your path, into policy. YOUR PATH INTO POLICY!") == "your path into policy"
    assert repeated_run("one two three four five six") is None
    body = message(OPENING, ASK, signoff="Would you have 20 minutes,\nSam")
    assert "text.repeated" not in rules(body)
    doubled = message(OPENING, ASK, "I'd value it: would you have 20 minutes in the next few?")
    found = [f for f in check_message(doubled) if f.rule == "text.repeated"]
    assert found and found[0].severity == "warning" and found[0].suggestion


# --- signature.missing -----------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["email", "letter", "inmail"])
def test_a_sign_off_without_a_name(channel):
    found = [
        f
        for f in check_message(message(signoff="Thank you,"), channel=channel)
        if f.rule == "signature.missing"
    ]
    assert found and found[0].severity == "warning" and found[0].message and found[0].suggestion


@pytest.mark.parametrize(
    "signoff",
    ["Best, Sam", "Thank you,\nSam Lee", "— Sam", "Thanks!\nSam\n\nP.S. Loved the talk."],
)
def test_signed_closings(signoff):
    assert "signature.missing" not in rules(message(signoff=signoff))


def test_signature_rules_out_notes_and_messages_without_a_sign_off():
    note = "Hi Ana, Jo Kim suggested I write. Would you have 15 minutes to share your path? Thanks!"
    assert "signature.missing" not in rules(note, channel="linkedin-note")
    assert "signature.missing" in rules(note, channel="email")
    script = "Hello Ana, this is Sam Lee.\n" + OPENING + "\n" + ASK
    assert "signature.missing" not in rules(script, channel="letter")
    unsigned_ps = message(signoff="Thank you,\n\nP.S. Loved the talk.")
    assert "signature.missing" in rules(unsigned_ps)


def test_a_role_named_earlier_makes_refer_me_for_it_a_job_ask():
    body = (
        "Hi Lee,\n\nDana Ortiz suggested I write. I saw the data analyst opening on your site; "
        "could you refer me for it?\n\nThanks,\nSam"
    )
    assert {"ask.job", "ask.favor"} <= {f.rule for f in check_message(body)}
    innocent = "Hi Lee,\n\nCould you refer me to it? I mean the book you mentioned.\n\nSam"
    assert "ask.job" not in {f.rule for f in check_message(innocent)}


def test_texting_spelling_is_read_as_you_and_your():
    body = "hi lee, could u send my resume to ur hiring manager? thx, sam"
    assert "ask.favor" in {f.rule for f in check_message(body, "linkedin-note")}
    assert normalize("U.S. teams, the UR-5 arm, and u") == "U.S. teams, the UR-5 arm, and you"


def test_tenure_asked_yes_or_no_is_researchable():
    assert "question.researchable" in {
        f.rule for f in check_question("Have you been with the company long?")
    }
    assert "question.researchable" not in {
        f.rule for f in check_question("Why have you stayed with the company so long?")
    }
