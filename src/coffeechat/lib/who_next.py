"""Who to ask next: everyone the seeker could still ask, in the order the practice suggests.

Plain rules of the practice, no Django. People at the seeker's focus organizations come first,
then warm contacts elsewhere (a referral, an alum, a professor, a former coworker, family or a
friend and their contacts), then everyone else; within each group warm before cold and
near-peers and people a level or two above entry before senior people. At most two people per
organization at a time, and no second request at an organization until the first has waited
3 business days without a reply (the "3B" of 3B7). The list is empty only when nobody who may
be contacted is left unasked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coffeechat.lib.business_days import add_business_days

PER_ORGANIZATION = 2
WAIT_BUSINESS_DAYS = 3

# The groups, in the order they are shown.
FOCUS, WARM_ELSEWHERE, EVERYONE_ELSE = range(3)
GROUP_TITLES = {
    FOCUS: "At your focus organizations",
    WARM_ELSEWHERE: "Warm contacts elsewhere",
    EVERYONE_ELSE: "Everyone else you could ask",
}

# Lower is asked sooner.
WARMTH = {
    "referral": 0,
    "alumni": 0,
    "former_coworker": 0,
    "professor": 1,
    "family": 1,
    "friend": 1,
    "friend_of_contact": 1,
    "linkedin_1st": 2,
    "event": 2,
    "article": 2,
    "linkedin_2nd": 3,
    "cold": 4,
}
WARM = frozenset(source for source, warmth in WARMTH.items() if warmth <= 1)
TIER_ORDER = {"near_peer": 0, "mid": 1, "": 2, "senior": 3}
SOURCE_WORDS = {
    "referral": "referred",
    "alumni": "alum",
    "former_coworker": "former coworker",
    "professor": "professor or TA",
    "family": "family",
    "friend": "friend",
    "friend_of_contact": "a friend's contact",
    "linkedin_1st": "LinkedIn 1st",
    "linkedin_2nd": "LinkedIn 2nd",
    "event": "met at an event",
    "article": "read their work",
    "cold": "cold",
}
TIER_WORDS = {
    "near_peer": "near-peer",
    "mid": "mid-career",
    "senior": "senior",
    "": "level unknown",
}


@dataclass(frozen=True)
class Candidate:
    contact_id: int
    name: str
    source: str
    tier: str
    organization_id: int | None = None
    referred_by: str = ""
    do_not_contact: bool = False
    has_conversation: bool = False  # already asked, met or declined: not a new name to ask
    organization_name: str = ""  # where they work, when it is not on the seeker's list


@dataclass(frozen=True)
class OrganizationState:
    organization_id: int
    name: str
    rank: int  # 1 = top of the LAMP list
    open_conversations: int = 0  # people there already requested or scheduled
    # The earliest unanswered request there; a reply or a meeting clears it.
    waiting_since: date | None = None
    in_focus: bool = True


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    organization: OrganizationState | None
    reason: str
    group: int = FOCUS


@dataclass(frozen=True)
class HeldBack:
    organization: OrganizationState
    until: date
    waiting_for: int  # how many candidates wait with it


def group_of(candidate: Candidate, organization: OrganizationState | None) -> int:
    if organization is not None and organization.in_focus:
        return FOCUS
    return WARM_ELSEWHERE if candidate.source in WARM else EVERYONE_ELSE


def _sort_key(candidate: Candidate, organization: OrganizationState | None) -> tuple:
    return (
        group_of(candidate, organization),
        WARMTH.get(candidate.source, 4),
        TIER_ORDER.get(candidate.tier, 2),
        organization.rank if organization is not None else 10**9,
        candidate.name.casefold(),
        candidate.contact_id,
    )


def reason(candidate: Candidate, organization: OrganizationState | None) -> str:
    """One line on why this person is where they are in the list."""
    source = SOURCE_WORDS.get(candidate.source, candidate.source)
    if candidate.source == "referral" and candidate.referred_by:
        source = f"referred by {candidate.referred_by}"
    tier = TIER_WORDS.get(candidate.tier, candidate.tier)
    if organization is not None and organization.in_focus:
        where = f"{organization.name} is #{organization.rank} on your list"
    elif organization is not None:
        where = f"at {organization.name}, not in focus"
    elif candidate.organization_name:
        where = f"at {candidate.organization_name}"
    else:
        where = "no organization noted"
    return f"{source} · {tier} · {where}"


def rank(
    candidates: list[Candidate],
    organizations: list[OrganizationState],
    today: date,
    country: str = "",
    per_organization: int = PER_ORGANIZATION,
) -> tuple[list[Suggestion], list[HeldBack]]:
    """Suggestions in the order to ask, and the organizations held back by the 3-day wait.

    `organizations` are the seeker's organizations (focus ones marked in_focus); a candidate
    whose organization is not among them is ranked as one elsewhere."""
    by_id = {o.organization_id: o for o in organizations}
    eligible: dict[int | None, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.do_not_contact or candidate.has_conversation:
            continue
        key = candidate.organization_id if candidate.organization_id in by_id else None
        eligible.setdefault(key, []).append(candidate)
    suggestions: list[Suggestion] = []
    held: list[HeldBack] = []
    for organization_id, people in eligible.items():
        if organization_id is None:  # nowhere on the list: each stands alone
            suggestions.extend(
                Suggestion(c, None, reason(c, None), group_of(c, None)) for c in people
            )
            continue
        organization = by_id[organization_id]
        if organization.waiting_since is not None:
            until = add_business_days(organization.waiting_since, WAIT_BUSINESS_DAYS, country)
            if today < until:
                held.append(HeldBack(organization, until, len(people)))
                continue
        slots = per_organization - organization.open_conversations
        people.sort(key=lambda c: _sort_key(c, organization))
        for candidate in people[: max(slots, 0)]:
            suggestions.append(
                Suggestion(
                    candidate,
                    organization,
                    reason(candidate, organization),
                    group_of(candidate, organization),
                )
            )
    suggestions.sort(key=lambda s: _sort_key(s.candidate, s.organization))
    held.sort(key=lambda h: (h.until, h.organization.rank))
    return suggestions, held
