"""Fitting a conversation's questions into the minutes the person agreed to give.

Time is kept for the opening (restate the purpose, a brief introduction) and the close
(other people to talk to, permission to stay in touch, thanks); the questions share the
rest. A plan that does not fit says by how much.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_AGREED = 10
MAX_AGREED = 60
DEFAULT_QUESTION_MINUTES = 3

OPENING_CHECKLIST = (
    "Thank them for their time and restate why you asked: to learn, not to ask for a job",
    "Introduce yourself briefly (your pitch)",
    "Confirm how much time they have",
    "Let them talk: listen more than you speak, and take notes",
)
CLOSING_CHECKLIST = (
    "Ask who else they would suggest you talk to, and whether you may mention their name",
    "Ask if you may stay in touch and tell them what you do with their advice",
    "Offer to return the favor",
    "Thank them, and keep to the agreed time",
)


def frame_minutes(agreed: int) -> tuple[int, int]:
    """Minutes kept for the opening and the close of a conversation of `agreed` minutes."""
    opening = 1 if agreed <= 15 else 2 if agreed <= 30 else 3
    closing = 2 if agreed <= 15 else 3 if agreed <= 30 else 5
    return opening, closing


@dataclass(frozen=True)
class AgendaFit:
    agreed: int
    opening: int
    closing: int
    question_minutes: tuple[int, ...]

    @property
    def available(self) -> int:
        return self.agreed - self.opening - self.closing

    @property
    def total(self) -> int:
        return self.opening + sum(self.question_minutes) + self.closing

    @property
    def over_by(self) -> int:
        return max(0, self.total - self.agreed)

    @property
    def fits(self) -> bool:
        return self.over_by == 0

    @property
    def warning(self) -> str:
        if self.fits:
            return ""
        return (
            f"This plan takes {self.total} minutes, {self.over_by} more than the {self.agreed} "
            f"they agreed to. Drop a question or give some less time: {self.available} minutes "
            "are left for questions once the opening and the close are kept."
        )


def fit(agreed: int, minutes: Sequence[int | None]) -> AgendaFit:
    """Minutes per question: given ones are kept, the others share what is left (at least 1)."""
    if not MIN_AGREED <= agreed <= MAX_AGREED:
        raise ValueError(f"agreed minutes must be between {MIN_AGREED} and {MAX_AGREED}")
    opening, closing = frame_minutes(agreed)
    fixed = sum(m for m in minutes if m)
    open_slots = sum(1 for m in minutes if not m)
    left = agreed - opening - closing - fixed
    shares = _share(left, open_slots)
    result, share_iter = [], iter(shares)
    for m in minutes:
        result.append(m if m else next(share_iter))
    return AgendaFit(agreed, opening, closing, tuple(result))


def _share(minutes: int, slots: int) -> list[int]:
    if slots == 0:
        return []
    base, extra = divmod(max(minutes, 0), slots)
    shares = [base + (1 if i < extra else 0) for i in range(slots)]
    return [max(1, s) for s in shares]


def _preferred(entries: list[BankEntry], tier: str) -> list[BankEntry]:
    """Questions that suit the person's seniority first, the others after."""
    return sorted(entries, key=lambda e: 0 if tier and tier in e.tiers else 1)


def question_count_for(agreed: int) -> int:
    """How many questions a plan of `agreed` minutes has room for, about 3 minutes each."""
    opening, closing = frame_minutes(agreed)
    return max(1, (agreed - opening - closing) // DEFAULT_QUESTION_MINUTES)


@dataclass(frozen=True)
class BankEntry:
    key: str
    text: str
    category: str
    tiers: tuple[str, ...] = ()


def suggest(
    bank: Sequence[BankEntry],
    agreed: int,
    tier: str,
    covered_categories: set[str],
    open_questions: Sequence[str],
    category_order: Sequence[str],
) -> list[tuple[str, str]]:
    """(text, key or "") of a suggested plan, in conversation order.

    The field's open questions come first in priority (they are why the seeker asks), then one
    bank question per category not yet covered with this person, preferring those that suit
    their seniority, then covered categories if room is left."""
    room = question_count_for(agreed)
    picks: list[tuple[str, str, str]] = [(q, "", "open") for q in open_questions[:2]]
    by_category: dict[str, list[BankEntry]] = {}
    for entry in bank:
        by_category.setdefault(entry.category, []).append(entry)
    order = [c for c in category_order if c not in covered_categories]
    order += [c for c in category_order if c in covered_categories]
    # One question per category first; a long conversation then takes seconds, and so on.
    queues = {c: _preferred(by_category.get(c, []), tier) for c in order}
    while len(picks) < room and any(queues.values()):
        for category in order:
            if len(picks) >= room:
                break
            if queues[category]:
                choice = queues[category].pop(0)
                picks.append((choice.text, choice.key, category))
    rank = {c: i for i, c in enumerate(category_order)}
    # Open questions sit after the rapport questions, before advice and referrals.
    middle = len(category_order) // 2
    picks.sort(key=lambda p: rank.get(p[2], middle))
    return [(text, key) for text, key, _ in picks[:room]]
