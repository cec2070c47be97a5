from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


class CoreConfig(AppConfig):
    name = "coffeechat.core"
    label = "core"
    verbose_name = "coffeechat"

    def ready(self) -> None:
        from django.conf import settings

        from coffeechat.core import revisions
        from coffeechat.lib import business_days

        business_days.CACHE_DIR = settings.DATA_DIR / "cache"

        def triggers_after_migrate(using: str = "default", **kwargs) -> None:
            revisions.install_triggers(using)

        def forget_account(instance, **kwargs) -> None:
            revisions.forget(instance.pk)

        # Once per migrate (this app's signal), when every table is there.
        post_migrate.connect(triggers_after_migrate, sender=self, weak=False)
        post_delete.connect(forget_account, sender=settings.AUTH_USER_MODEL, weak=False)
