"""One writer at a time for work that reads an account and then writes what it read: an
import plans against the contacts it finds, and two imports planned side by side would each
create the same people.

`lock_account` is taken inside a transaction and held until it ends. On PostgreSQL it locks
the account's user row (SELECT ... FOR UPDATE); a second import waits for the first to
commit. On SQLite every transaction that writes begins IMMEDIATE (settings), which already
admits one writer at a time, and the same statement is harmless.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction


def lock_account(user) -> None:
    """Hold the account's write lock until the current transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_account is taken inside transaction.atomic()")
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
