"""Who to ask next: a ranked list of people at the seeker's focus organizations.

Plain rules of the practice, no Django: warm before cold (a referral, an alum or a former
coworker first), near-peers and people a level or two above entry before senior people, at
most two people per organization at a time, and no second request at an organization until
the first has waited 3 business days without a reply (the "3B" of 3B7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coffeechat.lib.business_days import add_business_days

PER_ORGANIZATION = 2
WAIT_BUSINESS_DAYS = 3

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
    organization_id: int
    referred_by: str = ""
    do_not_contact: bool = False
    has_conversation: bool = False  # already asked, met or declined: not a new name to ask


@dataclass(frozen=True)
class OrganizationState:
    organization_id: int
    name: str
    rank: int  # 1 = top of the LAMP list
    open_conversations: int = 0  # people there already requested or scheduled
    # The earliest unanswered request there; a reply or a meeting clears it.
    waiting_since: date | None = None


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    organization: OrganizationState
    reason: str


@dataclass(frozen=True)
class HeldBack:
    organization: OrganizationState
    until: date
    waiting_for: int  # how many candidates wait with it


def _sort_key(candidate: Candidate, organization: OrganizationState) -> tuple:
    return (
        WARMTH.get(candidate.source, 4),
        TIER_ORDER.get(candidate.tier, 2),
        organization.rank,
        candidate.name.casefold(),
    )


def reason(candidate: Candidate, organization: OrganizationState) -> str:
    source = SOURCE_WORDS.get(candidate.source, candidate.source)
    if candidate.source == "referral" and candidate.referred_by:
        source = f"referred by {candidate.referred_by}"
    tier = TIER_WORDS.get(candidate.tier, candidate.tier)
    return f"{source} · {tier} · {organization.name} is #{organization.rank} on your list"


def rank(
    candidates: list[Candidate],
    organizations: list[OrganizationState],
    today: date,
    country: str = "",
    per_organization: int = PER_ORGANIZATION,
) -> tuple[list[Suggestion], list[HeldBack]]:
    """Suggestions in the order to ask, and the organizations held back by the 3-day wait."""
    by_id = {o.organization_id: o for o in organizations}
    eligible: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.do_not_contact or candidate.has_conversation:
            continue
        if candidate.organization_id in by_id:
            eligible.setdefault(candidate.organization_id, []).append(candidate)
    suggestions: list[Suggestion] = []
    held: list[HeldBack] = []
    for organization_id, people in eligible.items():
        organization = by_id[organization_id]
        if organization.waiting_since is not None:
            until = add_business_days(organization.waiting_since, WAIT_BUSINESS_DAYS, country)
            if today < until:
                held.append(HeldBack(organization, until, len(people)))
                continue
        slots = per_organization - organization.open_conversations
        people.sort(key=lambda c: _sort_key(c, organization))
        for candidate in people[: max(slots, 0)]:
            suggestions.append(Suggestion(candidate, organization, reason(candidate, organization)))
    suggestions.sort(key=lambda s: _sort_key(s.candidate, s.organization))
    held.sort(key=lambda h: (h.until, h.organization.rank))
    return suggestions, held
