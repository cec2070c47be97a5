"""Each person's latest conversation held and latest interaction, filled in once from the rows
already there; the triggers of coffeechat.conversations.touch_dates keep them from then on
(installed after every migrate)."""

from django.db import migrations

from coffeechat.conversations.touch_dates import FILL_IN


class Migration(migrations.Migration):

    dependencies = [
        ("conversations", "0004_conversation_come_back_to"),
        ("people", "0010_contact_touch_dates"),
    ]

    operations = [migrations.RunSQL(FILL_IN, reverse_sql=migrations.RunSQL.noop)]
