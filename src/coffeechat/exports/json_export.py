"""The JSON backup: everything one user owns, in the versioned schema of docs/export-format.md.

Rows are read model-generically from `_meta`, so a field added to a model appears in the export
without touching this module. The same data always gives the same bytes: collections come in a
fixed order, rows by id, keys in model field order, many-to-many ids sorted, and every datetime
in one fixed UTC form. A later restore relies on that.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models
from django.utils import timezone

from coffeechat.accounts.models import SeekerProfile
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.core.models import OwnedModel
from coffeechat.followup.models import JobLead, Task
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, ContactAddress, Interaction, Tag
from coffeechat.prepare import documents
from coffeechat.prepare.models import Document, Pitch, Question
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)

FORMAT = "coffeechat-export"
# 2: contacts have any number of labelled addresses (contact_addresses), the main email's and
# phone's labels and a display name. A restore reads every version listed in READABLE.
VERSION = 2
READABLE = (1, 2)

# The fixed, documented order of the collections; a restore can create rows in this order.
COLLECTIONS: tuple[tuple[str, type[OwnedModel]], ...] = (
    ("career_fields", CareerField),
    ("open_questions", OpenQuestion),
    ("organizations", Organization),
    ("news_items", NewsItem),
    ("research_links", ResearchLink),
    ("tags", Tag),
    ("contacts", Contact),
    ("contact_addresses", ContactAddress),
    ("interactions", Interaction),
    ("pitches", Pitch),
    ("questions", Question),
    ("conversations", Conversation),
    ("agenda_items", AgendaItem),
    ("takeaways", Takeaway),
    ("messages", Message),
    ("tasks", Task),
    ("job_leads", JobLead),
    ("documents", Document),
)

# Owned models that are not the user's data but the state of a task in progress, by
# app_label.model_name: an import batch points at an uploaded file kept on disk for its preview.
NOT_EXPORTED: dict[str, str] = {
    "people.importbatch": "an upload waiting for confirmation; the imported contacts are exported",
}

# Matching keys recomputed from other fields on every save; a restore recomputes them too.
OMITTED_FIELDS: dict[type[models.Model], frozenset[str]] = {
    Organization: frozenset({"normalized_name"}),
    # Derived: the matching key, and the touch dates the database keeps from the person's
    # conversations and interactions (conversations.touch_dates).
    Contact: frozenset({"linkedin_key", "last_held_at", "last_touch_at"}),
    ContactAddress: frozenset({"key"}),
    # Where the file sits in this data folder; the file itself travels as content_base64.
    Document: frozenset({"stored_name"}),
}

# Human-readable copies added to every contact, after its own fields.
CONTACT_EXTRAS = ("name", "organization", "referred_by")


def utc_timestamp(value: datetime.datetime) -> str:
    """The export's one datetime form: UTC, microseconds, a Z (2026-11-21T09:30:00.000000Z)."""
    if value.tzinfo is None:  # only with USE_TZ off; coffeechat stores aware datetimes
        value = value.replace(tzinfo=datetime.UTC)
    plain = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return plain.isoformat(timespec="microseconds") + "Z"


def to_json_value(value: Any) -> Any:
    """A database value as JSON: dates and datetimes as ISO 8601 text, the rest unchanged."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict | list):  # a JSONField's value, already JSON
        return value
    if isinstance(value, datetime.datetime):
        return utc_timestamp(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(
        f"The JSON export has no mapping for {type(value).__name__} values; "
        "add one to coffeechat.exports.json_export.to_json_value and document it."
    )


def exported_columns(model: type[models.Model], *, with_id: bool = True) -> list[tuple[str, str]]:
    """(JSON key, values() name) for every exported concrete field, in model field order."""
    omitted = OMITTED_FIELDS.get(model, frozenset())
    columns = []
    for field in model._meta.concrete_fields:
        if field.name == "owner" or field.name in omitted:
            continue
        if field.primary_key:
            if with_id:
                columns.append(("id", field.attname))
            continue
        # A foreign key's attname is "<name>_id"; any other field's is its name.
        columns.append((field.attname, field.attname))
    return columns


def exported_many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    return [
        f for f in model._meta.many_to_many if f.name not in OMITTED_FIELDS.get(model, frozenset())
    ]


def _rows(queryset: models.QuerySet, columns: list[tuple[str, str]]) -> list[dict[str, Any]]:
    names = [name for _, name in columns]
    return [
        {key: to_json_value(values[name]) for key, name in columns}
        for values in queryset.values(*names)
    ]


def _links(field: models.ManyToManyField, user) -> dict[int, list[int]]:
    """Source id -> sorted target ids of one many-to-many field, in one query."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name())
    target = through._meta.get_field(field.m2m_reverse_field_name())
    filters: dict[str, Any] = {f"{source.name}__owner": user}
    if issubclass(field.related_model, OwnedModel):
        filters[f"{target.name}__owner"] = user
    links: dict[int, list[int]] = {}
    pairs = through.objects.filter(**filters).values_list(source.attname, target.attname)
    for source_id, target_id in pairs:
        links.setdefault(source_id, []).append(target_id)
    for ids in links.values():
        ids.sort()
    return links


