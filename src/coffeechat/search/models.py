"""One searchable text per object the seeker owns; full-text indexes sit beside this table
(SQLite FTS5, PostgreSQL tsvector + GIN), created by the migration for each database."""

from django.conf import settings
from django.db import models


class SearchEntry(models.Model):
    # The index on (owner, kind) serves the owner's lookups; one on the owner alone would
    # only slow every write of an import. Like object_id, the owner is the indexer's to keep
    # right, not the database's: entries are written for their object's owner and deleted
    # with it (and with the account, by Django's cascade). PostgreSQL's check of 30,000 new
    # entries took 0.15-0.45 s of an import's commit (migration 0006; SQLite keeps its own).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)

    # Its rows follow the others' (coffeechat.core.revisions): they change nothing on their own.
    revision_tracked = False

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="one_search_entry_per_object",
                violation_error_message="This is already in the search index.",
            )
        ]
        indexes = [models.Index(fields=["owner", "kind"], name="search_entry_owner_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
