"""Each person's latest conversation held and latest interaction, kept on the person
(Contact.last_held_at, Contact.last_touch_at) by the database's own triggers.

Today's keep-in-touch list (conversations.keep_in_touch) then reads the people met, by an
index, instead of grouping every held conversation with every interaction before the first
can be ordered. Triggers, like the account's mark of change (core.revisions), so a form, the
lifecycle, a merge's queryset update, a restore's bulk insert and a cascade of deletes keep
them alike; installed after every migrate, since SQLite drops a table's triggers when a
migration rebuilds the table. Migration conversations 0005 filled them in once for the rows
already there (FILL_IN)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections

from coffeechat.core.schema_operations import triggers_named

PREFIX = "coffeechat_touch"
CONTACTS = "people_contact"


@dataclass(frozen=True)
class Kept:
    """A column of the person kept as the latest `moment` of their rows in `table`."""

    table: str
    moment: str
    column: str

    def latest(self, contact: str) -> str:
        return f"(SELECT MAX({self.moment}) FROM {self.table} WHERE contact_id = {contact})"


KEPT = (
    Kept("conversations_conversation", "held_at", "last_held_at"),
    Kept("people_interaction", "occurred_at", "last_touch_at"),
)


def _set(kept: Kept) -> str:
    return f"{kept.column} = {kept.latest(f'{CONTACTS}.id')}"


def _refresh(kept: Kept, contacts: str) -> str:
    """The column of the people `contacts` (ids, or a query of them) from their rows."""
    return f"UPDATE {CONTACTS} SET {_set(kept)} WHERE id IN ({contacts})"


# Every person's columns from their rows, whatever they held before.
FILL_IN = f"UPDATE {CONTACTS} SET " + ", ".join(_set(kept) for kept in KEPT)


def install_triggers(using: str = "default") -> None:
    """(Re)create the triggers: idempotent, run after each migrate."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    if not {CONTACTS, *(kept.table for kept in KEPT)} <= present:
        return  # a partial migrate
    statements = _postgresql if connection.vendor == "postgresql" else _sqlite
    with connection.cursor() as cursor:
        for kept in KEPT:
            for statement in statements(kept):
                cursor.execute(statement)


def installed_triggers(using: str = "default") -> set[str]:
    return triggers_named(PREFIX, using)


def expected_triggers() -> set[str]:
    return {_name(kept, event) for kept in KEPT for event in ("insert", "update", "delete")}


def _name(kept: Kept, event: str) -> str:
    return f"{PREFIX}_{kept.table}_{event}"


def _sqlite(kept: Kept) -> Iterator[str]:
    """Row triggers: the person's column from their rows, after each row that can move it."""
    moved = f"NEW.{kept.moment} IS NOT OLD.{kept.moment} OR NEW.contact_id IS NOT OLD.contact_id"
    for event, when, contacts in (
        ("insert", f"NEW.{kept.moment} IS NOT NULL", "NEW.contact_id"),
        ("update", moved, "OLD.contact_id, NEW.contact_id"),
        ("delete", f"OLD.{kept.moment} IS NOT NULL", "OLD.contact_id"),
    ):
        name = _name(kept, event)
        yield f"DROP TRIGGER IF EXISTS {name}"
        yield (
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {kept.table} WHEN {when} "
            f"BEGIN {_refresh(kept, contacts)}; END"
        )


def _postgresql(kept: Kept) -> Iterator[str]:
    """Statement triggers over the rows each statement wrote: one update of the people they
    belong to, however many rows a bulk insert or a cascade of deletes wrote."""
    function = f"{PREFIX}_{kept.table}"
    changed = (
        "FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"WHERE n.{kept.moment} IS DISTINCT FROM o.{kept.moment} "
        "OR n.contact_id IS DISTINCT FROM o.contact_id"
    )
    inserted = _refresh(kept, f"SELECT contact_id FROM new_rows WHERE {kept.moment} IS NOT NULL")
    deleted = _refresh(kept, f"SELECT contact_id FROM old_rows WHERE {kept.moment} IS NOT NULL")
    updated = _refresh(kept, f"SELECT n.contact_id {changed} UNION SELECT o.contact_id {changed}")
    yield f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {inserted};
            ELSIF TG_OP = 'DELETE' THEN {deleted};
            ELSE {updated};
            END IF;
            RETURN NULL;
        END $$"""
    for event, rows in (
        ("insert", "NEW TABLE AS new_rows"),
        ("update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("delete", "OLD TABLE AS old_rows"),
    ):
        name = _name(kept, event)
        yield f"DROP TRIGGER IF EXISTS {name} ON {kept.table}"
        yield (
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {kept.table} "
            f"REFERENCING {rows} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
