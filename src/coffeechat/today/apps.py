from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "coffeechat.today"
    label = "today"
    verbose_name = "Today"
