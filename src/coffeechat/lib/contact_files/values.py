"""Cleaning single values shared by every contact-file format: emails, dates, names, tags."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}

# Groups every Google contact belongs to: as tags they would say nothing.
_SYSTEM_GROUPS = frozenset(["mycontacts", "my contacts", "other contacts", "othercontacts"])

# Name suffixes that follow a comma ("Jane Doe, PhD") rather than mark "Last, First".
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "dds", "cpa"])


def emails_in(cell: str) -> list[str]:
    """The addresses in one cell, lower-cased: Google joins several with ' ::: ', people type
    ';' or ',', mail clients write 'Name <address>'. Values without '@' (Exchange X.500
    paths, 'n/a') are not addresses."""
    if not cell:
        return []
    found = []
    for part in cell.replace(":::", ",").replace(";", ",").split(","):
        part = part.strip()
        if part.endswith(">") and "<" in part:
            part = part[part.rfind("<") + 1 : -1].strip()
        if part[:7].lower() == "mailto:":
            part = part[7:]
        if "@" in part and part.split() == [part]:  # no space, tab or line break inside
            found.append(part.lower())
    return found


def primary_and_others(addresses: Iterable[str]) -> tuple[str, list[str]]:
    """First address as primary, the rest de-duplicated in file order."""
    unique = list(dict.fromkeys(a for a in addresses if a))
    if not unique:
        return "", []
    return unique[0], unique[1:]


def first_value(cell: str) -> str:
    """The first of several values Google joins with ' ::: '."""
    if ":::" in cell:
        return cell.split(":::", 1)[0].strip()
    return cell


def clean_tags(values: Iterable[str]) -> list[str]:
    """Tags without Google's '* ' marker, its all-contacts groups and duplicates."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        tag = value.strip().lstrip("*").strip()
        key = tag.casefold()
        if not tag or key in _SYSTEM_GROUPS or key in seen:
            continue
        seen.add(key)
        tags.append(tag)
    return tags


def split_tags(cell: str, separators: str = ";,") -> list[str]:
    """One cell of tags split on ' ::: ' and the given single-character separators."""
    if not cell:
        return []
    for sep in separators:
        cell = cell.replace(sep, ":::")
    return cell.split(":::")


def join_location(*parts: str) -> str:
    """'City, Region, Country' from whichever parts are present."""
    seen: list[str] = []
    for part in parts:
        part = " ".join((part or "").split())
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def split_full_name(name: str) -> tuple[str, str]:
    """(first, last): the last word is the last name; 'Doe, Jane' as spreadsheets write it."""
    name = " ".join((name or "").split())
    if "," in name:
        before, _, after = name.partition(",")
        after = after.strip()
        if after.replace(".", "").lower() in _SUFFIXES:
            name = before.strip()
        elif before.strip() and after:
            return after, before.strip()
        else:
            name = (before + " " + after).strip()
    if not name:
        return "", ""
    head, _, tail = name.rpartition(" ")
    if not head:
        return tail, ""
    return head, tail


def parse_date(text: str) -> datetime.date | None:
    """A date from the forms contact files use, or None for empty, zero or unreadable ones.

    '05 Mar 2024' (LinkedIn), '2024-03-05', '20240305', '3/5/2024' and '3/5/24' (US, as
    Outlook writes; day first when the first number cannot be a month), '05.03.2024'
    (European), 'Mar 5, 2024'. Outlook's '0/0/00' means no date."""
    s = text.strip()
    if not s:
        return None
    try:
        if len(s) >= 8 and s[:4].isdigit() and (s[4] == "-" or s[4:8].isdigit()):
            if s[4] == "-":
                year, month, day = int(s[:4]), int(s[5:7]), int(s[8:10])
            else:
                year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
        elif "/" in s:
            # Older LinkedIn exports add the time: "1/8/18, 6:14 PM".
            a, b, c = s.split()[0].rstrip(",").split("/")
            month, day, year = int(a), int(b), _year(c)
            if month > 12 >= day:
                month, day = day, month
        elif "." in s and s[:1].isdigit():
            a, b, c = s.split()[0].rstrip(".").split(".")
            day, month, year = int(a), int(b), _year(c)
        else:
            words = s.replace(",", " ").split()
            if len(words) != 3:
                return None
            if words[0].isdigit():
                day, month, year = int(words[0]), _MONTHS[words[1][:3].lower()], int(words[2])
            else:
                month, day, year = _MONTHS[words[0][:3].lower()], int(words[1]), int(words[2])
        return datetime.date(year, month, day)  # ValueError for Outlook's 0/0/00
    except (ValueError, KeyError, IndexError):
        return None


def _year(text: str) -> int:
    year = int(text)
    if len(text.strip()) <= 2 and year:
        # Two-digit years: the most recent century that does not put the date in the future.
        this_year = datetime.date.today().year
        year += this_year - this_year % 100
        if year > this_year:
            year -= 100
    return year


def birthday_note(text: str, omit_year: str = "") -> str:
    """'Birthday: 12 April 1980', or without a year, for the notes; '' when there is none.

    Handles vCard 4 '--0412' and '--04-12', Apple's placeholder year (BDAY with
    X-APPLE-OMIT-YEAR=1604 and 1604-07-22) and the date forms of parse_date."""
    s = text.strip()
    if not s:
        return ""
    year: int | None
    if s.startswith("--"):
        digits = s[2:].replace("-", "")[:4]
        if len(digits) != 4 or not digits.isdigit():
            return ""
        year, month, day = None, int(digits[:2]), int(digits[2:])
        try:
            datetime.date(2000, month, day)  # a leap year, so 29 February is accepted
        except ValueError:
            return ""
    else:
        date = parse_date(s)
        if date is None:
            return ""
        year, month, day = date.year, date.month, date.day
        if omit_year and str(year) == omit_year.strip():
            year = None
    suffix = f" {year}" if year else ""
    return f"Birthday: {day} {MONTH_NAMES[month - 1]}{suffix}"


def join_notes(*parts: str) -> str:
    """Notes paragraphs joined by newlines, empty ones left out; Windows line ends inside
    quoted CSV fields become plain newlines."""
    text = "\n".join(p for p in (part.strip() for part in parts) if p)
    return text.replace("\r\n", "\n").replace("\r", "\n")
