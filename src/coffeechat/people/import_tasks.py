"""Large imports run in the background: the page that confirmed the file answers at once and
shows the import's progress, while `coffeechat worker` matches and writes it. The server
stays free for everyone else meanwhile; on SQLite the database is locked for writing only
while the rows are written, not while they are matched.

A file of up to BACKGROUND_ROWS rows is imported while the page waits, as before.
"""

from __future__ import annotations

import datetime
import json
import time

from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import task

from coffeechat.core.faults import DISK_FULL_SENTENCE, is_disk_full
from coffeechat.core.locks import lock_account
from coffeechat.lib import contact_files
from coffeechat.people import import_files
from coffeechat.people.importing import (
    ImportConflict,
    ImportSummary,
    account_state,
    apply_plan,
    plan_import,
)
from coffeechat.people.models import ImportBatch

BACKGROUND_ROWS = 2_000
# A file larger than this (about 2,500 LinkedIn rows) is read and previewed in the background
# too: reading vCards is slow (half a millisecond a card) and matching thousands of rows takes
# seconds.
READ_IN_BACKGROUND_BYTES = 256 * 1024
PREVIEW_ROWS = 25
PREVIEW_VALUES = ("display_name", "first_name", "last_name", "title", "email", "phone")
# How often the progress a page shows is written: every this many rows, at most this often.
PROGRESS_ROWS = 1_000
PROGRESS_SECONDS = 0.5
ORPHANED_AFTER = datetime.timedelta(minutes=2)
NOT_SAVED = "The import could not be saved; nothing was changed. Try again."


def queue(batch: ImportBatch, source: str, rows: int) -> bool:
    """Hand the batch to the worker; False when it was not pending any more (a second
    click, or a cancel in another tab)."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PENDING).update(
        status=ImportBatch.Status.QUEUED,
        source=source,
        progress=0,
        total=rows,
        summary={},
        updated_at=timezone.now(),
    )
    if not claimed:
        return False
    transaction.on_commit(lambda: import_batch.enqueue(batch.pk))
    return True


class _Progress:
    """Writes how far matching got, now and then, where the batch's page reads it."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.rows = 0
        self.written_rows = 0
        self.written_at = time.monotonic()

    def __call__(self, rows: int) -> None:
        self.rows += rows
        now = time.monotonic()
        if self.rows - self.written_rows >= PROGRESS_ROWS and now - self.written_at >= (
            PROGRESS_SECONDS
        ):
            ImportBatch.objects.filter(pk=self.batch_id).update(
                progress=self.rows, updated_at=timezone.now()
            )
            self.written_rows, self.written_at = self.rows, now


@task()
def import_batch(batch_id: int) -> dict:
    """Match and write a queued batch; its summary, or the sentence saying why not, lands on
    the batch for its page to show."""
    batch = ImportBatch.objects.select_related("owner").filter(pk=batch_id).first()
    if batch is None or batch.status != ImportBatch.Status.QUEUED:
        return {}
    try:
        result = import_files.parsed(batch)
        total = len(result.contacts)
        ImportBatch.objects.filter(pk=batch_id).update(total=total, updated_at=timezone.now())
        plan = plan_import(batch.owner, result, source=batch.source, progress=_Progress(batch_id))
        ImportBatch.objects.filter(pk=batch_id).update(progress=total)
        with transaction.atomic():
            claimed = (
                ImportBatch.objects.select_for_update()
                .filter(pk=batch_id, status=ImportBatch.Status.QUEUED)
                .first()
            )
            if claimed is None:
                return {}
            lock_account(batch.owner)
            summary = apply_plan(plan)
            _finish(claimed, summary)
    except (contact_files.ContactFileError, OSError, DatabaseError, ImportConflict) as error:
        _give_back(batch_id, _sentence(error))
        return {"error": _sentence(error)}
    except Exception:
        _give_back(batch_id, NOT_SAVED)  # the page must not wait for ever; the worker logs it
        raise
    import_files.discard(batch.stored_name)
    return summary.as_dict()


def _finish(batch: ImportBatch, summary: ImportSummary) -> None:
    batch.status = ImportBatch.Status.IMPORTED
    batch.summary = summary.as_dict() | {"rematched": summary.rematched}
    batch.imported_at = timezone.now()
    batch.save()


