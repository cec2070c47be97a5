"""The CSV exports we recognise by their header: LinkedIn Connections.csv, Google Contacts (current
and older) and Outlook (desktop and Outlook.com)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from operator import itemgetter

from coffeechat.lib.addresses import (
    EMAIL,
    FAX,
    HOME,
    LABELS,
    LINK,
    MOBILE,
    PAGER,
    PHONE,
    WORK,
    Address,
    label_from,
)
from coffeechat.lib.names import is_linkedin_profile
from coffeechat.lib.spreadsheet_safety import unguarded

from .model import ParsedContact, ParseResult, SkippedRow
from .outlook_headers import english_header
from .tables import Table
from .values import (
    birthday_note,
    clean_tags,
    emails_in,
    first_value,
    join_location,
    join_notes,
    parse_date,
    split_full_name,
    split_tags,
)

_LINKEDIN = frozenset(["first name", "last name", "url", "connected on"])
_LINKEDIN_OLDER = frozenset(["first name", "last name", "connected on"])
# Thunderbird's address book export (English headers).
_THUNDERBIRD = frozenset(["first name", "last name", "display name", "primary email"])
# coffeechat's own contacts CSV (coffeechat.exports.contacts_files.CSV_HEADER).
_COFFEECHAT = frozenset(["first name", "last name", "how you know them", "linkedin url"])
_GOOGLE_ANY = frozenset(
    ["e-mail 1 - value", "phone 1 - value", "organization 1 - name", "group membership"]
)
# Outlook's number columns, the ones to call first first; each column name says its label.
_OUTLOOK_PHONES = (
    "primary phone",
    "mobile phone",
    "business phone",
    "home phone",
    "company main phone",
    "other phone",
    "business phone 2",
    "home phone 2",
    "car phone",
    "assistant's phone",
    "callback",
    "radio phone",
    "isdn",
    "tty/tdd phone",
    "telex",
    "business fax",
    "home fax",
    "other fax",
    "pager",
)
_OUTLOOK_EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
_OUTLOOK_WEB = (("web page", "work"), ("personal web page", "home"))
_LEFT_LINKEDIN = "no name: a member who left LinkedIn"
_NO_NAME = "no name"

Cell = Callable[[list[str]], str]


def header_kind(cells: list[str]) -> str | None:
    """'coffeechat', 'thunderbird', 'linkedin', 'google' or 'outlook' for a recognised
    header row, else None."""
    names = {c.replace("\ufeff", "").strip().casefold() for c in cells}
    if english_header(cells)[1]:
        return "outlook"  # Outlook's header in the language of its installation
    if names >= _COFFEECHAT:
        return "coffeechat"
    if names >= _THUNDERBIRD:
        return "thunderbird"
    if names >= _LINKEDIN:
        return "linkedin"
    if names >= _LINKEDIN_OLDER and names & {"email address", "company", "position"}:
        return "linkedin"  # before LinkedIn added the profile URL (until about 2019)
    if (
        names & _GOOGLE_ANY
        or {"given name", "family name"} <= names
        or {"first name", "organization name", "labels"} <= names
    ):
        return "google"
    if "e-mail address" in names and ("first name" in names or "last name" in names):
        return "outlook"
    if {"first name", "last name", "company", "job title", "business phone"} <= names:
        return "outlook"
    return None


def _first_place(row: list[str], places: list[tuple[Cell, Cell, Cell]]) -> str:
    """'City, Region, Country' of the first of (city, region, country) cells that has one."""
    return next((p for p in (join_location(*(c(row) for c in cells)) for cells in places) if p), "")


def _profile_and_links(links: list[Address]) -> tuple[str, list[Address]]:
    """The first LinkedIn profile among a row's web addresses, and the other addresses
    (take_addresses keeps only the http(s) ones)."""
    linkedin = next((a.value for a in links if is_linkedin_profile(a.value)), "")
    return linkedin, [a for a in links if a.value != linkedin]


def _blank(row: list[str]) -> str:
    return ""


def is_known_header(cells: list[str]) -> bool:
    return header_kind(cells) is not None


class _Columns:
    """Column lookup by case-insensitive name; a missing column reads as ''."""

    def __init__(self, header: list[str]) -> None:
        self.index: dict[str, int] = {}
        for i, name in enumerate(header):
            self.index.setdefault(name.casefold(), i)

    def find(self, *names: str) -> int | None:
        for name in names:
            if name in self.index:
                return self.index[name]
        return None

    def cell(self, *names: str) -> Cell:
        i = self.find(*names)
        if i is None:
            return _blank
        return itemgetter(i)  # rows are padded to the header's width

    def numbered(self, kind: str) -> list[dict[str, int]]:
        """Google's numbered groups: 'E-mail 2 - Value' with its '- Label' (current export)
        or '- Type' (older export), in number order."""
        groups: dict[int, dict[str, int]] = {}
        prefix = kind + " "
        for name, i in self.index.items():
            if not name.startswith(prefix):
                continue
            number, sep, part = name[len(prefix) :].partition(" - ")
            if sep and number.isdigit():
                groups.setdefault(int(number), {})[part] = i
        return [groups[n] for n in sorted(groups)]


def parse_linkedin(table: Table) -> ParseResult:
    cols = _Columns(table.header)
    first, last = cols.cell("first name"), cols.cell("last name")
    url, email = cols.cell("url"), cols.cell("email address")
    company, position = cols.cell("company"), cols.cell("position")
    connected = cols.cell("connected on")
    dates: dict[str, datetime.date | None] = {}  # thousands of rows share few dates
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        first_name, last_name = first(row), last(row)
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, _LEFT_LINKEDIN))
            continue
        raw_date = connected(row)
        if raw_date not in dates:
            dates[raw_date] = parse_date(raw_date)
        contact = ParsedContact(
            line=line,
            first_name=first_name,
            last_name=last_name,
            organization=company(row),
            title=position(row),
            linkedin_url=url(row),  # kept as exported; normalize_linkedin_url compares
            connected_on=dates[raw_date],
        )
        address = email(row)
        if address:
            contact.take_addresses(Address(EMAIL, a) for a in emails_in(address))
        contacts.append(contact)
    return ParseResult("linkedin", contacts, skipped)


def _labelled(
    row: list[str], groups: list[dict[str, int]], kind: str, values: Callable[[str], list[str]]
) -> list[Address]:
    """The addresses of Google's numbered groups, labelled from the group's label, those whose
    label carries Google's primary marker '* ' first."""
    marked: list[Address] = []
    rest: list[Address] = []
    for group in groups:
        if "value" not in group:
            continue
        label_cell = group.get("label", group.get("type"))
        said = row[label_cell] if label_cell is not None else ""
        label = label_from(said.lstrip("* "))
        found = [Address(kind, value, label) for value in values(row[group["value"]])]
        (marked if said.startswith("*") else rest).extend(found)
    return marked + rest


