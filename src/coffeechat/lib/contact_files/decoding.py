"""Turning the bytes of an uploaded contact file into text: BOMs, UTF-16, UTF-8, then the
legacy encoding the bytes fit best (charset-normalizer's guess among the code pages address
books are written in; for a vCard file, line by line), or the encoding the person chose."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from .model import MAX_LINE_CHARS, MAX_LINES, ContactFileError

_NOT_TEXT = "The file is not a text file or not in a known encoding."

# The encodings a person can choose when the guess is wrong, by Python codec name, with the
# name the preview shows. The legacy ones are also the candidates a guess picks from.
ENCODINGS: dict[str, str] = {
    "utf-8": "Unicode (UTF-8)",
    "utf-16": "Unicode (UTF-16)",
    "cp1252": "Western European (Windows-1252)",
    "cp1250": "Central European (Windows-1250)",
    "cp1251": "Cyrillic (Windows-1251)",
    "koi8_r": "Cyrillic (KOI8-R)",
    "cp1253": "Greek (Windows-1253)",
    "cp1254": "Turkish (Windows-1254)",
    "cp1255": "Hebrew (Windows-1255)",
    "cp1256": "Arabic (Windows-1256)",
    "cp1257": "Baltic (Windows-1257)",
    "cp1258": "Vietnamese (Windows-1258)",
    "cp874": "Thai (Windows-874)",
    "gb18030": "Chinese, Simplified (GBK, GB18030)",
    "big5": "Chinese, Traditional (Big5)",
    "cp932": "Japanese (Shift_JIS)",
    "euc_jp": "Japanese (EUC-JP)",
    "cp949": "Korean (EUC-KR)",
    "mac_roman": "Western European (Mac OS Roman)",
}
_LEGACY = [name for name in ENCODINGS if not name.startswith("utf")]
# Western and Central European code pages agree on most letters, so a guess among them is
# settled by which one reads more of the bytes as words are written, Windows-1252 when they
# tie (Mac OS Roman reads most bytes as letters, so it is only ever chosen by hand).
_LATIN = ("cp1252", "cp1250", "cp1257", "cp1254")
_GUESSED_LATIN = (*_LATIN, "mac_roman")
# Beyond letters and accents, what Western text uses: curly quotes, dashes, currency, "…".
_WRITTEN = frozenset(["Pi", "Pf", "Pd"])
_SAMPLE = 256 * 1024  # enough text to tell; the whole file is then read with the winner
_FEW = 16  # bytes beyond ASCII below which only the European code pages are compared


def encoding_name(encoding: str) -> str:
    """The name the preview shows for an encoding."""
    try:
        return ENCODINGS.get(_known(codecs.lookup(encoding).name), encoding)
    except LookupError:
        return encoding


def detect_encoding(data: bytes) -> str:
    """The encoding decode() reads the file with when the person has not chosen one."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in data[:4096]):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _is_vcard(data) and _has_utf8_text(data):
            return "utf-8"  # a phone's export with the odd card from elsewhere
        return _guess_legacy(data)
    return "utf-8"


def _has_utf8_text(data: bytes) -> bool:
    """Some line beyond ASCII reads as UTF-8."""
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _guess_legacy(data: bytes) -> str:
    sample = data[:_SAMPLE]
    latin = _looks_latin(sample)
    if sum(byte > 127 for byte in sample) >= _FEW or not latin:
        candidates = _LEGACY if latin else [n for n in _LEGACY if n not in _GUESSED_LATIN]
        best = from_bytes(sample, cp_isolation=candidates).best()
        guess = _known(codecs.lookup(best.encoding).name) if best else "cp1252"
        if guess not in _GUESSED_LATIN:
            return guess
    # A Latin script, or too little to tell ("Béa" reads as Chinese as well): the European
    # code page that reads the bytes as words wins.
    readable = []
    for name in _LATIN:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        readable.append((_written_share(text), name == "cp1252", name))
    return max(readable)[2] if readable else "cp1252"


