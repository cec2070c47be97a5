"""The advice for the meeting itself, by medium, and the "come back to this" list: plain rules,
no database."""

from __future__ import annotations

import pytest

from coffeechat.lib.meeting_advice import (
    ARRIVE_EARLY_MINUTES,
    COFFEE,
    MEDIUMS,
    OFFICE,
    OTHER,
    PHONE,
    VIDEO,
    MeetingFacts,
    advice,
    advice_for,
    open_points,
    with_open_point,
)


def _text(lines: list[str]) -> str:
    return "\n".join(lines).casefold()


def _has(lines: list[str], *words: str) -> bool:
    return any(all(word.casefold() in line.casefold() for word in words) for line in lines)


def test_coffee_arrive_early_dress_up_pay_and_keep_the_resume_in_the_bag():
    lines = advice_for(COFFEE, 20, has_place=True)
    assert _has(lines, f"{ARRIVE_EARLY_MINUTES} minutes early")
    assert _has(lines, "dress", "notch above", "office")
    assert _has(lines, "pay for the coffee")
    assert _has(lines, "copy of your résumé", "bag", "unless they ask")
    assert _has(lines, "20 minutes", "offer to stop")
    assert _has(lines, "pitch")
    assert "link" not in _text(lines)


def test_only_coffee_offers_to_pay():
    for medium in (PHONE, VIDEO, OFFICE, OTHER):
        assert "pay" not in _text(advice_for(medium, 20, has_link=True, has_place=True))


def test_video_tests_the_link_a_few_minutes_before_instead_of_arriving():
    lines = advice_for(VIDEO, 30, has_link=True)
    assert _has(lines, "open the link", "minutes before")
    assert not _has(lines, "arrive")
    assert _has(lines, "dress", "notch above")
    assert _has(lines, "résumé", "at hand", "if they ask")
    assert not _has(lines, "bag")
    assert _has(lines, "30 minutes", "offer to stop")


def test_a_video_call_without_a_link_says_to_find_it():
    assert _has(advice_for(VIDEO, 20), "no meeting link")
    assert not _has(advice_for(VIDEO, 20, has_link=True), "no meeting link")


def test_phone_needs_no_dress_and_asks_for_the_number_when_unknown():
    lines = advice_for(PHONE, 15)
    assert not _has(lines, "dress")
    assert _has(lines, "no phone number", "who calls whom")
    assert _has(lines, f"ready {ARRIVE_EARLY_MINUTES} minutes before", "quiet")
    assert not _has(advice_for(PHONE, 15, has_phone=True), "no phone number")


def test_their_office_arrives_early_for_reception():
    lines = advice_for(OFFICE, 20, has_place=True)
    assert _has(lines, f"arrive {ARRIVE_EARLY_MINUTES} minutes early", "reception")
    assert _has(lines, "bag")


def test_in_person_without_a_place_says_to_confirm_it():
    for medium in (COFFEE, OFFICE, OTHER):
        assert _has(advice_for(medium, 20), "no place recorded")
        assert not _has(advice_for(medium, 20, has_place=True), "no place recorded")


@pytest.mark.parametrize("medium", [*MEDIUMS, "carrier pigeon", ""])
def test_every_medium_keeps_the_time_and_the_resume_rule(medium):
    lines = advice(MeetingFacts(medium, 45, has_link=True, has_place=True, has_phone=True))
    assert _has(lines, "45 minutes", "watch the time", "offer to stop")
    assert _has(lines, "résumé", "they ask for it")
    assert len(lines) == len(set(lines))
    assert all(line.endswith(".") for line in lines)


def test_open_points_read_one_a_line_without_list_marks():
    text = (
        "- Which team hires juniors?\n\n* What did they mean by 'ops'?\n•  Send the article \nplain"
    )
    assert open_points(text) == [
        "Which team hires juniors?",
        "What did they mean by 'ops'?",
        "Send the article",
        "plain",
    ]
    assert open_points("") == []
    assert open_points(None) == []


def test_a_point_is_added_once_at_the_end():
    text = with_open_point("", "How did you  start?")
    assert text == "- How did you start?"
    text = with_open_point(text + "\n\n", "What next?")
    assert text == "- How did you start?\n- What next?"
    assert with_open_point(text, "how did you start?") == text
    assert with_open_point(text, "   ") == text
