"""The owner's foreign key is no longer checked by PostgreSQL (see SearchEntry.owner); dropped
by name (coffeechat.core.schema_operations), so the table and its full-text columns stay as
they are. SQLite keeps its check."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from coffeechat.core.schema_operations import without_foreign_key_constraint


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_postgres_owner_in_lexemes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        without_foreign_key_constraint(
            "search",
            "searchentry",
            "owner",
            models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
