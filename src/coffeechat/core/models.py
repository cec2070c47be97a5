"""What every row of the practice shares: an owner, timestamps and one owner-scoped lookup."""

from __future__ import annotations

from typing import ClassVar, Self

from django.conf import settings
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404

from coffeechat.core.ids import parse_id


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, user) -> Self:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


class OwnedModel(models.Model):
    """Base of every domain row. Another user's row is never reachable through get_for_user."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    # Relations a page for one object always needs; lists name their own.
    detail_select_related: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Saved with its search entry (written on post_save) in one transaction."""
        self.derive_fields()
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic(savepoint=False):
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.derive_fields()

    def derive_fields(self) -> None:
        """Fill fields computed from others (matching keys); runs before validation and save."""

    @classmethod
    def get_for_user(cls, user, pk) -> Self:
        """The owner-scoped access helper: the user's own row, or a 404."""
        if isinstance(pk, str):
            pk = parse_id(pk)
        if pk is None:
            raise Http404(f"No such {cls._meta.verbose_name}.")
        queryset = cls.objects.owned_by(user).select_related(*cls.detail_select_related)
        return get_object_or_404(queryset, pk=pk)


class AccountRevision(models.Model):
    """A mark that changes whenever anything of an account changes (coffeechat.core.revisions).

    Written by the database's own triggers, never by Python, so a bulk write, a raw insert or
    a cascade of deletes moves it as surely as a form does. A new mark is a random number, not
    the old one plus one: a rolled-back change can never hand an old mark to new data."""

    owner_id = models.BigIntegerField(primary_key=True)  # no foreign key: see revisions.py
    token = models.BigIntegerField()
    # PostgreSQL: the transaction that last moved the mark, which moves it once (see revisions).
    changed_in = models.BigIntegerField(null=True)

    class Meta:
        db_table = "core_accountrevision"

    def __str__(self) -> str:
        return f"account {self.owner_id}: {self.token}"
