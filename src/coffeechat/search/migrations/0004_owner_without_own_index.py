"""The owner's foreign key keeps no index of its own: search_entry_owner_kind begins with it.
Dropped by name (coffeechat.core.schema_operations), so the table and its full-text triggers
stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from coffeechat.core.schema_operations import without_own_index


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_full_text_by_owner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        without_own_index(
            "search",
            "searchentry",
            "owner",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
