"""Turning the bytes of an uploaded contact file into text: BOMs, UTF-16, UTF-8, then cp1252
(for a vCard file, line by line)."""

from __future__ import annotations

from .model import ContactFileError

_NOT_TEXT = "The file is not a text file or not in a known encoding."


def decode(data: bytes) -> str:
    """The text of a contact file, without a byte-order mark.

    Raises ContactFileError for empty, binary or undecodable files."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif data.startswith(b"\xff\xfe"):
        text = _strict(data[2:], "utf-16-le")
    elif data.startswith(b"\xfe\xff"):
        text = _strict(data[2:], "utf-16-be")
    elif data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        # Zip (.xlsx, .numbers) and OLE (.xls) containers: the commonest wrong upload.
        raise ContactFileError(
            "This looks like a spreadsheet workbook, not a text file; save it as CSV first."
        )
    elif b"\x00" in data:
        text = _strict(data, _bomless_utf16(data))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if data.lstrip()[:11].upper() == b"BEGIN:VCARD":
                # A phone's vCard export is UTF-8 with the odd card from elsewhere: each
                # line that is not UTF-8 is read on its own, so the others stay right.
                text = "".join(_line(line) for line in data.splitlines(keepends=True))
            else:
                # Excel on Western Windows writes cp1252; latin-1 would turn € – ’ “ ” into
                # C1 control characters, and cp1252 rejects its five undefined bytes, which
                # is how truly foreign encodings are caught.
                text = _strict(data, "cp1252")
    if "\x00" in text:
        raise ContactFileError(_NOT_TEXT)
    if not text.strip():
        raise ContactFileError("The file is empty.")
    return text


def _line(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _strict(data: bytes, encoding: str | None) -> str:
    if encoding is None:
        raise ContactFileError(_NOT_TEXT)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ContactFileError(_NOT_TEXT) from None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as ASCII text with every other byte NUL; anything else with
    NUL bytes is binary."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls >= 0.9 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.9 * half and odd_nuls == 0:
        return "utf-16-be"
    return None
