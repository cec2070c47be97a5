"""The user's question bank, seeded from the built-in questions once and kept in step by key."""

from __future__ import annotations

from coffeechat.prepare.models import Question
from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS


def ensure_question_bank(user) -> int:
    """Add the built-in questions the user does not have yet; returns how many were added.

    Edited or hidden built-in questions keep the user's changes: rows are matched by key."""
    have = set(
        Question.objects.owned_by(user)
        .exclude(builtin_key="")
        .values_list("builtin_key", flat=True)
    )
    missing = [
        Question(
            owner=user,
            text=q.text,
            category=q.category,
            tiara=q.tiara,
            builtin_key=q.key,
        )
        for q in BUILTIN_QUESTIONS
        if q.key not in have
    ]
    Question.objects.bulk_create(missing)
    return len(missing)


def builtin_tiers() -> dict[str, tuple[str, ...]]:
    return {q.key: q.tiers for q in BUILTIN_QUESTIONS}
