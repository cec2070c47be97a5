"""An account's mark of change, kept by the database, and figures cached against it.

Some pages compute over every row of an account (the insights, who to ask next): tens of
milliseconds for a heavy account, each time the same until something changes. They keep their
result in the process's own cache (`CACHES["figures"]`) under the account's mark, so a change
anywhere in the account makes the next view compute afresh.

The mark (`AccountRevision.token`) is moved by triggers on every table with an `owner`
(and on the many-to-many tables between such rows), installed after each `migrate`: a bulk
insert, a queryset update, a cascade of deletes or the worker's import moves it as surely as a
form, which Django's signals could not promise (bulk writes send none). A table opts out with
`revision_tracked = False` on its model (the search index, whose rows follow the others'); a
table whose account column has another name names it in `revision_owner` (a request to an
alumni volunteer belongs to the seeker who sent it).

On SQLite every written row moves the mark. On PostgreSQL a trigger runs once per statement
and moves the mark once per transaction; a page read inside that same transaction (before it
commits) is not cached, so a later statement of the transaction cannot leave it stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from coffeechat.core.models import AccountRevision
from coffeechat.core.schema_operations import triggers_named

logger = logging.getLogger(__name__)

TABLE = AccountRevision._meta.db_table
PREFIX = "coffeechat_account_changed"
CACHE = "figures"  # settings.CACHES: in the process's memory, never shared
# PostgreSQL: whether the mark was last moved by the transaction reading it (then a result read
# now may not be kept: a later statement of the same transaction could change it).
CHANGED_HERE = "changed_in = txid_current_if_assigned()"
T = TypeVar("T")


@dataclass(frozen=True)
class Tracked:
    """A table whose rows belong to an account: by its own owner column, or (a many-to-many
    table) through the owned row its `column` points to in `parent`."""

    table: str
    column: str
    parent: str | None = None
    parent_key: str = "id"
    parent_owner: str = "owner_id"


def tracked_tables() -> list[Tracked]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    tracked: list[Tracked] = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or not getattr(model, "revision_tracked", True):
            continue
        owner = _owner_field(model, user_model)
        if owner is not None:
            tracked.append(Tracked(meta.db_table, owner.column))
            continue
        if meta.auto_created:  # a many-to-many table: owned through one of its two rows
            for field in meta.local_fields:
                target = field.related_model if field.is_relation else None
                parent_owner = _owner_field(target, user_model) if target is not None else None
                if parent_owner is not None:
                    parent = target._meta
                    tracked.append(
                        Tracked(
                            meta.db_table,
                            field.column,
                            parent.db_table,
                            parent.pk.column,
                            parent_owner.column,
                        )
                    )
                    break
    return sorted(tracked, key=lambda t: t.table)


def _owner_field(model, user_model) -> models.Field | None:
    try:
        field = model._meta.get_field(getattr(model, "revision_owner", "owner"))
    except FieldDoesNotExist:
        return None
    if getattr(field, "related_model", None) is user_model and field.concrete:
        return field
    return None


# Triggers ------------------------------------------------------------------------------------


def install_triggers(using: str = "default") -> None:
    """(Re)create every trigger: idempotent, and run after each migrate, since SQLite drops a
    table's triggers when a migration rebuilds the table."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    if TABLE not in present:
        return  # core's own migration has not run (a partial migrate)
    tables = [t for t in tracked_tables() if t.table in present]
    statements = _postgresql_statements if connection.vendor == "postgresql" else _sqlite_statements
    with connection.cursor() as cursor:
        for statement in statements(tables, connection.ops.quote_name):
            cursor.execute(statement)


def installed_triggers(using: str = "default") -> set[str]:
    """The names of the mark's triggers the database holds now."""
    return triggers_named(PREFIX, using)


def expected_triggers() -> set[str]:
    return {_name(t, event) for t in tracked_tables() for event in EVENTS}


EVENTS = ("insert", "update", "delete")
ROW_OF = {"insert": "NEW", "update": "NEW", "delete": "OLD"}


def _name(tracked: Tracked, event: str) -> str:
    return f"{PREFIX}_{tracked.table}_{event}"


SQLITE_UPSERT = "ON CONFLICT(owner_id) DO UPDATE SET token = excluded.token"


def _sqlite_statements(tables: list[Tracked], quote) -> Iterator[str]:
    for tracked in tables:
        for event in EVENTS:
            yield from _sqlite_trigger(tracked, event, quote)


