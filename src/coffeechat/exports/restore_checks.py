"""Every value a restore would write, checked as the app's forms check it, before anything is
written: a hand-made or tampered file is refused whole, with one sentence naming the row and the
field, instead of putting a `javascript:` link on a page or a time zone that breaks it.

The checks are Django's own (each field's validators, its choices, its maximum length), plus
what a restored file must not bring in although a form never sees it: web addresses other than
http(s), NUL characters, line breaks in fields that are sent on as one line. The same rules run
over the rows of a SQLite snapshot in a backup (`check_database_rows`), with the value types
SQLite stores.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models

from coffeechat.accounts.models import SeekerProfile
from coffeechat.core.fields import TimeZoneField
from coffeechat.exports.json_export import COLLECTIONS, exported_columns
from coffeechat.lib.addresses import EMAIL, LINK, is_web_link
from coffeechat.people.models import ContactAddress


class RestoreError(ValueError):
    """str() is the one sentence shown to the user; nothing was written."""


WEB_SCHEMES = ("http", "https")
_web_address = URLValidator(schemes=list(WEB_SCHEMES))

# Plain text fields, besides email and web addresses, time zones and choices, whose value is
# sent on as one line (a tel: link, a download's file name, a vCard's or header's line): a line
# break there is refused. Names and titles are left alone: the forms accept line breaks in them
# and the export keeps them, so a backup made by coffeechat always restores.
ONE_LINE_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("people.contact", "phone"),
        ("accounts.seekerprofile", "phone"),
        ("accounts.seekerprofile", "holiday_country"),
        ("prepare.document", "original_name"),
        ("prepare.document", "content_type"),
        ("prepare.document", "sha256"),
        ("prepare.question", "builtin_key"),
    }
)
SHOWN_CHARACTERS = 40  # of a refused value, in the sentence


class _WrongKind(Exception):
    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


# The document --------------------------------------------------------------------------------


def check_document_values(document: Mapping[str, Any]) -> None:
    """RestoreError naming the first value of a parsed export that a form would refuse."""
    for name, model in COLLECTIONS:
        check_rows(name, model, document.get(name, []))
    profile = document.get("profile")
    if isinstance(profile, dict):
        fields = _fields(SeekerProfile, with_id=False)
        _check_row(SeekerProfile, fields, profile, "profile", stored=False)
    user = document.get("user")
    if isinstance(user, dict):
        _check_account(user, "the account")


def check_rows(
    name: str, model: type[models.Model], rows: Iterable[Mapping[str, Any]], *, stored=False
) -> None:
    """Check every row of one collection; stored=True reads values as SQLite stores them."""
    fields = _fields(model)
    for position, row in enumerate(rows, start=1):
        where = f"{name} row {position} (id {_shown(row.get('id'))})"
        _check_row(model, fields, row, where, stored=stored)


def check_database_rows(database: sqlite3.Connection) -> None:
    """Check the rows of every exported table of a SQLite snapshot, as check_rows does.

    A column the snapshot lacks (a backup from an older coffeechat) is skipped; migrating
    gives it its default."""
    tables = [*COLLECTIONS, ("profile", SeekerProfile)]
    for name, model in tables:
        check_rows(name, model, _stored_rows(database, model), stored=True)
    User = get_user_model()
    for position, row in enumerate(_stored_rows(database, User, ("username", "email")), 1):
        _check_account(row, f"users row {position} (id {_shown(row.get('id'))})")


def _stored_rows(database: sqlite3.Connection, model, only: tuple[str, ...] = ()):
    """The table's rows as dicts keyed like the export's rows (exported columns, or `only`)."""
    table = model._meta.db_table
    present = {row[1] for row in database.execute(f'PRAGMA table_info("{table}")')}
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    wanted = ["id", *only] if only else [key for key, _attname in exported_columns(model)]
    keys = [key for key in wanted if by_attname[key].column in present]
    if "id" not in keys:
        return  # no such table in the snapshot (or not one this coffeechat knows)
    columns = ", ".join(f'"{by_attname[key].column}"' for key in keys)
    query = f'SELECT {columns} FROM "{table}" ORDER BY 1'  # names from _meta, not the file
    for values in database.execute(query):
        yield dict(zip(keys, values, strict=True))


def _fields(model: type[models.Model], *, with_id: bool = True) -> dict[str, models.Field]:
    """JSON key -> model field, for every exported column."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    return {key: by_attname[attname] for key, attname in exported_columns(model, with_id=with_id)}


# One row -------------------------------------------------------------------------------------


def _check_row(model, fields: dict[str, models.Field], row: Mapping, where: str, *, stored):
    for key, value in row.items():
        if _has_nul(value):
            raise RestoreError(f"{where}: {key} contains a NUL character, which text cannot hold.")
        model_field = fields.get(key)
        if model_field is None:
            continue  # a readable extra, a list of links, or a field restore refuses by name
        if model_field.is_relation:
            problem = _reference_problem(model_field, value)
        else:
            problem = value_problem(model, model_field, value, stored=stored)
        if problem:
            raise RestoreError(f"{where}: {key} {problem}.")
    if model is ContactAddress:
        problem = _address_problem(row.get("kind"), row.get("value"))
        if problem:
            raise RestoreError(f"{where}: value {problem}.")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _reference_problem(model_field: models.Field, value: Any) -> str | None:
    if value is None:
        return None  # whether the field may be empty is the restore's to say, with the row
    if not isinstance(value, int) or isinstance(value, bool):
        return f"is not a row id: {_shown(value)}"
    return _validators_problem(model_field.target_field, value)


