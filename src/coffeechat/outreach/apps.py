from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "coffeechat.outreach"
    label = "outreach"
    verbose_name = "4 · Reach out"

    def ready(self) -> None:
        from coffeechat.outreach import contact_page, search_index

        search_index.register_search()
        contact_page.add_to_contact_page()
