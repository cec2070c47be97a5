from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "coffeechat.research"
    label = "research"
    verbose_name = "1 · Research"
