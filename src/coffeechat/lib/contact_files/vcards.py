"""vCard files (2.1, 3.0 and 4.0 as clients write them): split into cards by line, each card
read with vobject, errors named by file line.

A file whose structure is broken (a card without END:VCARD, text outside any card) is refused
as a whole, naming the line. Within that structure, one unreadable card is skipped with the
line that could not be read, and the others import; a file in which no card can be read is
refused with the first such line. Properties coffeechat does not use are dropped before
vobject reads the card, so a client's own (Lotus Notes' PROFILE, Highrise's "X-GOOGLE TALK")
cannot make a card unreadable."""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from typing import Any

import vobject
from vobject.base import ContentLine, ParseError

from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, is_web_link, label_from
from coffeechat.lib.names import is_linkedin_profile, normalize_linkedin_url

from .model import MAX_CARD_LINES, ContactFileError, ParsedContact, ParseResult, SkippedRow
from .values import (
    birthday_note,
    clean_tags,
    emails_in,
    join_location,
    join_notes,
    parse_date,
    split_full_name,
)

# Our own split, so CR-only files (old Macs) count lines as editors do; vobject sees only "\n".
# iPhone exports have been seen with CR CR LF: one line break, not a blank line between each.
_LINE_BREAK = re.compile(r"\r*\n|\r")
# vobject decodes base64 as it reads, so one damaged photo would make a whole card unreadable;
# we import none of these, so they are blanked before vobject sees them.
_BINARY = frozenset(["PHOTO", "LOGO", "SOUND", "KEY"])
# What coffeechat's own export writes as X- properties -> the contact field it fills (as the
# coffeechat CSV's columns do: exports.contacts_files._own_properties).
_OWN = {
    "X-COFFEECHAT-SOURCE": "source",
    "X-COFFEECHAT-SOURCE-DETAIL": "source_detail",
    "X-COFFEECHAT-REFERRED-BY": "referred_by",
    "X-COFFEECHAT-FIRST-SENTENCE": "connection_sentence",
    "X-COFFEECHAT-SENIORITY": "tier",
    "X-COFFEECHAT-DO-NOT-CONTACT": "do_not_contact",
    "X-COFFEECHAT-KEEP-IN-TOUCH-DAYS": "keep_in_touch_days",
    "X-COFFEECHAT-BACKGROUND": "background",
}
_CONNECTED_ON = "X-COFFEECHAT-CONNECTED-ON"
# Properties we read. The rest are dropped before vobject converts values, so a quirky one we
# would ignore anyway (GEO, REV, X-ABDATE...) cannot make a card unreadable.
_WANTED = frozenset(
    [
        "version",
        "n",
        "fn",
        "kind",
        "x-abshowas",
        "email",
        "tel",
        "org",
        "title",
        "url",
        "x-socialprofile",
        "x-ablabel",
        "adr",
        "note",
        "categories",
        "bday",
        *(name.lower() for name in _OWN),
        _CONNECTED_ON.lower(),
    ]
)
_NOT_PREFERRED = 101  # vCard 4 PREF runs from 1 (most preferred) to 100
# Single text values: vobject cuts one at its first unescaped comma, which vCard 2.1 allows
# and clients write in 3.0 too; their commas are escaped before vobject reads them.
_WHOLE_TEXT = frozenset(["FN", "TITLE", "NOTE", *_OWN])
_ESCAPE_OR_COMMA = re.compile(r"\\.|,", re.DOTALL)
_ESCAPED = re.compile(r"\\([nN,;:\\])")
_PART_BREAK = re.compile(r"(?<!\\);")


