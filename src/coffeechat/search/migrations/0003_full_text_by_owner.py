"""SQLite's full-text table remade with the owner's id as a column of its own, and an index
of prefixes of one to three letters (coffeechat.search.sqlite_fts), then filled again from the
entries. PostgreSQL keeps its tsvector columns."""

from importlib import import_module

from django.db import migrations

from coffeechat.search.sqlite_fts import REBUILD, SQLITE_BACKWARD, SQLITE_FORWARD

initial = import_module("coffeechat.search.migrations.0001_initial")


def _remake(drop: list[str], create: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in [*drop, *create, REBUILD]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_constraint_message")]

    operations = [
        migrations.RunPython(
            _remake(SQLITE_BACKWARD, SQLITE_FORWARD),
            _remake(SQLITE_BACKWARD, initial.SQLITE_FORWARD),
        ),
    ]
