"""Give accounts that existed before the built-in question bank their copy of it."""

from django.conf import settings
from django.db import migrations


def seed(apps, schema_editor):
    from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS

    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Question = apps.get_model("prepare", "Question")
    for user in User.objects.all():
        have = set(
            Question.objects.filter(owner=user)
            .exclude(builtin_key="")
            .values_list("builtin_key", flat=True)
        )
        Question.objects.bulk_create(
            [
                Question(
                    owner=user,
                    text=q.text,
                    category=q.category,
                    tiara=q.tiara,
                    builtin_key=q.key,
                )
                for q in BUILTIN_QUESTIONS
                if q.key not in have
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("prepare", "0002_profile_defaults_from_settings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
