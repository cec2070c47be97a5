from django.apps import AppConfig


class CenterConfig(AppConfig):
    name = "coffeechat.center"
    label = "center"
    verbose_name = "Career center"
