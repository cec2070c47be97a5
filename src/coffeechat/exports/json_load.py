"""Writing the rows of a checked JSON export for one owner: what restore and the account import
share (restore into an empty database, keeping ids where they are free; the import into one
empty account beside others, always with new ids).

Rows are created collection by collection in the export's order with bulk inserts; references
to rows of later collections (a contact referred by a contact further down, an interaction's
conversation) are filled in a second pass. Ids are translated as rows are created: every
reference and many-to-many link follows its row, and one that names a row the file does not
hold is refused naming the row and the field. Timestamps are written as the file has them.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.core.models import OwnedModel
from coffeechat.core.uploads import UploadRejected
from coffeechat.exports.json_export import (
    COLLECTIONS,
    CONTACT_EXTRAS,
    exported_columns,
    exported_many_to_many,
)
from coffeechat.exports.restore_checks import RestoreError, parsed_value, value_problem
from coffeechat.people.models import Contact
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Question
from coffeechat.prepare.question_bank import BUILTIN_QUESTIONS

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


# What an account holds ------------------------------------------------------------------------


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


def profile_is_blank(user) -> bool:
    """True when the account's profile is as a new account gets it (or there is none)."""
    profile = SeekerProfile.objects.filter(owner=user).first()
    if profile is None:
        return True
    fresh = SeekerProfile(owner=user)
    return all(
        getattr(profile, f.attname) == getattr(fresh, f.attname)
        for f in SeekerProfile._meta.concrete_fields
        if f.name not in ("id", "owner", "updated_at")
    )


def describe_contents(held: dict[str, int]) -> str:
    """'12 contacts, 3 organizations, 1 career fields, …': the largest three collections."""
    largest = sorted(held.items(), key=lambda item: -item[1])[:3]
    listed = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in largest)
    return listed + (", …" if len(held) > 3 else "")


# Writing --------------------------------------------------------------------------------------


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


def _stamped_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields Django sets to "now" on every insert (created_at, updated_at)."""
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]


class RowWriter:
    """Writes a parsed, checked export's rows for `user`.

    keep_free_ids: a collection whose ids are all free keeps them (restore into a fresh
    database, so exporting again gives the same bytes); otherwise every row gets a new id.
    restamp: Django stamps created_at/updated_at on insert; with restamp the file's values are
    written back afterwards, row by row. Without, the caller has switched the stamping off
    (restore, a process of its own); a web request must not, other requests share the fields.
    """

    def __init__(self, user, document: dict[str, Any], *, keep_free_ids: bool, restamp: bool):
        self.user = user
        self.document = document
        self.keep_free_ids = keep_free_ids
        self.restamp = restamp
        self.ids: dict[type[models.Model], dict[int, int]] = {}  # old id -> new id
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
        keep_ids = self.keep_free_ids and _ids_are_free(model, [row["id"] for row in rows])
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
        stamps = self._stamps(model, instances) if self.restamp else []
        created = model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
        if stamps:
            self._write_stamps(model, created, stamps)
        self.ids[model] = {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}
        if keep_ids and created:
            self._reset_sequence(model)

    @staticmethod
    def _stamps(model, instances: list[models.Model]) -> list[dict[str, Any]]:
        """The file's created_at/updated_at of each row, before the insert stamps them."""
        fields = _stamped_fields(model)
        return [
            {f.attname: getattr(obj, f.attname) for f in fields if getattr(obj, f.attname)}
            for obj in instances
        ]

    @staticmethod
    def _write_stamps(model, created: list[models.Model], stamps: list[dict[str, Any]]) -> None:
        """One UPDATE per row, sent as a batch (executemany): the ORM's bulk_update builds a
        CASE per field and row and took most of the time of a large import."""
        fields = _stamped_fields(model)
        if not fields or not created:
            return
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        pk_column = quote(model._meta.pk.column)
        sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {pk_column} = %s"
        rows = [
            [
                f.get_db_prep_save(values.get(f.attname, getattr(obj, f.attname)), connection)
                for f in fields
            ]
            + [obj.pk]
            for obj, values in zip(created, stamps, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

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
        stamps = self._stamps(SeekerProfile, [profile]) if self.restamp else []
        profile.save()
        if stamps and stamps[0]:
            SeekerProfile.objects.filter(pk=profile.pk).update(**stamps[0])

    def _reset_sequence(self, model: type[models.Model]) -> None:
        """After rows were given explicit ids, new rows must get ids above them (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(no_style(), [model])
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


@contextlib.contextmanager
def files_kept_only_on_success(writer: RowWriter) -> Iterator[None]:
    """Around the transaction that writes: on any failure the document files the writer stored
    are removed again, and a database's refusal becomes one sentence (a full disk, an OSError
    the caller reports as the disk's)."""
    try:
        yield
    except DatabaseError as error:
        discard_files(writer.stored_files)
        if "disk is full" in str(error):  # SQLite's words; the caller says it of the disk
            raise OSError(errno.ENOSPC, "database or disk is full") from error
        raise RestoreError(
            f"The database refused a row of the file ({str(error).splitlines()[0][:160]})."
        ) from None
    except BaseException:
        discard_files(writer.stored_files)
        raise


def discard_files(stored_names: list[str]) -> None:
    for name in stored_names:
        documents.discard(name)
