"""A contact's owner and organization keep no index of their own: contact_owner_email,
contact_owner_linkedin and contact_owner_name begin with the owner, contact_org_advocate with
the organization. Dropped by name (coffeechat.core.schema_operations) rather than by
remaking the table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from coffeechat.core.schema_operations import without_own_index


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_import_batch_background"),
        ("research", "0004_url_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        without_own_index(
            "people",
            "contact",
            "organization",
            models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contacts",
                to="research.organization",
            ),
        ),
        without_own_index(
            "people",
            "contact",
            "owner",
            models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
