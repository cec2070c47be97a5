from django.apps import AppConfig
from django.db.models.signals import post_delete


def _discard_upload(sender, instance, **kwargs) -> None:
    from coffeechat.people.import_files import discard

    discard(instance.stored_name)


class PeopleConfig(AppConfig):
    name = "coffeechat.people"
    label = "people"
    verbose_name = "2 · People"
    bulk_written_tables = ("people_contact",)  # imports write it many rows at a time

    def ready(self) -> None:
        from coffeechat.people import search_index
        from coffeechat.people.models import ImportBatch

        search_index.register_search()
        # Also when the account goes: an uploaded contact list never outlives its import.
        post_delete.connect(_discard_upload, sender=ImportBatch, dispatch_uid="discard-upload")