def export_collection(model: type[OwnedModel], user) -> list[dict[str, Any]]:
    """The user's rows of one model, sorted by id: one query, plus one per many-to-many field."""
    rows = _rows(model.objects.owned_by(user).order_by("pk"), exported_columns(model))
    for field in exported_many_to_many(model):
        links = _links(field, user)
        key = f"{field.name}_ids"
        for row in rows:
            row[key] = links.get(row["id"], [])
    return rows


def _add_contact_names(contacts: list[dict[str, Any]], organizations: list[dict[str, Any]]):
    """Give each contact its name, its organization's name and its referrer's name."""
    org_names = {org["id"]: org["name"] for org in organizations}
    names = {
        c["id"]: c["display_name"] or _full_name(c["first_name"], c["last_name"]) for c in contacts
    }
    for contact in contacts:
        contact["name"] = names[contact["id"]]
        contact["organization"] = org_names.get(contact["organization_id"])
        contact["referred_by"] = names.get(contact["referred_by_id"])


def _full_name(first: str, last: str) -> str:
    """The same as Contact.name."""
    return " ".join(part for part in (first, last) if part)


def export_profile(user) -> dict[str, Any] | None:
    columns = exported_columns(SeekerProfile, with_id=False)
    rows = _rows(SeekerProfile.objects.filter(owner=user), columns)
    return rows[0] if rows else None


def export_json(user, *, exported_at: datetime.datetime | None = None) -> dict[str, Any]:
    """Everything `user` owns, as the export document of this VERSION.

    `exported_at` defaults to now; pass a fixed time to compare two exports byte for byte."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_timestamp(exported_at or timezone.now()),
        "user": {"username": user.get_username(), "email": user.email},
        "profile": export_profile(user),
    }
    for name, model in COLLECTIONS:
        data[name] = export_collection(model, user)
    _add_contact_names(data["contacts"], data["organizations"])
    _add_document_contents(data["documents"], user)
    return data


def stream_json(user, *, exported_at: datetime.datetime | None = None) -> Iterator[str]:
    """The same text as dumps(export_json(user)), one collection at a time: only one
    collection's rows are in memory at once, however large the account.

    Raises MissingFile before the first part when a document's file is missing, so a page can
    still say so instead of sending half a file."""
    _check_document_files(user)
    return _streamed(user, exported_at)


def _streamed(user, exported_at: datetime.datetime | None) -> Iterator[str]:
    head: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_timestamp(exported_at or timezone.now()),
        "user": {"username": user.get_username(), "email": user.email},
        "profile": export_profile(user),
    }
    parts = list(head.items())

    def collections() -> Iterator[tuple[str, Any]]:
        organizations: list[dict[str, Any]] = []
        for name, model in COLLECTIONS:
            rows = export_collection(model, user)
            if name == "organizations":
                organizations = rows
            elif name == "contacts":
                _add_contact_names(rows, organizations)
            elif name == "documents":
                _add_document_contents(rows, user)
            yield name, rows

    yield "{\n"
    first = True
    for key, value in (*parts, *collections()):
        # A member of the top-level object as dumps writes it: indented one level.
        member = json.dumps({key: value}, ensure_ascii=False, indent=2, allow_nan=False)
        yield ("" if first else ",\n") + member[2:-2]
        first = False
    yield "\n}\n"


def _check_document_files(user) -> None:
    for title, original, stored in Document.objects.owned_by(user).values_list(
        "title", "original_name", "stored_name"
    ):
        if not documents.path(stored).is_file():
            raise MissingFile(
                f"The file of document “{title}” ({original}) is missing "
                "from the upload folder, so the export would not be complete."
            )


def _add_document_contents(rows: list[dict[str, Any]], user) -> None:
    """Put each document's file into its row, base64-encoded, after its own fields."""
    stored = dict(Document.objects.owned_by(user).values_list("pk", "stored_name"))
    for row in rows:
        try:
            data = documents.read(stored[row["id"]])
        except FileNotFoundError:
            raise MissingFile(
                f"The file of document “{row['title']}” ({row['original_name']}) is missing "
                "from the upload folder, so the export would not be complete."
            ) from None
        row["content_base64"] = base64.b64encode(data).decode("ascii")


class MissingFile(RuntimeError):
    """str() is the sentence shown to the user."""


def collection_names() -> Iterable[str]:
    return (name for name, _ in COLLECTIONS)


def row_count(data: dict[str, Any]) -> int:
    """How many rows the export holds, over all collections (the profile not counted)."""
    return sum(len(data[name]) for name in collection_names())


def dumps(data: dict[str, Any]) -> str:
    """The document as text: UTF-8-ready, two-space indent, keys in their given order, final
    newline. Equal data always gives identical text."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
