from django.core.management.base import BaseCommand
from django.db import transaction

from coffeechat.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the data."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            total = rebuild()
        self.stdout.write(f"Indexed {total} rows.")
