"""Read a JSON export back into an empty account: every row, every link, every file.

The reverse of json_export; the rows are written by json_load. When the ids of a collection
are free in the database, which they are in a fresh one, rows keep their ids, so exporting
again gives the same bytes; otherwise the database gives new ids and every reference is
translated. Timestamps are restored as they were, not set to the time of the restore.

Every value is checked first, as the forms check it (restore_checks), so a file with one bad
value is refused whole; and everything happens in one transaction: a file that fails halfway,
or a process killed halfway, writes nothing.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction

from coffeechat.accounts.models import SeekerProfile
from coffeechat.core.statistics import refresh_statistics
from coffeechat.exports.json_export import COLLECTIONS, FORMAT, READABLE, VERSION
from coffeechat.exports.json_load import (
    RestoreSummary,
    RowWriter,
    account_contents,
    describe_contents,
    files_kept_only_on_success,
    profile_is_blank,
)
from coffeechat.exports.restore_checks import RestoreError, check_document_values
from coffeechat.prepare.models import Question
from coffeechat.search.indexing import rebuild

# Reading and checking the document ---------------------------------------------------------


def parse_document(data: bytes) -> dict[str, Any]:
    """The export document in `data`, or RestoreError saying what is wrong with the file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RestoreError(
            "The file is not UTF-8 text, so it is not a coffeechat export."
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RestoreError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg.lower()})."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreError("The file is JSON but not a coffeechat export.")
    version = document.get("version")
    if version not in READABLE or isinstance(version, bool):
        newer = isinstance(version, int) and version > VERSION
        readable = " and ".join(str(v) for v in READABLE)
        raise RestoreError(
            f"The file is a version {version!r} export; this coffeechat reads versions "
            f"{readable}" + ("; update coffeechat to restore it." if newer else ".")
        )
    for name, _model in COLLECTIONS:
        rows = document.setdefault(name, [])  # a collection added later is simply empty
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise RestoreError(f"“{name}” in the file is not a list of rows.")
        for row in rows:
            if not isinstance(row.get("id"), int) or isinstance(row.get("id"), bool):
                raise RestoreError(f"A row of “{name}” has no integer id.")
        ids = [row["id"] for row in rows]
        if len(set(ids)) != len(ids):
            raise RestoreError(f"“{name}” holds two rows with the same id.")
    user = document.get("user")
    if not isinstance(user, dict) or not isinstance(user.get("username"), str):
        raise RestoreError("The file does not say which account it was exported from.")
    if document.get("profile") is not None and not isinstance(document["profile"], dict):
        raise RestoreError("“profile” in the file is not an object.")
    check_document_values(document)
    return document


# The target account -------------------------------------------------------------------------


def check_empty(user) -> None:
    held = account_contents(user)
    if held:
        raise RestoreError(
            f"The account {user.get_username()!r} already holds data "
            f"({describe_contents(held)}); restore goes into an empty account only. Use a "
            "fresh data folder (COFFEECHAT_DATA_DIR) or another database."
        )
    if not profile_is_blank(user):
        raise RestoreError(
            f"The account {user.get_username()!r} already has a filled-in profile; restore goes "
            "into an empty account only."
        )


# Writing ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _timestamps_as_given(models_: list[type[models.Model]]) -> Iterator[None]:
    """Keep created_at/updated_at as the file has them while rows are inserted.

    Django stamps auto_now fields on every insert; a restore must not. The flags are switched
    off on the model fields for the duration (the restore runs in its own process, the CLI)."""
    switched = []
    for model in models_:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                switched.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def restore_document(
    document: dict[str, Any], user, *, take_identity: bool = True
) -> RestoreSummary:
    """Restore a parsed export into `user`, which must own nothing yet (see check_empty).

    With take_identity the account takes the username and email recorded in the file (a
    restore into a fresh data folder); without, it keeps its own name (a restore into a
    named account on a server)."""
    writer = RowWriter(user, document, keep_free_ids=True, restamp=False)
    written_models = [model for _, model in COLLECTIONS] + [SeekerProfile]
    with files_kept_only_on_success(writer), transaction.atomic():
        check_empty(user)
        # The untouched question bank a new account gets; the file brings its own.
        Question.objects.owned_by(user).delete()
        if take_identity:
            _take_identity(user, document["user"])
        with _timestamps_as_given(written_models):
            summary = writer.run()
        rebuild(owner=user)
    refresh_statistics()
    return summary


def _take_identity(user, recorded: dict[str, Any]) -> None:
    username = recorded.get("username") or user.get_username()
    email = recorded.get("email") or ""
    if not isinstance(email, str):
        raise RestoreError("The account's email in the file is not text.")
    User = get_user_model()
    if username != user.get_username():
        if User.objects.filter(username=username).exclude(pk=user.pk).exists():
            raise RestoreError(
                f"Another account is already named {username!r}; restore it into that account "
                "with --user, or rename one of them."
            )
        user.username = username
    user.email = email
    user.save(update_fields=["username", "email"])