def _unescape(value: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def parse_vcards(text: str) -> ParseResult:
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    organizations: list[str] = []
    unreadable: list[ContactFileError] = []
    for start, body in split_cards(text):
        try:
            card = _read_card(start, body)
        except ContactFileError as error:
            unreadable.append(error)
            skipped.append(SkippedRow(error.line or start, _unreadable_reason(error)))
            continue
        result = _to_contact(card, start)
        if isinstance(result, SkippedRow):
            skipped.append(result)
        elif isinstance(result, str):
            if result not in organizations:
                organizations.append(result)
        else:
            contacts.append(result)
    if unreadable and not contacts and not organizations:
        raise unreadable[0]  # nothing could be read: the file is refused, naming the line
    return ParseResult("vcard", contacts, skipped, organizations)


def _unreadable_reason(error: ContactFileError) -> str:
    """The skipped card's reason, from the error that names its line."""
    message = str(error).rstrip(".")
    if message.startswith(f"Line {error.line} "):
        message = message.removeprefix(f"Line {error.line} ")
        return f"unreadable card: this line {message}"
    return f"unreadable card: {message[0].lower()}{message[1:]}"


def split_cards(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each BEGIN:VCARD … END:VCARD block; lines inside a block keep
    their count, so vobject's line numbers can be turned into file lines."""
    start: int | None = None
    body: list[str] = []
    blanking = False
    soft_break = False  # the line before ended a quoted-printable value with "="
    whole: list[str] = []  # the physical lines of a _WHOLE_TEXT property being read
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if soft_break and start is not None and line.strip().upper() != "END:VCARD":
            # vCard 2.1 quoted-printable: a value ending in "=" goes on, unindented.
            (whole if whole else body).append("" if blanking else line)
            soft_break = line.endswith("=")
            continue
        if start is not None and line[:1] in (" ", "\t"):  # a fold of the line before
            (whole if whole else body).append("" if blanking else line)
            continue
        if whole:
            body.extend(_whole_text(whole))
            whole = []
        marker = line.strip().upper()
        if start is None:
            if not marker:
                continue
            if marker == "BEGIN:VCARD":
                start, body, blanking = number, ["BEGIN:VCARD"], False
                continue
            if marker == "END:VCARD":
                raise ContactFileError(
                    f"Line {number} ends a card that was never begun (END:VCARD without "
                    "BEGIN:VCARD).",
                    line=number,
                )
            raise ContactFileError(
                f"Line {number} is outside any card; a vCard file holds only "
                "BEGIN:VCARD … END:VCARD blocks.",
                line=number,
            )
        if marker == "BEGIN:VCARD":
            raise ContactFileError(
                f"Line {number} begins a new card, but the card that begins on line {start} "
                "has no END:VCARD.",
                line=number,
            )
        if marker == "END:VCARD":
            body.append("END:VCARD")
            yield start, "\n".join(body)
            start = None
            continue
        name = _property_name(line)
        # Dropped before vobject reads the card: what we never import (binary data, which
        # vobject would decode, and properties we do not use, which may not even be valid).
        # A line without a colon is no property at all (a fold that lost its space): kept,
        # so the card is reported rather than silently losing text.
        unused = ":" in line and name.lower() not in _WANTED
        blanking = name in _BINARY or unused
        if blanking:
            body.append("")
        elif name in _WHOLE_TEXT and ":" in line:
            whole = [line]
        else:
            body.append(line)
        soft_break = _is_quoted_printable(line) and line.endswith("=")
    if start is not None:
        message = f"The card that begins on line {start} has no END:VCARD."
        raise ContactFileError(message, line=start)


def _whole_text(lines: list[str]) -> list[str]:
    """A single text property (FN, TITLE, NOTE) as one line that vobject reads whole: folds
    joined first (a fold may fall between a backslash and the comma it escapes), a
    quoted-printable value decoded here (its commas, written as =2C, would be cut too), bare
    commas escaped."""
    head, _, value = lines[0].partition(":")
    quoted = _is_quoted_printable(lines[0])
    for line in lines[1:]:
        if quoted and value.endswith("="):
            value = value[:-1] + line  # a soft line break
        else:
            value += line[1:]  # a fold: the first space or tab is not part of the value
    if quoted:
        params = head.split(";")[1:]
        charset = next((p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), "")
        if (charset and not _known_charset(charset)) or _BROKEN_QP.search(value):
            return lines  # left for vobject, which reports the card as unreadable
        text = _decode_quoted_printable(value, charset)
        escaped = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
        escaped = escaped.replace("\n", "\\n").replace(";", "\\;").replace(",", "\\,")
        logical = f"{head.split(';', 1)[0]}:{escaped}"
    else:
        # Escape sequences stay as written (an escaped backslash before a comma leaves the
        # comma bare); every bare comma is escaped.
        logical = head + ":" + _ESCAPE_OR_COMMA.sub(_escape_comma, value)
    return _refold(logical, len(lines))


_BROKEN_QP = re.compile(r"=(?![0-9A-Fa-f]{2})")
_TOKEN = re.compile(r"\\.|.", re.DOTALL)  # an escape sequence stays on one line


def _refold(logical: str, count: int) -> list[str]:
    """The logical line folded back over `count` physical lines, so the card keeps its line
    count (vobject's line numbers then still name the file's lines)."""
    if count == 1:
        return [logical]
    tokens = _TOKEN.findall(logical)
    size = max(1, -(-len(tokens) // count))
    pieces = ["".join(tokens[i : i + size]) for i in range(0, len(tokens), size)][:count]
    lines = [pieces[0]] + [" " + piece for piece in pieces[1:]]
    lines += [" "] * (count - len(lines))
    return lines


def _escape_comma(match: re.Match) -> str:
    return "\\," if match.group(0) == "," else match.group(0)


def _known_charset(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _decode_quoted_printable(value: str, charset: str) -> str:
    """The text of a quoted-printable value: in its CHARSET, else UTF-8 when it decodes as
    UTF-8, else Windows-1252 (The Bat! and old phones write no CHARSET)."""
    data = quopri.decodestring(value.encode("utf-8", "replace"))
    for encoding in ([charset] if charset else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace")


def _is_quoted_printable(line: str) -> bool:
    params = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in params


def _property_name(line: str) -> str:
    name = line.split(":", 1)[0].split(";", 1)[0]
    return name.rsplit(".", 1)[-1].strip().upper()  # Apple's "item1.PHOTO" groups


_QP_WITHOUT_CHARSET = re.compile(
    r"^(?P<head>[^:\n]*QUOTED-PRINTABLE[^:\n]*)(?P<value>:)", re.IGNORECASE | re.MULTILINE
)


def _read_card(start: int, body: str) -> Any:
    if body.count("\n") > MAX_CARD_LINES:
        raise ContactFileError(
            f"Line {start} begins a card of more than {MAX_CARD_LINES:,} lines, more than "
            "one person's card holds.",
            line=start,
        )
    try:
        return _read_card_as(start, body)
    except ContactFileError as error:
        # Quoted-printable without CHARSET (The Bat!, old Nokia phones) is UTF-8 when it
        # decodes as UTF-8, and otherwise taken as Windows-1252, this card only.
        fallback = _QP_WITHOUT_CHARSET.sub(_add_charset, body)
        if fallback == body:
            raise
        try:
            return _read_card_as(start, fallback)
        except ContactFileError:
            raise error from None  # the card as written is what the person should see


def _add_charset(match: re.Match) -> str:
    head = match.group("head")
    if "CHARSET=" in head.upper():
        return match.group(0)
    return f"{head};CHARSET=windows-1252:"


def _read_card_as(start: int, body: str) -> Any:
    try:
        card = vobject.readOne(body, transform=False, allowQP=True)
        for key in list(card.contents):
            if key not in _WANTED:
                del card.contents[key]
        card.transformChildrenToNative()
    except ParseError as exc:
        relative = getattr(exc, "lineNumber", None)
        line = start + relative - 1 if isinstance(relative, int) and relative > 0 else start
        source = body.split("\n")[line - start].strip()
        snippet = source if len(source) <= 60 else source[:57] + "..."
        raise ContactFileError(
            f"Line {line} is not a readable vCard line: {snippet!r}.", line=line
        ) from exc
    except Exception as exc:
        # vobject lets its codecs' errors through (LookupError for an unknown CHARSET,
        # binascii.Error, ...); a damaged card must be reported, not crash the import.
        raise ContactFileError(
            f"The card that begins on line {start} cannot be read; it may use an unknown "
            "character set or a damaged encoding.",
            line=start,
        ) from exc
    return card


def _flat(value: Any, sep: str = " ") -> str:
    """A property value as text: vobject gives lists where a value had unescaped commas."""
    if isinstance(value, (list, tuple)):
        return sep.join(p for p in (_flat(v, sep) for v in value) if p)
    return str(value or "").strip()


def _types(prop: ContentLine) -> set[str]:
    """Its types, lower-cased: TYPE=a,b and TYPE=a;TYPE=b (3.0, 4.0) or bare ones (2.1)."""
    types = {t.strip().lower() for v in prop.params.get("TYPE", []) for t in v.split(",")}
    return types | {s.lower() for s in prop.singletonparams}


def _rank(prop: ContentLine) -> int:
    """Preference: 'type=pref' (3.0), bare 'PREF' (2.1) or PREF=n (4.0, 1 is most preferred)."""
    pref = prop.params.get("PREF")
    if pref:
        try:
            return int(pref[0])
        except ValueError:
            return 1
    return 1 if "pref" in _types(prop) else _NOT_PREFERRED


def _by_preference(props: list[ContentLine]) -> list[ContentLine]:
    return sorted(props, key=_rank)  # stable: equal ranks stay in file order


def _same_profile(url: str, linkedin: str) -> bool:
    """The profile given twice (as URL and as X-SOCIALPROFILE, as Apple writes it)."""
    return bool(linkedin) and normalize_linkedin_url(url) == normalize_linkedin_url(linkedin)


def _unescape_url(value: str) -> str:
    # Apple escapes ':' in URLs ("https\://"), which vobject leaves in place.
    return value.replace("\\:", ":").replace("\\,", ",").replace("\\;", ";")


def _to_contact(card: Any, start: int) -> ParsedContact | SkippedRow | str:
    """The person on the card; for a company's own card, the organization's name."""
    props: dict[str, list[ContentLine]] = card.contents

    def text(name: str) -> str:
        found = props.get(name)
        return _flat(found[0].value) if found else ""

    org_parts: list[str] = []
    if props.get("org"):
        value = props["org"][0].value
        if isinstance(value, str):  # as written: the parts split on unescaped ";" only
            org_parts = [_unescape(part) for part in _PART_BREAK.split(value)]
        else:
            org_parts = [_flat(p, ", ") for p in value]
    organization = org_parts[0] if org_parts else ""

    given = family = ""
    if props.get("n"):
        name = props["n"][0].value
        given, family = _flat(getattr(name, "given", "")), _flat(getattr(name, "family", ""))
    if not given and not family:
        full = text("fn")
        is_company = text("x-abshowas").upper() == "COMPANY" or text("kind").lower() == "org"
        if is_company or (full and full == organization):
            name = organization or full
            return name if name else SkippedRow(start, "no name")
        given, family = split_full_name(full)
    if not given and not family:
        return SkippedRow(start, "no name")

    labels = {
        p.group.lower(): _flat(p.value).lower() for p in props.get("x-ablabel", []) if p.group
    }

    def label(prop: ContentLine) -> str:
        return label_from(" ".join(_types(prop)), labels.get((prop.group or "").lower(), ""))

    linkedin = ""
    links: list[Address] = []
    for prop in props.get("url", []) + props.get("x-socialprofile", []):
        url = _unescape_url(_flat(prop.value))
        if not linkedin and is_linkedin_profile(url):
            linkedin = url
        elif is_web_link(url) and not _same_profile(url, linkedin):
            links.append(Address(LINK, url, label(prop)))

    emails = [
        Address(EMAIL, a, label(p))
        for p in _by_preference(props.get("email", []))
        for a in emails_in(_flat(p.value))
    ]
    phones = []
    for prop in _by_preference(props.get("tel", [])):
        number = _flat(prop.value)
        if number[:4].lower() == "tel:":
            number = number[4:]
        if number:
            phones.append(Address(PHONE, number, label(prop)))

    location = ""
    for prop in _by_preference(props.get("adr", [])):
        adr = prop.value
        location = join_location(
            *(_flat(getattr(adr, part, ""), ", ") for part in ("city", "region", "country"))
        )
        if location:
            break

    birthday = ""
    if props.get("bday"):
        bday = props["bday"][0]
        omit_year = bday.params.get("X-APPLE-OMIT-YEAR", [""])[0]
        birthday = birthday_note(_flat(bday.value), omit_year)
    notes = join_notes(*(_flat(p.value) for p in props.get("note", [])), birthday)
    categories = [
        tag
        for p in props.get("categories", [])
        for tag in (p.value if isinstance(p.value, list) else str(p.value).split(","))
    ]
    contact = ParsedContact(
        line=start,
        first_name=given,
        last_name=family,
        organization=organization,
        department=org_parts[1] if len(org_parts) > 1 else "",
        title=text("title"),
        linkedin_url=linkedin,
        location=location,
        notes=notes,
        tags=clean_tags(str(t) for t in categories),
        connected_on=parse_date(text(_CONNECTED_ON.lower())),
        own={field: text(name.lower()) for name, field in _OWN.items() if text(name.lower())},
    )
    contact.take_addresses(emails, phones, links)
    contact.set_display_name(text("fn"))
    return contact
