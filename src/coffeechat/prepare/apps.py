from django.apps import AppConfig


class PrepareConfig(AppConfig):
    name = "coffeechat.prepare"
    label = "prepare"
    verbose_name = "3 · Prepare"
