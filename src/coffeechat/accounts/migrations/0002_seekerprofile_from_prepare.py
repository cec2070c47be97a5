# The seeker's profile moves here from prepare (prepare.0006 renamed its table); only Django's
# record of the models changes, and the permissions' content type follows the model.

import coffeechat.accounts.models
import coffeechat.core.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="seekerprofile").exists():
        ContentType.objects.filter(app_label=old, model="seekerprofile").update(app_label=new)


def move_content_type(apps, schema_editor) -> None:
    _relabel(apps, "prepare", "accounts")


def move_content_type_back(apps, schema_editor) -> None:
    _relabel(apps, "accounts", "prepare")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('prepare', '0006_seekerprofile_moves_to_accounts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='SeekerProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('display_name', models.CharField(blank=True, max_length=200)),
                ('email', models.EmailField(blank=True, max_length=254)),
                ('phone', models.CharField(blank=True, max_length=50)),
                ('school', models.CharField(blank=True, max_length=200)),
                ('program', models.CharField(blank=True, help_text='Degree, major or program, with the year.', max_length=200)),
                ('current_role', models.CharField(blank=True, help_text="Used in drafts after “I'm”: for example “a third-year economics student” or “an accountant of six years”.", max_length=200, verbose_name='how you describe yourself')),
                ('employers', models.TextField(blank=True, help_text='Past employers, one per line.')),
                ('location', models.CharField(blank=True, max_length=200)),
                ('time_zone', coffeechat.core.fields.TimeZoneField(default=coffeechat.accounts.models.default_time_zone, max_length=64)),
                ('holiday_country', models.CharField(default=coffeechat.accounts.models.default_holiday_country, help_text='Country whose public holidays are not business days, like US, GB or DE.', max_length=10)),
                ('linkedin_premium', models.BooleanField(default=False, help_text='Premium accounts may write 300-character connection notes.')),
                ('signature', models.TextField(blank=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('owner', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='seeker_profile', to=settings.AUTH_USER_MODEL)),
            ],
        )]),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
