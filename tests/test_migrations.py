"""The models and the migrations agree, so a new install and an upgrade build the same schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from coffeechat.core import cli_support


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}")


@pytest.mark.django_db
def test_commands_see_a_migration_the_database_has_not_recorded():
    """Commands skip Django's migration plan when every shipped migration file is recorded;
    one file not recorded (an upgrade) sends them to the full check, which migrates."""
    assert cli_support._all_recorded()
    assert cli_support._unapplied_migrations() == []
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name = '0001_initial'")
    assert not cli_support._all_recorded()
    assert [m.name for m, _ in cli_support._unapplied_migrations()] == ["0001_initial"]
