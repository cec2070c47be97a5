"""Bring a JSON export from another copy of coffeechat into one account here: the seeker who
began on their own computer moves their work into their career center's server account.

It is a restore of one account beside others. The file is read and every value checked by
restore (`parse_document`, which runs restore_checks); the account must be as empty as restore
wants it (`json_load.account_contents`, `profile_is_blank`); the rows are written by the same
`json_load.RowWriter`, but always under new ids, every reference following its row, and with
the file's timestamps written back after the insert instead of by switching Django's stamping
off, which the other requests of a server share. The account keeps its name, email and
password; the profile comes from the file. One transaction: a refused file writes nothing and
leaves no document file behind.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction

from coffeechat.core.locks import lock_account
from coffeechat.core.statistics import refresh_statistics
from coffeechat.core.uploads import UploadRejected, check_size, describe_size
from coffeechat.exports.json_load import (
    RestoreSummary,
    RowWriter,
    account_contents,
    describe_contents,
    files_kept_only_on_success,
    profile_is_blank,
)
from coffeechat.exports.restore import parse_document
from coffeechat.exports.restore_checks import RestoreError
from coffeechat.people.importing import STATISTICS_AFTER
from coffeechat.prepare import documents
from coffeechat.prepare.models import Question
from coffeechat.search.indexing import reindex

NOTHING_CHANGED = "so nothing was changed"
_ZIP_MAGIC = b"PK\x03\x04"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_upload_size(size: int) -> None:
    """RestoreError when a file of `size` bytes is over the upload limit (or empty)."""
    try:
        check_size(size, "brought in")
    except UploadRejected as error:
        raise RestoreError(str(error)) from None


def import_into_account(user, data: bytes) -> RestoreSummary:
    """Write the export in `data` into `user`'s account, which must be empty; RestoreError
    with one sentence, and nothing written, when the file or the account will not do."""
    check_upload_size(len(data))
    _refuse_other_files(data)
    document = parse_document(data)
    writer = RowWriter(user, document, keep_free_ids=False, restamp=True)
    with files_kept_only_on_success(writer), transaction.atomic():
        lock_account(user)  # a second upload of the same file waits, then finds data here
        check_account_is_empty(user)
        check_document_quota(document["documents"])
        # The untouched question bank a new account gets; the file brings its own.
        Question.objects.owned_by(user).delete()
        summary = writer.run()
        _index(writer.ids)  # bulk writes send no signals
    if summary.rows >= STATISTICS_AFTER:
        refresh_statistics()
    return summary


def check_account_is_empty(user) -> None:
    """Restore's notion of an empty account: no rows but the untouched question bank, and the
    profile as a new account has it."""
    held = account_contents(user)
    if held:
        raise RestoreError(
            f"Your account already holds data ({describe_contents(held)}); a file can be "
            f"brought only into an empty account, {NOTHING_CHANGED}."
        )
    if not profile_is_blank(user):
        raise RestoreError(
            "Your profile here is already filled in; a file can be brought only into an "
            f"empty account, {NOTHING_CHANGED}."
        )


def check_document_quota(rows: list[dict[str, Any]]) -> None:
    """The documents of the file, against what one account may keep (the account is empty)."""
    sizes = [row["size"] if isinstance(row.get("size"), int) else 0 for row in rows]
    stored = 0
    for count, size in enumerate(sizes):
        try:
            documents.check_quota(count, stored, size)
        except UploadRejected:
            raise RestoreError(
                f"The file holds {len(sizes)} documents of "
                f"{describe_size(sum(sizes), round_up=True)} in all; one account keeps at most "
                f"{documents.MAX_DOCUMENTS} documents of "
                f"{describe_size(documents.MAX_STORED_BYTES)}, {NOTHING_CHANGED}."
            ) from None
        stored += size


def upload_limit() -> str:
    """'10 MB': the largest file the page takes, as people say it."""
    return describe_size(settings.MAX_UPLOAD_BYTES)


def _refuse_other_files(data: bytes) -> None:
    """Files people may pick by mistake, named instead of being called 'not UTF-8'."""
    if data.startswith(_ZIP_MAGIC):
        raise RestoreError(
            "This is a ZIP file, not a JSON export; choose the .json file that "
            "“Everything, as JSON” or `coffeechat export json` wrote."
        )
    if data.startswith(_SQLITE_MAGIC):
        raise RestoreError(
            "This is a SQLite database file, not a JSON export; choose the .json file that "
            "“Everything, as JSON” or `coffeechat export json` wrote."
        )


def _index(ids: dict[type[models.Model], dict[int, int]]) -> None:
    """Search entries for every row written, once all of them and their links exist."""
    for model, mapping in ids.items():
        reindex(model, sorted(mapping.values()))
