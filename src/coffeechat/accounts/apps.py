from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


def _make_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        # The models can be imported only once the app registry is ready.
        from coffeechat.accounts.models import SeekerProfile

        SeekerProfile.objects.get_or_create(owner=instance)


class AccountsConfig(AppConfig):
    name = "coffeechat.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        post_save.connect(
            _make_profile, sender=settings.AUTH_USER_MODEL, dispatch_uid="new-user-profile"
        )
