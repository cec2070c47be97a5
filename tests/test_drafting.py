"""Generated drafts follow the practice: every one passes the etiquette checker."""

from __future__ import annotations

import itertools

import pytest

from coffeechat.accounts.clock import get_profile
from coffeechat.lib import drafting as d
from coffeechat.lib.etiquette import check_message
from coffeechat.outreach.drafts import draft_for
from coffeechat.outreach.lint_views import checker_channel
from coffeechat.outreach.models import Message
from coffeechat.people.models import Source, Tier
from tests.factories import make_contact, make_organization, make_pitch

BASE = {
    "their_first_name": "Priya",
    "their_last_name": "Raman",
    "their_title": "Product Manager",
    "their_organization": "Northwind Traders",
    "my_name": "Sam Lee",
    "my_role": "a third-year economics student",
    "exploring": "product management",
}
SITUATIONS = {
    d.REFERRAL: {"referrer": "Dana Ortiz"},
    d.SHARED_SCHOOL: {"shared_school": "Oberlin College"},
    d.SHARED_EMPLOYER: {"shared_employer": "Contoso"},
    d.EVENT: {"where_met": "the Women in Product meetup"},
    d.ARTICLE: {"their_work": "Roadmaps Are Promises"},
    d.PERSONAL: {},
    d.COLD: {},
}
CHECKER = {
    d.EMAIL: "email",
    d.LINKEDIN_NOTE: "linkedin-note",
    d.LINKEDIN_MESSAGE: "inmail",
    d.INMAIL: "inmail",
    d.LETTER: "letter",
    d.PHONE: "letter",
}


def _findings(draft, channel, premium=True):
    name = CHECKER[channel]
    if channel == d.LINKEDIN_NOTE and not premium:
        name = "linkedin-note-free"
    return check_message(draft.body, name, draft.subject)


@pytest.mark.parametrize(
    ("situation", "channel", "premium"),
    [
        (s, c, p)
        for s, c, p in itertools.product(SITUATIONS, d.CHANNELS, (True, False))
        if p or c == d.LINKEDIN_NOTE
    ],
)
def test_every_request_passes_the_checker(situation, channel, premium):
    facts = d.DraftFacts(**BASE, situation=situation, **SITUATIONS[situation])
    draft = d.request(facts, channel, premium)
    findings = _findings(draft, channel, premium)
    assert not [f for f in findings if f.severity == "error"], findings
    # A cold contact has no connection to name; everything else is warning-free.
    allowed = {"connection.missing"} if situation == d.COLD else set()
    assert {f.rule for f in findings} <= allowed, findings


def test_the_referrer_is_named_first():
    facts = d.DraftFacts(**BASE, situation=d.REFERRAL, referrer="Dana Ortiz")
    body = d.request(facts, d.EMAIL).body
    first_sentence = body.split("\n\n")[1].split(".")[0]
    assert first_sentence.startswith("Dana Ortiz suggested")
    assert d.request(facts, d.EMAIL).subject == "Dana Ortiz suggested I contact you"


@pytest.mark.parametrize(("premium", "limit"), [(True, 300), (False, 200)])
def test_connection_notes_fit_linkedins_limit(premium, limit):
    long_names = {
        **BASE,
        "their_title": "Senior Principal Product Manager, Platform Experience",
        "their_organization": "Northwind Traders International Holdings",
    }
    for situation, extra in SITUATIONS.items():
        facts = d.DraftFacts(**long_names, situation=situation, **extra)
        assert len(d.request(facts, d.LINKEDIN_NOTE, premium).body) <= limit


def test_little_data_still_makes_a_correct_draft():
    facts = d.DraftFacts(their_first_name="Kim")
    draft = d.request(facts, d.EMAIL)
    assert draft.body.startswith("Hi Kim,")
    assert not [f for f in _findings(draft, d.EMAIL) if f.severity == "error"]


@pytest.mark.parametrize(
    "make",
    [
        lambda f: d.follow_up(f, d.EMAIL),
        lambda f: d.thank_you(f, d.ThanksFacts(advice=["Learn SQL first"]), d.EMAIL),
        lambda f: d.thank_you(f, d.ThanksFacts(resume_requested=True), d.LETTER),
        lambda f: d.keep_in_touch(f, "I finished the course you suggested."),
    ],
    ids=["follow-up", "thank-you", "thank-you-letter", "update"],
)
def test_other_drafts_break_no_rule_of_the_practice(make):
    facts = d.DraftFacts(**BASE, situation=d.REFERRAL, referrer="Dana Ortiz")
    draft = make(facts)
    errors = [f for f in check_message(draft.body, "email", draft.subject) if f.severity == "error"]
    assert errors == []


def test_the_thank_you_names_the_advice_and_sends_the_resume_only_when_asked():
    facts = d.DraftFacts(**BASE)
    asked = d.thank_you(facts, d.ThanksFacts(advice=["Learn SQL first"], resume_requested=True))
    assert "learn SQL first" in asked.body and "résumé is attached" in asked.body
    not_asked = d.thank_you(facts, d.ThanksFacts(advice=["Learn SQL first"]))
    assert "résumé" not in not_asked.body


SOURCES = [
    Source.REFERRAL,
    Source.ALUMNI,
    Source.FORMER_COWORKER,
    Source.EVENT,
    Source.ARTICLE,
    Source.COLD,
    Source.LINKEDIN_2ND,
    Source.FRIEND,
]


@pytest.mark.parametrize("source", SOURCES)
def test_drafts_for_real_contacts_pass_the_checker(seeker, source):
    profile = get_profile(seeker)
    profile.display_name, profile.school = "Sam Lee", "Oberlin College"
    profile.program, profile.employers = "economics, class of 2027", "Contoso"
    profile.save()
    make_pitch(seeker, what_i_am_exploring="a move into product management")
    referrer = make_contact(seeker, first_name="Dana", last_name="Ortiz")
    org = make_organization(seeker, name="Northwind Traders")
    contact = make_contact(
        seeker,
        first_name="Priya",
        last_name="Raman",
        title="Product Manager",
        organization=org,
        source=source,
        tier=Tier.MID,
        referred_by=referrer if source == Source.REFERRAL else None,
        source_detail={"event": "the Product Summit", "article": "Roadmaps"}.get(source, ""),
    )
    for channel, premium in [(c, p) for c, _ in Message.Channel.choices for p in (True, False)]:
        if channel == Message.Channel.CARD:
            continue
        profile.linkedin_premium = premium
        draft = draft_for(profile, contact, Message.Kind.REQUEST, channel)
        findings = check_message(draft.body, checker_channel(channel, premium), draft.subject)
        assert not [f for f in findings if f.severity == "error"], (channel, findings)
        warm = source != Source.COLD and source != Source.LINKEDIN_2ND
        if warm:
            assert findings == [], (source, channel, findings)
