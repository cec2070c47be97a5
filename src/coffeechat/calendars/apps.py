from django.apps import AppConfig
from django.db.models.signals import post_save

PRIVATE_ONLY = frozenset({"notes", "updated_at"})  # changes no calendar shows


def _record(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or (update_fields and set(update_fields) <= PRIVATE_ONLY):
        return
    from coffeechat.calendars.publishing import record_revision

    record_revision(instance)


class CalendarsConfig(AppConfig):
    name = "coffeechat.calendars"
    label = "calendars"
    verbose_name = "Calendars"

    def ready(self) -> None:
        from coffeechat.conversations.models import Conversation
        from coffeechat.followup.models import Task

        # Revisions are recorded when rows change, so reading a calendar never writes.
        for model in (Conversation, Task):
            post_save.connect(_record, sender=model, dispatch_uid=f"calendar-{model.__name__}")
