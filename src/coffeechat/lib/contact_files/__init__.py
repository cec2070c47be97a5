"""Reading contact files people export (LinkedIn, Google, Outlook, vCard, any CSV) into plain
records for the import step; no Django here."""

from __future__ import annotations

from coffeechat.lib.collection_pauses import without_collection_pauses

from .csv_formats import (
    header_kind,
    is_known_header,
    parse_coffeechat,
    parse_google,
    parse_linkedin,
    parse_outlook,
    parse_thunderbird,
)
from .decoding import ENCODINGS, decode, detect_encoding, encoding_name
from .generic_csv import parse_generic, suggest_mapping
from .model import (
    FORMATS,
    MAPPABLE_FIELDS,
    ContactFileError,
    ParsedContact,
    ParseResult,
    SkippedRow,
)
from .stored import result_from_json, result_to_json
from .tables import head_rows, read_table, sniff_delimiter
from .vcards import parse_vcards

__all__ = [
    "ENCODINGS",
    "FORMATS",
    "MAPPABLE_FIELDS",
    "ContactFileError",
    "ParseResult",
    "ParsedContact",
    "SkippedRow",
    "csv_preview",
    "decode",
    "detect_encoding",
    "detect_format",
    "encoding_name",
    "parse",
    "result_from_json",
    "result_to_json",
    "suggest_mapping",
]

_KNOWN_CSV = {
    "coffeechat": parse_coffeechat,
    "linkedin": parse_linkedin,
    "google": parse_google,
    "outlook": parse_outlook,
    "thunderbird": parse_thunderbird,
}
_EXPECTED = {
    "coffeechat": "a contacts CSV exported from coffeechat",
    "linkedin": "a LinkedIn Connections.csv (its header has First Name, Last Name, URL and "
    "Connected On)",
    "google": "a Google Contacts CSV export",
    "outlook": "an Outlook CSV export",
    "thunderbird": "a Thunderbird address book exported as CSV",
}


def _is_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def detect_format(text: str) -> str:
    """'vcard', 'coffeechat', 'linkedin', 'google', 'outlook', 'thunderbird', or 'csv' for
    any other CSV."""
    if _is_vcard(text):
        return "vcard"
    delimiter = sniff_delimiter(text, is_known_header)
    for cells in head_rows(text, delimiter):
        kind = header_kind(cells)
        if kind:
            return kind
    return "csv"


def csv_preview(
    data: bytes, rows: int = 5, encoding: str = ""
) -> tuple[list[str], list[list[str]]]:
    """Header columns and the first data rows, for the column-mapping step; the header is
    found as parse() finds it, so its names are the keys a mapping uses."""
    text = decode(data, encoding)
    if _is_vcard(text):
        raise ContactFileError("This is a vCard file, not a CSV file; it needs no column mapping.")
    table = read_table(text, is_known_header)
    sample = []
    for _line, row in table.rows:
        if len(sample) >= rows:
            break
        sample.append(row)
    return table.header, sample


def parse(
    data: bytes,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    encoding: str = "",
) -> ParseResult:
    """Contacts and skipped rows of a contact file.

    format "auto" detects the format; "csv" needs a mapping {column: target field} (see
    MAPPABLE_FIELDS and suggest_mapping). A mapping is ignored for a recognised export.
    encoding "" detects the encoding (detect_encoding). Raises ContactFileError, naming the
    line where one applies."""
    if format not in FORMATS:
        raise ContactFileError(f"Unknown contact file format {format!r}.")
    with without_collection_pauses():  # tens of thousands of rows, each a few objects
        return _parse(data, format, mapping, encoding)


def _parse(data: bytes, format: str, mapping: dict[str, str] | None, encoding: str) -> ParseResult:
    text = decode(data, encoding)
    if format == "auto":
        format = detect_format(text)
    if format == "vcard":
        if not _is_vcard(text):
            raise ContactFileError("This is not a vCard file: it does not start with BEGIN:VCARD.")
        return parse_vcards(text)
    if _is_vcard(text):
        raise ContactFileError("This is a vCard file, not a CSV file; import it as vCard.")
    table = read_table(text, is_known_header)
    if format == "csv":
        return parse_generic(table, mapping)
    if header_kind(table.header) != format:
        raise ContactFileError(f"This file does not look like {_EXPECTED[format]}.")
    return _KNOWN_CSV[format](table)
