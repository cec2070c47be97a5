from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


def _seed_new_user(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from coffeechat.prepare.bank import ensure_question_bank
        from coffeechat.prepare.models import SeekerProfile

        SeekerProfile.objects.get_or_create(owner=instance)
        ensure_question_bank(instance)


class PrepareConfig(AppConfig):
    name = "coffeechat.prepare"
    label = "prepare"
    verbose_name = "3 · Prepare"

    def ready(self) -> None:
        post_save.connect(
            _seed_new_user,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="new-user-profile-and-bank",
        )
