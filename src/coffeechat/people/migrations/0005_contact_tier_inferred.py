# The seniority coffeechat infers from the job title (coffeechat.lib.seniority), and a flag
# saying it was inferred; existing contacts without a tier get it from their title.

from django.db import migrations, models

from coffeechat.lib.seniority import infer_tier

BATCH = 500


def infer_blank_tiers(apps, schema_editor):
    Contact = apps.get_model("people", "Contact")
    blank = Contact.objects.filter(tier="").exclude(title="")
    titles_by_tier = {}
    for title in blank.order_by().values_list("title", flat=True).distinct().iterator():
        tier = infer_tier(title)
        if tier:
            titles_by_tier.setdefault(tier, []).append(title)
    for tier, titles in titles_by_tier.items():
        for start in range(0, len(titles), BATCH):
            blank.filter(title__in=titles[start : start + BATCH]).update(
                tier=tier, tier_inferred=True
            )


def forget_inferred_tiers(apps, schema_editor):
    Contact = apps.get_model("people", "Contact")
    Contact.objects.filter(tier_inferred=True).update(tier="", tier_inferred=False)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_contact_connection_sentence"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="tier_inferred",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AlterField(
            model_name="contact",
            name="tier",
            field=models.CharField(
                blank=True,
                choices=[
                    ("near_peer", "Near-peer (a few years ahead)"),
                    ("mid", "Mid-career"),
                    ("senior", "Senior"),
                ],
                help_text="Left blank, coffeechat infers it from the job title.",
                max_length=20,
                verbose_name="seniority",
            ),
        ),
        migrations.RunPython(infer_blank_tiers, forget_inferred_tiers),
    ]
