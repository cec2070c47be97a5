# The seeker's profile (who they are, their time zone and holidays) belongs to the account:
# its table is renamed here and the model is taken up by accounts.0002, rows untouched.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('prepare', '0005_seeker_documents'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='seekerprofile', table='accounts_seekerprofile'),
            ],
            state_operations=[
                migrations.DeleteModel(name='SeekerProfile'),
            ],
        ),
    ]
