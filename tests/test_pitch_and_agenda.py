"""Plain tests of pitch timing and agenda fitting."""

import pytest

from coffeechat.lib.agenda import BankEntry, fit, frame_minutes, question_count_for, suggest
from coffeechat.lib.pitch import assemble, count_words, timing


def test_pitch_parts_become_sentences():
    text = assemble(["i study economics", "", "  I interned at a bank.", "why you?"])
    assert text == "I study economics. I interned at a bank. Why you?"


@pytest.mark.parametrize(
    ("words", "verdict", "fast", "slow"),
    [
        (0, "empty", 0, 0),
        (60, "short", 24, 28),
        (70, "fits", 28, 32),
        (100, "fits", 40, 46),
        (140, "fits", 56, 65),
        (150, "long", 60, 69),
    ],
)
def test_speaking_time_at_130_to_150_words_a_minute(words, verdict, fast, slow):
    result = timing(" ".join(["word"] * words))
    assert (result.words, result.seconds_fast, result.seconds_slow) == (words, fast, slow)
    assert result.verdict == verdict


def test_words_with_apostrophes_and_hyphens_count_once():
    assert count_words("I'm a career-changer — really, 3 years in.") == 7


@pytest.mark.parametrize(
    ("agreed", "frame"), [(10, (1, 2)), (20, (2, 3)), (30, (2, 3)), (60, (3, 5))]
)
def test_opening_and_close_are_kept(agreed, frame):
    assert frame_minutes(agreed) == frame


def test_questions_share_the_time_that_is_left():
    plan = fit(20, [None, None, None, None, None])
    assert plan.question_minutes == (3, 3, 3, 3, 3)
    assert plan.total == 20 and plan.fits and plan.warning == ""


def test_given_minutes_are_kept_and_the_rest_share():
    plan = fit(20, [6, None, None])
    assert plan.question_minutes == (6, 5, 4)


def test_too_many_questions_warn_by_how_much():
    plan = fit(20, [5, 5, 5, 5])
    assert not plan.fits and plan.over_by == 5
    assert "25 minutes, 5 more than the 20" in plan.warning


def test_every_question_gets_at_least_a_minute():
    plan = fit(10, [None] * 12)
    assert min(plan.question_minutes) == 1
    assert not plan.fits


@pytest.mark.parametrize("agreed", [9, 61])
def test_agreed_minutes_stay_in_range(agreed):
    with pytest.raises(ValueError):
        fit(agreed, [None])


BANK = [
    BankEntry("day.a", "What fills a typical week?", "typical_day"),
    BankEntry("path.first", "How did you find your first role?", "path", ("near_peer",)),
    BankEntry("path.decade", "How has the field changed over ten years?", "path", ("senior",)),
    BankEntry("skills.a", "Which skills matter most day to day?", "skills"),
    BankEntry("advice.a", "What would you do in my place?", "advice"),
    BankEntry("ref.a", "Who else would you suggest I talk to?", "referrals"),
]
ORDER = ["typical_day", "path", "skills", "advice", "referrals"]


def test_suggestion_prefers_the_persons_tier_and_uncovered_categories():
    short = suggest(BANK, 10, "senior", {"typical_day"}, [], ORDER)
    assert [key for _, key in short] == ["path.decade", "skills.a"]
    near_peer = suggest(BANK, 10, "near_peer", {"typical_day"}, [], ORDER)
    assert [key for _, key in near_peer] == ["path.first", "skills.a"]


def test_a_longer_plan_comes_back_to_covered_categories_in_conversation_order():
    plan = suggest(BANK, 20, "senior", {"typical_day"}, [], ORDER)
    assert [key for _, key in plan] == ["day.a", "path.decade", "skills.a", "advice.a", "ref.a"]
    assert len(plan) == question_count_for(20) == 5


def test_open_questions_of_the_field_are_included():
    plan = suggest(BANK, 10, "near_peer", set(), ["Is a master's degree needed?"], ORDER)
    texts = [text for text, _ in plan]
    assert "Is a master's degree needed?" in texts
    assert len(plan) == question_count_for(10)
