from django.apps import AppConfig
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _seed_question_bank(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from coffeechat.prepare.bank import ensure_question_bank

        ensure_question_bank(instance)


def _discard_document_file(sender, instance, **kwargs) -> None:
    """Remove a deleted document's file once the deletion is committed (also when the whole
    account goes); a rolled-back deletion keeps its file."""
    from coffeechat.prepare.documents import discard

    stored_name = instance.stored_name
    transaction.on_commit(lambda: discard(stored_name))


class PrepareConfig(AppConfig):
    name = "coffeechat.prepare"
    label = "prepare"
    verbose_name = "3 · Prepare"

    def ready(self) -> None:
        post_save.connect(
            _seed_question_bank, sender=settings.AUTH_USER_MODEL, dispatch_uid="new-user-bank"
        )
        from coffeechat.prepare.models import Document

        post_delete.connect(
            _discard_document_file, sender=Document, dispatch_uid="discard-document-file"
        )