def _multi(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(":::") if v.strip()]


def parse_google(table: Table) -> ParseResult:
    cols = _Columns(table.header)
    first, last = cols.cell("first name", "given name"), cols.cell("last name", "family name")
    full = cols.cell("name")
    org = cols.cell("organization name", "organization 1 - name")
    title = cols.cell("organization title", "organization 1 - title")
    dept = cols.cell("organization department", "organization 1 - department")
    notes, birthday = cols.cell("notes"), cols.cell("birthday")
    labels = cols.cell("labels", "group membership")
    location = cols.cell("location")
    emails, phones = cols.numbered("e-mail"), cols.numbered("phone")
    sites, addresses = cols.numbered("website"), cols.numbered("address")
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        first_name, last_name = first(row), last(row)
        if not first_name and not last_name:
            first_name, last_name = split_full_name(full(row))
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, _NO_NAME))
            continue
        links = _labelled(row, sites, LINK, _multi)
        linkedin, links = _profile_and_links(links)
        place = ""
        for address in addresses:
            parts = (row[address[k]] if k in address else "" for k in ("city", "region", "country"))
            place = join_location(*(first_value(p) for p in parts))
            if not place and "formatted" in address:  # written whole, on one line
                place = " ".join(first_value(row[address["formatted"]]).split())
            if place:
                break
        contact = ParsedContact(
            line=line,
            first_name=first_name,
            last_name=last_name,
            organization=first_value(org(row)),
            department=first_value(dept(row)),
            title=first_value(title(row)),
            linkedin_url=linkedin,
            location=place or location(row),
            notes=join_notes(notes(row), birthday_note(first_value(birthday(row)))),
            tags=clean_tags(split_tags(labels(row), "")),
        )
        contact.take_addresses(
            _labelled(row, emails, EMAIL, emails_in),
            _labelled(row, phones, PHONE, _multi),
            links,
        )
        contacts.append(contact)
    return ParseResult("google", contacts, skipped)


