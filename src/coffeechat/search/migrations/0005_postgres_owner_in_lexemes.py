"""PostgreSQL's full-text columns remade with each word tagged with its owner
(coffeechat.search.postgres_fts), computed again for the entries already there. SQLite's
full-text table has indexed the owner as a column of its own since 0003."""

from importlib import import_module

from django.db import migrations

from coffeechat.search import postgres_fts

initial = import_module("coffeechat.search.migrations.0001_initial")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_owner_without_own_index")]

    operations = [
        migrations.RunPython(
            initial._run({"postgresql": postgres_fts.FORWARD}),
            initial._run(
                {"postgresql": [*initial.POSTGRES_BACKWARD, *initial.POSTGRES_FORWARD]}
            ),
        ),
    ]
