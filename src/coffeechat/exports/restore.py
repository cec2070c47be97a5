"""Read a JSON export back into an empty account: every row, every link, every file.

The reverse of json_export. Rows are created collection by collection in the export's order
with bulk inserts; references to rows of later collections (a contact referred by a contact
further down, an interaction's conversation) are filled in a second pass. When the ids of a
collection are free in the database, which they are in a fresh one, rows keep their ids, so
exporting again gives the same bytes; otherwise the database gives new ids and every reference
is translated. Timestamps are restored as they were, not set to the time of the restore.

Every value is checked first, as the forms check it (restore_checks), so a file with one bad
value is refused whole; and everything happens in one transaction: a file that fails halfway,
or a process killed halfway, writes nothing.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.core.models import OwnedModel
from coffeechat.core.statistics import refresh_statistics
from coffeechat.core.uploads import UploadRejected
from coffeechat.exports.json_export import (
    COLLECTIONS,
    CONTACT_EXTRAS,
    FORMAT,
    READABLE,
    VERSION,
    exported_columns,
    exported_many_to_many,
)
from coffeechat.exports.restore_checks import (
    RestoreError,
    check_document_values,
    parsed_value,
    value_problem,
)
from coffeechat.people.models import Contact
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Question
from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS
from coffeechat.search.indexing import rebuild

# Keys a row may carry that are not model fields: readable copies the export adds.
EXTRA_KEYS: dict[type[models.Model], frozenset[str]] = {
    Contact: frozenset(CONTACT_EXTRAS),
    Document: frozenset({"content_base64"}),
}
MODEL_COLLECTION = {model: name for name, model in COLLECTIONS}
BATCH_SIZE = 500


@dataclass
class RestoreSummary:
    username: str
    rows: int = 0
    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    stored_files: list[str] = field(default_factory=list)  # the files written to the folder


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


def account_contents(user) -> dict[str, int]:
    """What the account holds that a restore would collide with, by collection name.

    The question bank every new account is given, untouched, does not count: a restore
    replaces it with the bank from the file."""
    held = {}
    for name, model in COLLECTIONS:
        if model is Question:
            count = len(_own_questions(user))
        else:
            count = model.objects.owned_by(user).count()
        if count:
            held[name] = count
    return held


def _own_questions(user) -> list[int]:
    """Ids of the questions the user wrote, edited or hid: everything but the untouched bank."""
    builtin = {q.key: (q.text, q.category, q.tiara) for q in BUILTIN_QUESTIONS}
    rows = Question.objects.owned_by(user).values_list(
        "pk", "builtin_key", "text", "category", "tiara", "hidden"
    )
    return [
        pk
        for pk, key, text, category, tiara, hidden in rows
        if hidden or builtin.get(key) != (text, category, tiara)
    ]


def _profile_is_blank(user) -> bool:
    profile = SeekerProfile.objects.filter(owner=user).first()
    if profile is None:
        return True
    fresh = SeekerProfile(owner=user)
    return all(
        getattr(profile, f.attname) == getattr(fresh, f.attname)
        for f in SeekerProfile._meta.concrete_fields
        if f.name not in ("id", "owner", "updated_at")
    )


def check_empty(user) -> None:
    held = account_contents(user)
    if held:
        largest = sorted(held.items(), key=lambda item: -item[1])[:3]
        listed = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in largest)
        more = ", …" if len(held) > 3 else ""
        raise RestoreError(
            f"The account {user.get_username()!r} already holds data ({listed}{more}); "
            "restore goes into an empty account only. Use a fresh data folder "
            "(COFFEECHAT_DATA_DIR) or another database."
        )
    if not _profile_is_blank(user):
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


def _value(model, model_field: models.Field, value: Any, where: str) -> Any:
    """The Python value to write; check_document_values has refused a bad one already."""
    problem = value_problem(model, model_field, value)
    if problem:
        raise RestoreError(f"{where} {problem}.")
    return None if value is None else parsed_value(model_field, value)


@dataclass
class _Pending:
    """A reference to a row of a later collection, filled in once that row exists."""

    model: type[models.Model]
    row_id: int  # old id of the row holding the reference
    attname: str
    target_model: type[models.Model]
    target_id: int


def _ids_are_free(model: type[models.Model], ids: list[int]) -> bool:
    """True when no row of the table has any of these ids (in a fresh database, none has)."""
    if not ids:
        return False
    return not any(
        model._base_manager.filter(pk__in=ids[start : start + BATCH_SIZE]).exists()
        for start in range(0, len(ids), BATCH_SIZE)
    )


class _Restorer:
    def __init__(self, user, document: dict[str, Any]) -> None:
        self.user = user
        self.document = document
        self.ids: dict[type[models.Model], dict[int, int]] = {}
        self.pending: list[_Pending] = []
        self.stored_files: list[str] = []
        self.summary = RestoreSummary(username=user.get_username())

    def run(self) -> RestoreSummary:
        for name, model in COLLECTIONS:
            rows = self.document[name]
            self._insert(name, model, rows)
            self.summary.counts[name] = len(rows)
            self.summary.rows += len(rows)
        self._fill_pending()
        for name, model in COLLECTIONS:
            self._link_many_to_many(name, model)
        self._restore_profile()
        return self.summary

    def _insert(self, name: str, model: type[OwnedModel], rows: list[dict]) -> None:
        columns = {key: attname for key, attname in exported_columns(model) if key != "id"}
        extras = EXTRA_KEYS.get(model, frozenset())
        m2m_keys = {f"{m2m.name}_ids" for m2m in exported_many_to_many(model)}
        keep_ids = _ids_are_free(model, [row["id"] for row in rows])
        instances = []
        for row in rows:
            unknown = set(row) - set(columns) - extras - m2m_keys - {"id"}
            if unknown:
                raise RestoreError(
                    f"A row of “{name}” has a field this coffeechat does not know "
                    f"({sorted(unknown)[0]!r}); the file may come from a newer version."
                )
            obj = model(owner=self.user)
            if keep_ids:
                obj.pk = row["id"]
            for key, attname in columns.items():
                if key not in row:
                    continue  # a field added after the file was written keeps its default
                model_field = model._meta.get_field(key.removesuffix("_id"))
                where = f"“{key}” of row {row['id']} in “{name}”"
                if model_field.is_relation:
                    self._reference(model, row["id"], obj, model_field, row[key], where)
                else:
                    setattr(obj, attname, _value(model, model_field, row[key], where))
            if model is Conversation and obj.status not in lifecycle.STATUSES:
                raise RestoreError(
                    f"“status” of row {row['id']} in “{name}” is not a status a conversation "
                    f"can have: {str(obj.status)[:40]!r}."
                )
            if model is Document:
                self._store_file(obj, row)
            obj.derive_fields()
            instances.append(obj)
        created = model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
        self.ids[model] = {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}
        if keep_ids and created:
            self._reset_sequence(model)

    def _reference(self, model, row_id, obj, model_field, value, where) -> None:
        if value is None:
            if not model_field.null:
                raise RestoreError(f"{where} is empty, but it must point at a row.")
            setattr(obj, model_field.attname, None)
            return
        if not isinstance(value, int) or isinstance(value, bool):
            raise RestoreError(f"{where} is not a row id.")
        target = model_field.related_model
        if target not in MODEL_COLLECTION:
            raise RestoreError(f"{where} points at something a restore cannot recreate.")
        mapped = self.ids.get(target)
        if mapped is not None:  # an earlier collection: already created
            if value not in mapped:
                raise RestoreError(
                    f"{where} points at row {value} of “{MODEL_COLLECTION[target]}”, "
                    "which is not in the file."
                )
            setattr(obj, model_field.attname, mapped[value])
            return
        if not model_field.null:
            raise RestoreError(f"{where} points at a later row, which this field cannot do.")
        setattr(obj, model_field.attname, None)
        self.pending.append(_Pending(model, row_id, model_field.attname, target, value))

    def _fill_pending(self) -> None:
        by_model: dict[tuple[type[models.Model], str], list[_Pending]] = {}
        for pending in self.pending:
            by_model.setdefault((pending.model, pending.attname), []).append(pending)
        for (model, attname), references in by_model.items():
            updates = []
            for reference in references:
                targets = self.ids[reference.target_model]
                if reference.target_id not in targets:
                    raise RestoreError(
                        f"“{attname}” of row {reference.row_id} in “{MODEL_COLLECTION[model]}” "
                        f"points at row {reference.target_id} of "
                        f"“{MODEL_COLLECTION[reference.target_model]}”, which is not in the file."
                    )
                obj = model(pk=self.ids[model][reference.row_id])
                setattr(obj, attname, targets[reference.target_id])
                updates.append(obj)
            model.objects.bulk_update(updates, [attname], batch_size=BATCH_SIZE)

    def _link_many_to_many(self, name: str, model: type[models.Model]) -> None:
        for m2m in exported_many_to_many(model):
            through = m2m.remote_field.through
            source = through._meta.get_field(m2m.m2m_field_name())
            target = through._meta.get_field(m2m.m2m_reverse_field_name())
            target_ids = self.ids[m2m.related_model]
            links = []
            for row in self.document[name]:
                values = row.get(f"{m2m.name}_ids", [])
                if not isinstance(values, list):
                    raise RestoreError(f"“{m2m.name}_ids” of row {row['id']} is not a list.")
                for value in values:
                    if value not in target_ids:
                        raise RestoreError(
                            f"“{m2m.name}_ids” of row {row['id']} in “{name}” names row "
                            f"{value!r}, which is not in the file."
                        )
                    links.append(
                        through(
                            **{
                                source.attname: self.ids[model][row["id"]],
                                target.attname: target_ids[value],
                            }
                        )
                    )
            through.objects.bulk_create(links, batch_size=BATCH_SIZE)

    def _store_file(self, document: Document, row: dict) -> None:
        where = f"document {row['id']} (“{row.get('title', '')}”)"
        try:
            data = base64.b64decode(row.get("content_base64", ""), validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise RestoreError(f"The file of {where} is not valid base64.") from None
        if documents.digest(data) != document.sha256 or len(data) != document.size:
            raise RestoreError(
                f"The file of {where} does not match its SHA-256 or size; the export is damaged."
            )
        try:
            # The same checks as an upload: a hand-made file cannot bring in a page to render.
            accepted = documents.check(document.original_name, data)
        except UploadRejected as error:
            raise RestoreError(f"The file of {where} is refused: {error}") from None
        document.content_type = accepted.content_type
        document.stored_name = documents.store(data, document.original_name)
        self.stored_files.append(document.stored_name)
        self.summary.stored_files.append(document.stored_name)
        self.summary.files += 1

    def _restore_profile(self) -> None:
        values = self.document.get("profile")
        profile, _ = SeekerProfile.objects.get_or_create(owner=self.user)
        if values is None:
            return
        known = {key for key, _ in exported_columns(SeekerProfile, with_id=False)}
        unknown = set(values) - known
        if unknown:
            raise RestoreError(
                f"The profile has a field this coffeechat does not know ({sorted(unknown)[0]!r})."
            )
        for key, value in values.items():
            model_field = SeekerProfile._meta.get_field(key)
            where = f"profile “{key}”"
            setattr(profile, model_field.attname, _value(SeekerProfile, model_field, value, where))
        profile.save()

    def _reset_sequence(self, model: type[models.Model]) -> None:
        """After rows were given explicit ids, new rows must get ids above them (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(no_style(), [model])
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


def restore_document(
    document: dict[str, Any], user, *, take_identity: bool = True
) -> RestoreSummary:
    """Restore a parsed export into `user`, which must own nothing yet (see check_empty).

    With take_identity the account takes the username and email recorded in the file (a
    restore into a fresh data folder); without, it keeps its own name (a restore into a
    named account on a server)."""
    restorer = _Restorer(user, document)
    written_models = [model for _, model in COLLECTIONS] + [SeekerProfile]
    try:
        with transaction.atomic():
            check_empty(user)
            # The untouched question bank a new account gets; the file brings its own.
            Question.objects.owned_by(user).delete()
            if take_identity:
                _take_identity(user, document["user"])
            with _timestamps_as_given(written_models):
                summary = restorer.run()
            rebuild(owner=user)
    except DatabaseError as error:
        _discard(restorer.stored_files)
        if "disk is full" in str(error):  # SQLite's words; the command says it of the disk
            raise OSError(errno.ENOSPC, "database or disk is full") from error
        raise RestoreError(
            f"The database refused a row of the file ({str(error).splitlines()[0][:160]})."
        ) from None
    except BaseException:
        _discard(restorer.stored_files)
        raise
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


def _discard(stored_names: list[str]) -> None:
    for name in stored_names:
        documents.discard(name)
