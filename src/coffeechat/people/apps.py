from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coffeechat.people"
    label = "people"
    verbose_name = "2 · People"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from coffeechat.people.models import ImportBatch

        # Also when the account goes: an uploaded contact list never outlives its import.
        post_delete.connect(_discard_upload, sender=ImportBatch, dispatch_uid="discard-upload")


def _discard_upload(sender, instance, **kwargs) -> None:
    from coffeechat.people.import_files import discard

    discard(instance.stored_name)
