from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search index. It knows no app: each app registers its rows with
    coffeechat.search.indexing.register when it starts."""

    name = "coffeechat.search"
    label = "search"
    verbose_name = "Search"
    bulk_written_tables = ("search_searchentry",)
    gin_indexes = ("search_searchentry_document", "search_searchentry_title")  # PostgreSQL
