from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coffeechat.core"
    label = "core"
    verbose_name = "coffeechat"

    def ready(self) -> None:
        from django.conf import settings

        from coffeechat.lib import business_days

        business_days.CACHE_DIR = settings.DATA_DIR / "cache"
