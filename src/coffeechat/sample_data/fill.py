"""Filling one account with sample rows, safely: never on top of the account's own data.

The same seed always gives the same rows (dates are relative to the moment of generation).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from coffeechat.core.models import OwnedModel
from coffeechat.core.statistics import refresh_statistics
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Question
from coffeechat.sample_data.demo import build_demo
from coffeechat.sample_data.heavy import build_heavy
from coffeechat.search.indexing import rebuild

SCALES = ("demo", "heavy")
DEFAULT_SEED = 2026


class AccountHasData(Exception):
    """The account already holds rows of its own; sample data would mix with them."""


def _owned_models() -> Iterator[type]:
    """Every model of the practice with an owner, except the question bank every account has."""
    for model in apps.get_models():
        if issubclass(model, OwnedModel) and model is not Question:
            yield model


def has_data(user) -> bool:
    return any(model.objects.filter(owner=user).exists() for model in _owned_models())


def clear(user) -> None:
    """Delete the account's rows (not the account, its profile or its question bank)."""
    with transaction.atomic():
        # People first: their conversations, messages and tasks go with them.
        Contact.objects.filter(owner=user).delete()
        for model in _owned_models():
            model.objects.filter(owner=user).delete()


def fill_account(
    user,
    scale: str = "demo",
    seed: int = DEFAULT_SEED,
    replace: bool = False,
    now: datetime | None = None,
) -> list[tuple[int, str, str]]:
    """Fill user's account; returns how many rows of each kind it now holds (counts).

    Refuses (AccountHasData) when the account has rows of its own, unless replace is set,
    in which case they are deleted first. Dates are relative to now (default: this moment)."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}")
    if has_data(user):
        if not replace:
            raise AccountHasData(user.get_username())
        clear(user)
    rng = random.Random(seed)
    now = now or timezone.now()
    with transaction.atomic():
        (build_demo if scale == "demo" else build_heavy)(user, rng, now)
        rebuild(owner=user)  # bulk writes send no signals; one pass indexes everything
    refresh_statistics()
    return counts(user)


def counts(user) -> list[tuple[int, str, str]]:
    """How many rows of each kind the account holds: (count, one's name, several's name)."""
    return [
        (
            model.objects.filter(owner=user).count(),
            str(model._meta.verbose_name),
            str(model._meta.verbose_name_plural),
        )
        for model in _owned_models()
    ]