def parse_outlook(table: Table) -> ParseResult:
    """Outlook's CSV export, its header in English or in the language of the installation."""
    cols = _Columns(english_header(table.header)[0])
    first, last = cols.cell("first name"), cols.cell("last name")
    company, dept, title = cols.cell("company"), cols.cell("department"), cols.cell("job title")
    email_cells = [cols.cell(name) for name in _OUTLOOK_EMAILS]
    phone_cells = [(cols.cell(name), label_from(name)) for name in _OUTLOOK_PHONES]
    places = [
        (
            cols.cell(f"{kind} city"),
            cols.cell(f"{kind} state"),
            cols.cell(f"{kind} country/region", f"{kind} country"),
        )
        for kind in ("business", "home", "other")
    ]
    location = cols.cell("location")
    web_cells = [(cols.cell(name), label) for name, label in _OUTLOOK_WEB]
    notes, birthday, categories = cols.cell("notes"), cols.cell("birthday"), cols.cell("categories")
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        first_name, last_name = first(row), last(row)
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, _NO_NAME))
            continue
        place = _first_place(row, places)
        webs = [Address(LINK, cell(row), label) for cell, label in web_cells if cell(row)]
        linkedin, webs = _profile_and_links(webs)
        contact = ParsedContact(
            line=line,
            first_name=first_name,
            last_name=last_name,
            organization=company(row),
            department=dept(row),
            title=title(row),  # "Title" in Outlook is the honorific (Mr., Dr.), not the job
            linkedin_url=linkedin,
            location=place or location(row),
            notes=join_notes(notes(row), birthday_note(birthday(row))),
            tags=clean_tags(split_tags(categories(row), ";")),
        )
        contact.take_addresses(
            # emails_in drops Exchange's X.500 paths ("/o=ExchangeLabs/..."): not addresses.
            (Address(EMAIL, a) for cell in email_cells for a in emails_in(cell(row))),
            (Address(PHONE, cell(row), label) for cell, label in phone_cells if cell(row)),
            webs,
        )
        contacts.append(contact)
    return ParseResult("outlook", contacts, skipped)


def _unguarded(cell: Cell) -> Cell:
    """coffeechat's export puts an apostrophe before a cell a spreadsheet would run as a
    formula ("'+1 555 0100"); read back, the apostrophe goes."""
    return lambda row: unguarded(cell(row))


def parse_coffeechat(table: Table) -> ParseResult:
    """coffeechat's own contacts CSV, as exported: it re-imports with the default format and
    keeps every field the file holds (exports.contacts_files.CSV_HEADER)."""
    cols = _Columns(table.header)
    names = (*_COFFEECHAT_TEXT, *_COFFEECHAT_OWN, *_COFFEECHAT_LISTS)
    cell = {name: _unguarded(cols.cell(name)) for name in names}
    one_per_line = cols.find("display name") is not None
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        value = {name: read(row) for name, read in cell.items()}
        if not value["first name"] and not value["last name"]:
            skipped.append(SkippedRow(line, _NO_NAME))
            continue
        contact = ParsedContact(
            line=line,
            first_name=value["first name"],
            last_name=value["last name"],
            display_name=value["display name"],
            organization=value["organization"],
            department=value["department"],
            title=value["title"],
            linkedin_url=value["linkedin url"],
            location=value["location"],
            connected_on=parse_date(value["connected on"]),
            notes=value["notes"],
            # One tag per line since the export had a Display Name column; commas before.
            tags=clean_tags(_cell_lines(value["tags"], "\n" if one_per_line else ",")),
            own={field: value[name] for name, field in _COFFEECHAT_OWN.items() if value[name]},
        )
        emails = [
            Address(EMAIL, a, label_from(value["email label"])) for a in emails_in(value["email"])
        ]
        phones = [Address(PHONE, value["phone"], label_from(value["phone label"]))]
        contact.take_addresses(
            [*emails, *_listed(value["more emails"], EMAIL)],
            [a for a in phones if a.value] + _listed(value["more phones"], PHONE),
            _listed(value["web links"], LINK),
            first_phone_leads=True,  # the file says which number is the main one
        )
        contacts.append(contact)
    return ParseResult("coffeechat", contacts, skipped)


