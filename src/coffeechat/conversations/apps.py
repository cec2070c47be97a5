from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConversationsConfig(AppConfig):
    name = "coffeechat.conversations"
    label = "conversations"
    verbose_name = "5 · Conversations"

    def ready(self) -> None:
        from coffeechat.conversations import (
            contact_page,
            organization_page,
            search_index,
            touch_dates,
        )

        def triggers_after_migrate(using: str = "default", **kwargs) -> None:
            touch_dates.install_triggers(using)

        # Once per migrate (this app's signal), when every table is there.
        post_migrate.connect(triggers_after_migrate, sender=self, weak=False)
        search_index.register_search()
        contact_page.add_to_contact_page()
        organization_page.add_to_organization_page()
