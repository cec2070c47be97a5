from django.conf import settings
from django.db import migrations, models

from coffeechat.search.sqlite_fts import SQLITE_BACKWARD, SQLITE_FORWARD

POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body, '')), 'B')) STORED""",
    "CREATE INDEX search_searchentry_document ON search_searchentry USING GIN (document)",
    # Titles alone, for the ranked first pass of as-you-type search.
    """ALTER TABLE search_searchentry ADD COLUMN title_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(title, ''))) STORED""",
    "CREATE INDEX search_searchentry_title ON search_searchentry USING GIN (title_document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_title",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document",
    "DROP INDEX IF EXISTS search_searchentry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=30)),
                ("object_id", models.BigIntegerField()),
                ("title", models.CharField(max_length=300)),
                ("body", models.TextField(blank=True)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="one_search_entry_per_object")
                ],
                "indexes": [models.Index(fields=["owner", "kind"], name="search_entry_owner_kind")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
