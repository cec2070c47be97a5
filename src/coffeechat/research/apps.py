from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "coffeechat.research"
    label = "research"
    verbose_name = "1 · Research"
    bulk_written_tables = ("research_organization",)  # imports add organizations in bulk

    def ready(self) -> None:
        from coffeechat.research import search_index

        search_index.register_search()
