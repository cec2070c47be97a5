"""Plain tests of the who-to-ask-next rules."""

from datetime import date

from coffeechat.lib.who_next import (
    EVERYONE_ELSE,
    FOCUS,
    WARM_ELSEWHERE,
    Candidate,
    OrganizationState,
    rank,
)

ACME = OrganizationState(1, "Acme", rank=2)
GLOBEX = OrganizationState(2, "Globex", rank=1)
TODAY = date(2026, 11, 23)  # a Monday


def person(pk, source="cold", tier="mid", org=1, **kw) -> Candidate:
    return Candidate(pk, f"Person {pk}", source, tier, org, **kw)


def names(suggestions):
    return [s.candidate.contact_id for s in suggestions]


def test_warm_before_cold_then_near_peers_before_senior():
    people = [
        person(1, "cold", "near_peer"),
        person(2, "alumni", "senior"),
        person(3, "alumni", "near_peer", org=2),
        person(4, "linkedin_2nd", "near_peer", org=2),
    ]
    suggestions, _ = rank(people, [ACME, GLOBEX], TODAY)
    assert names(suggestions) == [3, 2, 4, 1]


def test_the_reason_explains_the_rank():
    suggestions, _ = rank([person(1, "alumni", "near_peer")], [ACME], TODAY)
    assert suggestions[0].reason == "alum · near-peer · Acme is #2 on your list"


def test_referrals_name_who_referred_them():
    suggestions, _ = rank([person(1, "referral", "mid", referred_by="Ada")], [ACME], TODAY)
    assert suggestions[0].reason.startswith("referred by Ada · mid-career")


def test_at_most_two_people_per_organization_counting_open_conversations():
    people = [person(n, "alumni") for n in range(1, 6)]
    assert len(rank(people, [ACME], TODAY)[0]) == 2
    busy = OrganizationState(1, "Acme", rank=1, open_conversations=1)
    assert len(rank(people, [busy], TODAY)[0]) == 1
    full = OrganizationState(1, "Acme", rank=1, open_conversations=2)
    assert rank(people, [full], TODAY)[0] == []


def test_nobody_marked_do_not_contact_or_already_in_a_conversation():
    people = [person(1, do_not_contact=True), person(2, has_conversation=True), person(3)]
    assert names(rank(people, [ACME], TODAY)[0]) == [3]


def test_focus_organizations_first_then_warm_people_elsewhere_then_the_rest():
    elsewhere = OrganizationState(3, "Initech", rank=1, in_focus=False)
    people = [
        person(1, "cold", "near_peer", org=None),
        person(2, "alumni", "senior", org=3),
        person(3, "cold", "senior", org=1),
        person(4, "friend", "near_peer", org=None),
        person(5, "linkedin_1st", "mid", org=3),
    ]
    suggestions, _ = rank(people, [ACME, elsewhere], TODAY)
    assert names(suggestions) == [3, 2, 4, 5, 1]  # an alum before a friend
    assert [s.group for s in suggestions] == [FOCUS, WARM_ELSEWHERE, WARM_ELSEWHERE] + [
        EVERYONE_ELSE
    ] * 2
    reasons = [s.reason for s in suggestions]
    assert reasons[1] == "alum · senior · at Initech, not in focus"
    assert reasons[4] == "cold · near-peer · no organization noted"


def test_never_empty_while_someone_may_be_asked():
    assert names(rank([person(1, org=99)], [ACME], TODAY)[0]) == [1]
    assert rank([person(1, org=None, do_not_contact=True)], [], TODAY) == ([], [])


def test_the_two_per_organization_limit_and_the_wait_hold_outside_the_focus_too():
    elsewhere = OrganizationState(
        3, "Initech", rank=4, in_focus=False, open_conversations=1, waiting_since=TODAY
    )
    people = [person(n, "alumni", org=3) for n in range(1, 4)]
    suggestions, held = rank(people, [elsewhere], TODAY)
    assert suggestions == [] and held[0].organization.name == "Initech"
    later = OrganizationState(3, "Initech", rank=4, in_focus=False, open_conversations=1)
    assert len(rank(people, [later], TODAY)[0]) == 1


def test_second_request_waits_three_business_days():
    # Asked on Thursday 19 Nov; 3 business days later is Tuesday 24 Nov.
    waiting = OrganizationState(
        1, "Acme", rank=1, open_conversations=1, waiting_since=date(2026, 11, 19)
    )
    people = [person(1, "alumni")]
    suggestions, held = rank(people, [waiting], date(2026, 11, 23))
    assert suggestions == []
    assert held[0].until == date(2026, 11, 24)
    suggestions, held = rank(people, [waiting], date(2026, 11, 24))
    assert names(suggestions) == [1] and held == []


def test_holidays_stretch_the_wait():
    # Asked Tuesday 24 Nov 2026; Thanksgiving (Thu 26) is not a business day in the US.
    waiting = OrganizationState(
        1, "Acme", rank=1, open_conversations=1, waiting_since=date(2026, 11, 24)
    )
    _, held = rank([person(1)], [waiting], date(2026, 11, 27), country="US")
    assert held[0].until == date(2026, 11, 30)
    _, held = rank([person(1)], [waiting], date(2026, 11, 27), country="DE")
    assert held == []  # in Germany the 26th is a working day: 25, 26, 27