def _sqlite_trigger(tracked: Tracked, event: str, quote) -> tuple[str, str]:
    """DROP and CREATE of one table's trigger for one event."""
    name, row = quote(_name(tracked, event)), ROW_OF[event]
    column = quote(tracked.column)
    if tracked.parent is None:
        source = f"SELECT {row}.{column}, random() WHERE {row}.{column} IS NOT NULL"
    else:
        parent_owner = quote(tracked.parent_owner)
        source = (
            f"SELECT {parent_owner}, random() FROM {quote(tracked.parent)} "
            f"WHERE {quote(tracked.parent_key)} = {row}.{column}"
        )
    return (
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(tracked.table)} "
        f"BEGIN INSERT INTO {TABLE} (owner_id, token) {source} {SQLITE_UPSERT}; END",
    )


def _postgresql_statements(tables: list[Tracked], quote) -> Iterator[str]:
    # Once per statement, over the rows it wrote; once per transaction at most, since a row
    # updated again and again in one transaction grows a chain PostgreSQL walks every time.
    upsert = f"""
        ON CONFLICT (owner_id) DO UPDATE
            SET token = EXCLUDED.token, changed_in = EXCLUDED.changed_in
            WHERE {TABLE}.changed_in IS DISTINCT FROM EXCLUDED.changed_in"""
    random_mark = "(random() * 9.2e18)::bigint"
    for tracked in tables:
        function = quote(f"{PREFIX}_{tracked.table}")
        column = quote(tracked.column)
        if tracked.parent is None:
            owners = f"SELECT DISTINCT {column} AS owner_id FROM changed_rows"
        else:
            parent_owner = quote(tracked.parent_owner)
            owners = (
                f"SELECT DISTINCT p.{parent_owner} AS owner_id FROM changed_rows c "
                f"JOIN {quote(tracked.parent)} p ON p.{quote(tracked.parent_key)} = c.{column}"
            )
        source = (
            f"SELECT o.owner_id, {random_mark}, txid_current() "
            f"FROM ({owners}) o WHERE o.owner_id IS NOT NULL"
        )
        yield f"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {TABLE} (owner_id, token, changed_in) {source} {upsert};
                RETURN NULL;
            END $$"""
        for event in EVENTS:
            name, rows = quote(_name(tracked, event)), ROW_OF[event]
            yield f"DROP TRIGGER IF EXISTS {name} ON {quote(tracked.table)}"
            yield (
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(tracked.table)} "
                f"REFERENCING {rows} TABLE AS changed_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )


@contextlib.contextmanager
def one_move_for_bulk_inserts(owner_id: int, *tables: type[models.Model]) -> Iterator[None]:
    """Rows of one account inserted in bulk into these tables move its mark once, when they
    are all in, rather than once a row: only that account's rows may be inserted into them
    meanwhile. For an importer, inside `transaction.atomic()`.

    SQLite runs a trigger for every row (0.4 s of writing 30,000 people): its insert trigger
    is dropped here and created again before the transaction ends. Every writing transaction
    on SQLite begins IMMEDIATE (settings), so this one holds the only write lock: no other
    writer ever sees the table without its trigger, readers see the schema as last committed,
    and a failure rolls the trigger's drop back with everything else. PostgreSQL's triggers
    run once per statement already and stay as they are."""
    connection = connections[AccountRevision.objects.db]
    if not connection.in_atomic_block:
        raise RuntimeError("one_move_for_bulk_inserts is used inside transaction.atomic()")
    if connection.vendor == "postgresql":
        yield
        return
    names = {model._meta.db_table for model in tables}
    # An account's own tables; a many-to-many table's trigger looks its owner up, and stays.
    found = [t for t in tracked_tables() if t.table in names and t.parent is None]
    triggers = [_sqlite_trigger(t, "insert", connection.ops.quote_name) for t in found]

    def put_back(cursor) -> None:
        for _, create in triggers:
            cursor.execute(create)

    with connection.cursor() as cursor:
        for drop, _ in triggers:
            cursor.execute(drop)
    try:
        yield
    except BaseException:
        if not connection.needs_rollback:  # the caller may go on in this transaction
            with connection.cursor() as cursor:
                put_back(cursor)
        raise
    with connection.cursor() as cursor:
        put_back(cursor)
        cursor.execute(
            f"INSERT INTO {TABLE} (owner_id, token) VALUES (%s, random()) {SQLITE_UPSERT}",
            [owner_id],
        )


# Reading the mark, and caching against it -----------------------------------------------------


def mark_of(user) -> tuple[int, bool]:
    """(the account's mark, whether a result read now may be cached under it).

    Read before the figures it guards: whatever is read after it is at least as new."""
    connection = connections[AccountRevision.objects.db]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT token, {CHANGED_HERE} FROM {TABLE} WHERE owner_id = %s",
                [user.pk],
            )
        else:
            cursor.execute(
                f"SELECT token, 0 FROM {TABLE} WHERE owner_id = %s",
                [user.pk],
            )
        row = cursor.fetchone()
    if row is None:
        return 0, True  # nothing of the account written yet
    token, changed_here = row
    return token, not changed_here


def cached_for(
    user,
    name: str,
    compute: Callable[[], T],
    *key: Hashable,
    still_good: Callable[[T], bool] | None = None,
) -> T:
    """compute(), or what it returned when the account was last as it is now.

    `key` holds whatever else the result depends on (the seeker's date, a choice in the
    query string). A result that also turns with the clock within the key (a meeting that
    ends this afternoon) says when in `still_good`: a kept result it refuses is computed
    afresh. The account's join time is part of the key, so an id used again by a new
    account after a deletion can never meet the old account's results. A cache that cannot
    be read or written (an entry that no longer unpickles) is a miss, never an error."""
    token, cacheable = mark_of(user)
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else ""
    parts = (name, user.pk, joined, token, *key)
    cache_key = "coffeechat:" + ":".join(map(str, parts))
    return _through_cache(cache_key, name, compute, cacheable, DEFAULT_TIMEOUT, still_good)


def marks_of(owner_ids: Iterable[int]) -> tuple[tuple[tuple[int, int], ...], bool]:
    """((account, mark) for each account in id order, whether a result read now may be
    cached under them): one query, whatever the number of accounts. An account with nothing
    written yet has the mark 0."""
    ids = sorted(set(owner_ids))
    if not ids:
        return (), True
    rows = AccountRevision.objects.filter(owner_id__in=ids)
    if connections[rows.db].vendor == "postgresql":
        rows = rows.annotate(changed_here=RawSQL(CHANGED_HERE, (), BooleanField()))
        found = {owner: (token, bool(here)) for owner, token, here in _marks(rows, "changed_here")}
    else:
        found = {owner: (token, False) for owner, token in _marks(rows)}
    marks = tuple((owner, found[owner][0] if owner in found else 0) for owner in ids)
    return marks, not any(here for _, here in found.values())


def _marks(rows, *extra: str):
    return rows.order_by().values_list("owner_id", "token", *extra)


def cached_across(
    owner_ids: Iterable[int], name: str, compute: Callable[[], T], *key: Hashable, timeout: int
) -> T:
    """compute(), or what it returned when every one of these accounts was last as it is now
    (a coach's figures over the seekers who share with them), for at most `timeout` seconds.

    `key` holds whatever else the result depends on (the hour it was computed for). The
    parts are hashed into the cache key, which stays short however many accounts it covers. A
    cache that cannot be read or written is a miss, never an error."""
    marks, cacheable = marks_of(owner_ids)
    parts = ":".join(map(str, (name, marks, *key)))
    cache_key = f"coffeechat:{name}:{hashlib.sha256(parts.encode()).hexdigest()}"
    return _through_cache(cache_key, name, compute, cacheable, timeout)


def _through_cache(
    cache_key: str,
    name: str,
    compute: Callable[[], T],
    cacheable: bool,
    timeout: object,
    still_good: Callable[[T], bool] | None = None,
) -> T:
    if cacheable:
        try:
            found = caches[CACHE].get(cache_key)
        except Exception:
            logger.warning("The cache could not be read; computing %s afresh.", name, exc_info=True)
            found = None
        if found is not None and (still_good is None or still_good(found)):
            return found
    value = compute()
    if cacheable:
        try:
            caches[CACHE].set(cache_key, value, timeout)
        except Exception:
            logger.warning("The cache could not be written for %s.", name, exc_info=True)
    return value


def forget(owner_id: int) -> None:
    """Drop an account's mark (its account is being deleted)."""
    AccountRevision.objects.filter(owner_id=owner_id).delete()
