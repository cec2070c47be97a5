from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "coffeechat.conversations"
    label = "conversations"
    verbose_name = "5 · Conversations"

    def ready(self) -> None:
        from coffeechat.conversations import contact_page, organization_page, search_index

        search_index.register_search()
        contact_page.add_to_contact_page()
        organization_page.add_to_organization_page()
