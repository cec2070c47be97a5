"""Migration operations Django has no cheap form of on SQLite.

`without_own_index` drops the index of a foreign key that a composite index beginning with
the same column already serves. Django's AlterField would do it on PostgreSQL, but on SQLite
it remakes the whole table, and a remade table loses what the migrations made beside it
(the full-text triggers of search_searchentry). Here the index is found by introspection and
dropped alone on both databases; the models' state changes as AlterField's would.

`without_foreign_key_constraint` drops the database's check of a foreign key on PostgreSQL,
for a table of derived rows the application writes and deletes with their owner. SQLite keeps
its check: dropping it would remake the table, and its checks cost little.

`triggers_named` lists the triggers a database holds under a prefix, for the code that keeps
its own triggers there (core.revisions, conversations.touch_dates).
"""

from __future__ import annotations

from django.db import connections, migrations


def triggers_named(prefix: str, using: str = "default") -> set[str]:
    """The names of the triggers the database holds now that begin with `prefix`."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s",
                [f"{prefix}%"],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{prefix}%"],
            )
        return {row[0] for row in cursor.fetchall()}


def without_own_index(app_label: str, model_name: str, name: str, field):
    """An operation: `field` (the foreign key as it now is, with db_index=False) replaces
    `name` of app_label.model_name, and the database drops the index on that column alone.
    Reversed, the index is made again."""

    def drop(apps, schema_editor) -> None:
        table, column = _table_and_column(apps, app_label, model_name, name)
        for index in _single_column_indexes(schema_editor.connection, table, column):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(index)}")

    def create(apps, schema_editor) -> None:
        table, column = _table_and_column(apps, app_label, model_name, name)
        if _single_column_indexes(schema_editor.connection, table, column):
            return
        quote = schema_editor.quote_name
        index = f"{table}_{column}_fk"
        schema_editor.execute(f"CREATE INDEX {quote(index)} ON {quote(table)} ({quote(column)})")

    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(model_name, name, field)],
        database_operations=[migrations.RunPython(drop, create)],
    )


def _single_column_indexes(connection, table: str, column: str) -> list[str]:
    """Names of the plain (not unique, not primary) indexes on exactly this one column."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return sorted(
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] == [column]
    )


def without_foreign_key_constraint(app_label: str, model_name: str, name: str, field):
    """An operation: `field` (the foreign key as it now is, with db_constraint=False) replaces
    `name` of app_label.model_name, and PostgreSQL drops the foreign-key constraint on that
    column. Reversed, the constraint is made again, deferred as Django makes it."""

    def drop(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table, column = _table_and_column(apps, app_label, model_name, name)
        for constraint in _foreign_keys(schema_editor.connection, table, column):
            quote = schema_editor.quote_name
            schema_editor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(constraint)}")

    def create(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table, column = _table_and_column(apps, app_label, model_name, name)
        if _foreign_keys(schema_editor.connection, table, column):
            return
        target = apps.get_model(app_label, model_name)._meta.get_field(name).target_field
        target_table = target.model._meta.db_table
        # Not the name without_own_index gives an index: PostgreSQL would take both, but
        # introspection lists constraints and indexes by name, one per name.
        constraint = f"{table}_{column}_fk_{target_table}_{target.column}"[:63]
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(constraint)} "
            f"FOREIGN KEY ({quote(column)}) REFERENCES {quote(target_table)} "
            f"({quote(target.column)}) DEFERRABLE INITIALLY DEFERRED"
        )

    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(model_name, name, field)],
        database_operations=[migrations.RunPython(drop, create)],
    )


def _table_and_column(apps, app_label: str, model_name: str, name: str) -> tuple[str, str]:
    model = apps.get_model(app_label, model_name)
    return model._meta.db_table, model._meta.get_field(name).column


def _foreign_keys(connection, table: str, column: str) -> list[str]:
    """Names of the foreign-key constraints on exactly this one column."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return sorted(
        name
        for name, info in constraints.items()
        if info["foreign_key"] and info["columns"] == [column]
    )