_COFFEECHAT_TEXT = (
    "first name",
    "last name",
    "display name",
    "email",
    "email label",
    "phone",
    "phone label",
    "organization",
    "title",
    "department",
    "linkedin url",
    "location",
    "connected on",
    "notes",
)
_COFFEECHAT_LISTS = ("more emails", "more phones", "web links", "tags")
# Columns that only coffeechat writes -> the contact field they fill, as written (the import
# reads the choices back from their labels).
_COFFEECHAT_OWN = {
    "how you know them": "source",
    "how you know them, in detail": "source_detail",
    "referred by": "referred_by",
    "your own first sentence": "connection_sentence",
    "seniority": "tier",
    "do not contact": "do_not_contact",
    "keep in touch every (days)": "keep_in_touch_days",
    "background": "background",
}
_LABELLED_LINE = re.compile(r"^(?P<value>.*?)\s*\((?P<label>[a-z]+)\)$")


def _cell_lines(cell: str, separator: str) -> list[str]:
    """The items of a list cell: one per line, or (an older export) joined by commas."""
    parts = cell.splitlines() if separator == "\n" else cell.split(separator)
    return [part.strip() for part in parts if part.strip()]


def _listed(cell: str, kind: str) -> list[Address]:
    """Addresses written one per line as "value (label)"."""
    found = []
    for line in cell.splitlines():
        line = line.strip()
        match = _LABELLED_LINE.match(line)
        label = match["label"] if match and match["label"] in LABELS else ""
        value = match["value"] if label else line
        if value:
            found.append(Address(kind, value, label))
    return found


# Thunderbird's phones, the ones to call first first; fax and pager numbers never lead.
_THUNDERBIRD_PHONES = (
    ("mobile number", MOBILE),
    ("work phone", WORK),
    ("home phone", HOME),
    ("fax number", FAX),
    ("pager number", PAGER),
)


def parse_thunderbird(table: Table) -> ParseResult:
    """Thunderbird's CSV export: a display name besides the first and last, two addresses,
    work and home places, and the birthday in three columns."""
    cols = _Columns(table.header)
    first, last, display = (
        cols.cell("first name"),
        cols.cell("last name"),
        cols.cell("display name"),
    )
    emails = [cols.cell("primary email"), cols.cell("secondary email")]
    phones = [(cols.cell(name), label) for name, label in _THUNDERBIRD_PHONES]
    places = [
        (cols.cell(f"{kind} city"), cols.cell(f"{kind} state"), cols.cell(f"{kind} country"))
        for kind in ("work", "home")
    ]
    title, dept, org = cols.cell("job title"), cols.cell("department"), cols.cell("organization")
    sites = [(cols.cell("web page 1"), WORK), (cols.cell("web page 2"), HOME)]
    year, month, day = cols.cell("birth year"), cols.cell("birth month"), cols.cell("birth day")
    notes = cols.cell("notes")
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        first_name, last_name = first(row), last(row)
        if not first_name and not last_name:
            first_name, last_name = split_full_name(display(row))
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, _NO_NAME))
            continue
        place = _first_place(row, places)
        webs = [Address(LINK, cell(row), label) for cell, label in sites if cell(row)]
        linkedin, webs = _profile_and_links(webs)
        birthday = ""
        if month(row) and day(row):
            month_day = f"{month(row):0>2}-{day(row):0>2}"
            birthday = birthday_note(f"{year(row)}-{month_day}" if year(row) else f"--{month_day}")
        contact = ParsedContact(
            line=line,
            first_name=first_name,
            last_name=last_name,
            organization=org(row),
            department=dept(row),
            title=title(row),
            linkedin_url=linkedin,
            location=place,
            notes=join_notes(notes(row), birthday),
        )
        contact.take_addresses(
            (Address(EMAIL, a) for cell in emails for a in emails_in(cell(row))),
            (Address(PHONE, cell(row), label) for cell, label in phones if cell(row)),
            webs,
        )
        contacts.append(contact)
    return ParseResult("thunderbird", contacts, skipped)
