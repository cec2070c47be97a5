from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "coffeechat.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from coffeechat.search import indexing

        indexing.connect_signals()