_LETTERS = re.compile(r"[^\W\d_]+")


def _looks_latin(sample: bytes) -> bool:
    """Whether the accented letters sit inside words of Latin letters ("Jürgen", "Łódź"), as
    in European text, rather than making up whole words of their own, as another script
    read as Windows-1252 does ("Èâàí" for "Иван")."""
    words = [w for w in _LETTERS.findall(sample.decode("cp1252", "replace")) if not w.isascii()]
    foreign = [w for w in words if len(w) > 1 and not any(ch.isascii() for ch in w)]
    return len(foreign) * 2 <= len(words)


def _known(codec: str) -> str:
    for name in ENCODINGS:
        if codecs.lookup(name).name == codec:
            return name
    return codec


def _written_share(text: str) -> float:
    """Of the characters beyond ASCII, the share that words are written with: letters,
    accents, quotes, dashes, currency signs (not glued to the letters of a word, as "£ukasz"
    is) and the ellipsis."""
    written = wide = 0
    for index, ch in enumerate(text):
        if ord(ch) <= 127:
            continue
        wide += 1
        category = unicodedata.category(ch)
        if category == "Sc":
            after = text[index + 1 : index + 2]
            written += not after.isalpha()
        else:
            written += category[0] in "LM" or category in _WRITTEN or ch == "…"
    return written / wide if wide else 1.0


def decode(data: bytes, encoding: str = "") -> str:
    """The text of a contact file, without a byte-order mark; read with `encoding` when the
    person chose one, else as detected.

    Raises ContactFileError for empty, binary or undecodable files."""
    if encoding:
        return _chosen(data, encoding)
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
            # A phone's vCard export is UTF-8 with the odd card from elsewhere: each line
            # that is not UTF-8 is read on its own, so the others stay right. Excel on Windows
            # writes the system's code page: Windows-1252 in the West, 1251 in Russia, GBK in
            # China, Shift_JIS in Japan.
            text = _vcard_lines(data) if _is_vcard(data) else _strict(data, _guess_legacy(data))
    return _checked(text)


def _checked(text: str) -> str:
    if "\x00" in text:
        raise ContactFileError(_NOT_TEXT)
    if not text.strip():
        raise ContactFileError("The file is empty.")
    _check_lines(text)
    return text


def _check_lines(text: str) -> None:
    """Refuse a file whose lines no contact list has, before anything reads it."""
    if text.count("\n") >= MAX_LINES:
        raise ContactFileError(
            f"The file has more than {MAX_LINES:,} lines; split it into smaller files."
        )
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise ContactFileError(
                f"Line {number} is {len(line):,} characters long, more than a contact file "
                f"holds ({MAX_LINE_CHARS:,}); this does not look like a contact list.",
                line=number,
            )


def _chosen(data: bytes, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ContactFileError(f"{encoding!r} is not an encoding coffeechat knows.") from None
    if codec == "utf-8":
        data = data.removeprefix(b"\xef\xbb\xbf")
    elif codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = _bomless_utf16(data) or "utf-16-le"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContactFileError(
            f"Line {line} cannot be read as {encoding_name(encoding)}; choose another encoding.",
            line=line,
        ) from None
    return _checked(text.removeprefix("\ufeff"))


def _vcard_lines(data: bytes) -> str:
    """Each line as UTF-8 where it is, the others in the legacy encoding they fit best."""
    lines = data.splitlines(keepends=True)
    fallback = _vcard_fallback(lines)
    return "".join(_line(line, fallback) for line in lines)


def _vcard_fallback(lines: list[bytes]) -> str:
    foreign = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            foreign.append(line)
    return _guess_legacy(b"".join(foreign)) if foreign else "cp1252"


def _is_vcard(data: bytes) -> bool:
    return data.lstrip()[:11].upper() == b"BEGIN:VCARD"


def _line(data: bytes, fallback: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(fallback, errors="replace")


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