def _address_problem(kind: Any, value: Any) -> str | None:
    """An address row's value as the contact form checks it for its kind."""
    if not isinstance(value, str):
        return None  # refused as the wrong kind of value already
    value = value.strip()
    if kind == EMAIL:
        if "\r" in value or "\n" in value:
            return "contains a line break, which an email address cannot hold"
        try:
            validate_email(value)
        except ValidationError:
            return f"is not an email address: {_shown(value)}"
    elif kind == LINK and not is_web_link(value):
        return f"is not a web address (http or https): {_shown(value)}"
    return None


# One value -----------------------------------------------------------------------------------


def value_problem(model, model_field: models.Field, value: Any, *, stored=False) -> str | None:
    """What is wrong with a value of the field, in words after the field's name; None if
    nothing is."""
    if value is None:
        return None if model_field.null else "is empty, but it must have a value"
    try:
        parsed = parsed_value(model_field, value, stored=stored)
    except _WrongKind as wrong:
        return f"has a value of the wrong kind: {_shown(value)} is not {wrong.expected}"
    if isinstance(parsed, str):
        if ("\r" in parsed or "\n" in parsed) and _is_one_line(model, model_field):
            return "contains a line break, which this one-line field cannot hold"
        if isinstance(model_field, models.URLField) and parsed:
            try:
                _web_address(parsed)
            except ValidationError:
                return f"is not a web address (http or https): {_shown(parsed)}"
    if model_field.choices and parsed not in model_field.empty_values:
        allowed = [key for key, _label in model_field.flatchoices]
        if parsed not in allowed:
            listed = ", ".join(str(key) for key in allowed)
            return f"is {_shown(parsed)}, which is not one of its choices ({listed})"
    return _validators_problem(model_field, parsed)


def parsed_value(model_field: models.Field, value: Any, *, stored: bool = False) -> Any:
    """The Python value of a JSON (or, stored=True, SQLite) value; _WrongKind if it is none."""
    if isinstance(model_field, models.BooleanField):
        if isinstance(value, bool):
            return value
        if stored and value in (0, 1) and isinstance(value, int):
            return bool(value)
        raise _WrongKind("true or false")
    if isinstance(model_field, models.IntegerField | models.AutoField):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _WrongKind("a whole number")
    if isinstance(model_field, models.DateTimeField):
        return _moment(model_field, value, stored)
    if isinstance(model_field, models.DateField):
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise _WrongKind("a date like 2026-11-22")
    if isinstance(model_field, models.CharField | models.TextField):
        if isinstance(value, str):
            return value
        raise _WrongKind("text")
    try:
        return model_field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        raise _WrongKind(f"a {model_field.description.lower()}") from None


def _moment(model_field: models.Field, value: Any, stored: bool) -> datetime.datetime:
    expected = "a date and time like 2026-11-22T09:30:00Z"
    if not isinstance(value, str):
        raise _WrongKind(expected)
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _WrongKind(expected) from None
    if parsed.tzinfo is None:
        if not stored:
            raise _WrongKind(expected)  # the export writes every moment in UTC, with its Z
        parsed = parsed.replace(tzinfo=datetime.UTC)  # SQLite keeps UTC without the offset
    return parsed


def _is_one_line(model, model_field: models.Field) -> bool:
    if isinstance(model_field, models.EmailField | models.URLField | TimeZoneField):
        return True
    if model_field.choices:
        return True
    return (model._meta.label_lower, model_field.name) in ONE_LINE_FIELDS


def _validators_problem(model_field: models.Field, value: Any) -> str | None:
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        first = error.error_list[0]
        limit = (first.params or {}).get("limit_value")
        if first.code == "max_length":
            return f"is {len(value)} characters long, more than the {limit} it can hold"
        if first.code in ("min_value", "max_value"):
            side = "smallest" if first.code == "min_value" else "largest"
            return f"is {value}, beyond {limit}, the {side} value it takes"
        if isinstance(model_field, models.EmailField):
            return f"is not an email address: {_shown(value)}"
        if isinstance(model_field, TimeZoneField):
            return f"is not a known time zone: {_shown(value)}"
        message = first.messages[0] if first.messages else "is not accepted"
        return f"is refused ({message.rstrip('.')})"
    return None


def _check_account(account: Mapping[str, Any], where: str) -> None:
    """The username and email an account takes from the file."""
    User = get_user_model()
    for key in ("username", "email"):
        value = account.get(key)
        if value in (None, ""):
            continue
        if _has_nul(value):
            raise RestoreError(f"{where}: {key} contains a NUL character, which text cannot hold.")
        model_field = User._meta.get_field(key)
        problem = value_problem(User, model_field, value)
        if problem:
            raise RestoreError(f"{where}: {key} {problem}.")


def _shown(value: Any) -> str:
    """A value as a sentence quotes it: cut short, with control characters escaped."""
    if isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
        return repr(value[:SHOWN_CHARACTERS]) + "…"
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS + 2 else text[:SHOWN_CHARACTERS] + "…"
