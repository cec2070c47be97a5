"""A parsed contact file as JSON, so a preview that is shown again, or confirmed, does not
parse the file again (a large vCard file takes seconds to read)."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict

from coffeechat.lib.addresses import Address

from .model import ParsedContact, ParseResult, SkippedRow

# Raised when the shape of ParseResult changes, so older stored results are parsed again.
VERSION = 1


def result_to_json(result: ParseResult, key: str) -> bytes:
    document = {"version": VERSION, "key": key, "result": asdict(result)}
    return json.dumps(document, default=_date, ensure_ascii=False).encode("utf-8")


def result_from_json(data: bytes, key: str) -> ParseResult | None:
    """The stored result when it was stored for `key` by this version, else None."""
    try:
        document = json.loads(data)
        if document.get("version") != VERSION or document.get("key") != key:
            return None
        stored = document["result"]
        contacts = [_contact(row) for row in stored["contacts"]]
        skipped = [SkippedRow(**row) for row in stored["skipped"]]
        return ParseResult(stored["format"], contacts, skipped, stored["organizations"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # damaged or from another shape: parse the file again


def _contact(row: dict) -> ParsedContact:
    row["addresses"] = [Address(**address) for address in row["addresses"]]
    if row["connected_on"]:
        row["connected_on"] = datetime.date.fromisoformat(row["connected_on"])
    return ParsedContact(**row)


def _date(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not stored")