def _sentence(error: Exception) -> str:
    if is_disk_full(error):
        return DISK_FULL_SENTENCE
    if isinstance(error, contact_files.ContactFileError):
        return str(error)
    if isinstance(error, OSError):
        return "The uploaded file is no longer there; upload it again."
    return NOT_SAVED


def _give_back(batch_id: int, sentence: str) -> None:
    """The batch waits for the person again, with the reason it was not imported."""
    ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.PENDING, progress=0, summary={"error": sentence}
    )


def requeue_orphans(idle: datetime.timedelta = ORPHANED_AFTER) -> int:
    """Queue again the imports a stopped worker left half-way (a batch still queued that
    nobody has moved for a while); a second run of one that is still going writes nothing."""
    cutoff = timezone.now() - idle
    orphans = list(
        ImportBatch.objects.filter(
            status=ImportBatch.Status.QUEUED, updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for batch_id in orphans:
        ImportBatch.objects.filter(pk=batch_id).update(updated_at=timezone.now())
        import_batch.enqueue(batch_id)
    return len(orphans)


def rows_previewed(batch: ImportBatch) -> int:
    """How many rows the worker's preview counted (0 when there is none): every row the file
    holds is new, updated, already there, or folded into another row."""
    summary = batch.summary.get("preview", {}).get("summary", {})
    return sum(summary.get(kind, 0) for kind in ("created", "updated", "unchanged", "merged"))


def reads_in_background(batch: ImportBatch) -> bool:
    """A large file is read and its preview worked out by the worker: matching thousands of
    rows holds the web process's interpreter for seconds, and everyone's pages with it."""
    return batch.size > READ_IN_BACKGROUND_BYTES


def preview_of(batch: ImportBatch) -> dict | None:
    """The preview the worker worked out, while it still holds: the file read the same way
    and the account unchanged since."""
    preview = batch.summary.get("preview")
    if not preview or preview.get("key") != import_files.parse_key(batch):
        return None
    if preview.get("state") != state_key(account_state(batch.owner)):
        return None
    return preview


def state_key(state: tuple) -> str:
    return json.dumps(state, default=str)


def _preview(batch: ImportBatch, plan) -> dict:
    """What the preview page shows, as plain values: the summary, the first rows of each
    kind, and what the plan was made against."""

    def row(target) -> dict:
        values = target.values
        return {
            "line": target.line,
            "values": {name: values[name] for name in PREVIEW_VALUES},
            "organization_name": target.organization_name,
            "new_addresses": [address.value for address in target.new_addresses],
            "changed": sorted(target.changed),
        }

    return {
        "key": import_files.parse_key(batch),
        "state": state_key(plan.state),
        "source": plan.source,
        "summary": plan.summary.as_dict(),
        "new_rows": [row(t) for t in plan.new_targets[:PREVIEW_ROWS]],
        "changed_rows": [row(t) for t in plan.changed_targets[:PREVIEW_ROWS]],
    }


def start_reading(batch: ImportBatch) -> None:
    """Hand a large file to the worker to read, once; its preview waits for it."""
    if batch.summary.get("reading"):
        return
    summary = {"reading": True}
    if batch.summary.get("error"):  # why the last import did not happen, still shown
        summary["error"] = batch.summary["error"]
    marked = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PENDING).update(
        summary=summary, updated_at=timezone.now()
    )
    if marked:
        batch.summary = summary
        transaction.on_commit(lambda: read_batch.enqueue(batch.pk))


@task()
def read_batch(batch_id: int) -> dict:
    """Read a pending batch's file and keep the result for its preview; a file that cannot
    be read leaves the sentence saying why."""
    batch = (
        ImportBatch.objects.select_related("owner")
        .filter(pk=batch_id, status=ImportBatch.Status.PENDING)
        .first()
    )
    if batch is None:
        return {}
    summary: dict = {}
    try:
        result = import_files.parsed(batch)
        plan = plan_import(batch.owner, result, source=batch.source)
        summary = {"preview": _preview(batch, plan)}
    except (contact_files.ContactFileError, OSError) as error:
        summary = {"read_error": _sentence(error)}
    ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.PENDING).update(
        summary=summary, updated_at=timezone.now()
    )
    return summary
