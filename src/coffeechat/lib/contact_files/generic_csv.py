"""Any other CSV: the user maps columns to contact fields; we suggest a mapping from the header."""

from __future__ import annotations

import re

from coffeechat.lib.addresses import EMAIL, PHONE, Address

from .model import MAPPABLE_FIELDS, ContactFileError, ParsedContact, ParseResult, SkippedRow
from .tables import Table
from .values import (
    clean_tags,
    emails_in,
    join_notes,
    parse_date,
    split_full_name,
    split_tags,
)

NEEDS_MAPPING = (
    "This CSV file is not an export we recognise; choose which column holds what "
    "(a column mapping) to import it."
)
_NAME_FIELDS = ("first_name", "last_name", "full_name")

# How targets mapped from several columns join their values; email, phone and tags collect
# lists, and every other target takes the first non-empty value of its columns, in column order.
_JOINED = {"first_name": " ", "last_name": " ", "full_name": " ", "location": ", ", "notes": "\n"}
# Suggested for several columns ("Email", "Email 2"; "City", "Country"); other targets only once.
_SUGGEST_MANY = ("email", "phone", "tags", "location", "notes")

# Header spellings (lower-case, letters and digits only) -> target field.
_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("firstname", "first", "givenname", "forename", "fname", "prenom", "vorname"),
    "last_name": ("lastname", "last", "surname", "familyname", "lname", "nachname"),
    "full_name": ("name", "fullname", "contactname", "displayname", "contact", "person"),
    "email": (
        "email",
        "emailaddress",
        "emails",
        "mail",
        "primaryemail",
        "workemail",
        "email1",
        "email1value",
        "email2",
        "email2value",
    ),
    "phone": (
        "phone",
        "phonenumber",
        "telephone",
        "tel",
        "mobile",
        "mobilephone",
        "mobilenumber",
        "cell",
        "cellphone",
        "workphone",
        "businessphone",
        "phone1value",
    ),
    "organization": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "organizationname",
        "organisationname",
        "org",
        "employer",
        "firm",
    ),
    "department": ("department", "dept", "team", "organizationdepartment"),
    "title": ("title", "jobtitle", "position", "role", "organizationtitle", "occupation"),
    "linkedin_url": (
        "linkedin",
        "linkedinurl",
        "linkedinprofile",
        "linkedinprofileurl",
        "linkedinlink",
        "profileurl",
    ),
    "location": ("location", "city", "town", "region", "country"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "description"),
    "tags": ("tags", "tag", "labels", "label", "groups", "group", "categories", "category"),
    "connected_on": (
        "connectedon",
        "connected",
        "dateconnected",
        "connectiondate",
        "connectedsince",
        "datemet",
    ),
}
_BY_ALIAS = {alias: target for target, aliases in _ALIASES.items() for alias in aliases}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """Column -> target field for headers whose meaning is obvious; others are left out."""
    suggested: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        target = _BY_ALIAS.get(_NOT_ALNUM.sub("", column.casefold()))
        if target is None:
            continue
        if target in taken and target not in _SUGGEST_MANY:
            continue
        taken.add(target)
        suggested[column] = target
    return suggested


def _columns_by_target(header: list[str], mapping: dict[str, str] | None) -> dict[str, list[int]]:
    if not mapping:
        raise ContactFileError(NEEDS_MAPPING)
    lookup: dict[str, int] = {}
    for i, name in enumerate(header):
        lookup.setdefault(name.casefold(), i)
    by_target: dict[str, list[int]] = {}
    for column, target in mapping.items():
        if not target:
            continue  # the mapping form's "ignore this column"
        if target not in MAPPABLE_FIELDS:
            raise ContactFileError(f"{target!r} is not a contact field a column can be mapped to.")
        i = lookup.get(" ".join(column.split()).casefold())
        if i is None:
            raise ContactFileError(
                f"The file has no column named {column!r}; choose the columns again."
            )
        by_target.setdefault(target, []).append(i)
    if not by_target.keys() & set(_NAME_FIELDS):
        raise ContactFileError(
            "The column mapping needs a name: map a column to first name, last name or full name."
        )
    return {target: sorted(indexes) for target, indexes in by_target.items()}


def parse_generic(table: Table, mapping: dict[str, str] | None) -> ParseResult:
    by_target = _columns_by_target(table.header, mapping)
    contacts: list[ParsedContact] = []
    skipped: list[SkippedRow] = []
    for line, row in table.rows:
        values = {t: [row[i] for i in indexes if row[i]] for t, indexes in by_target.items()}

        def one(target: str, values: dict[str, list[str]] = values) -> str:
            found = values.get(target)
            if not found:
                return ""
            joiner = _JOINED.get(target)
            return joiner.join(found) if joiner else found[0]

        first_name, last_name = one("first_name"), one("last_name")
        if not first_name and not last_name:
            first_name, last_name = split_full_name(one("full_name"))
        if not first_name and not last_name:
            # Inventing a name from an email's local part would put junk in the address book.
            skipped.append(SkippedRow(line, "no name"))
            continue
        contact = ParsedContact(
            line=line,
            first_name=first_name,
            last_name=last_name,
            organization=one("organization"),
            department=one("department"),
            title=one("title"),
            linkedin_url=one("linkedin_url"),
            location=one("location"),
            connected_on=parse_date(one("connected_on")),
            notes=join_notes(one("notes")),
            tags=clean_tags(t for cell in values.get("tags", ()) for t in split_tags(cell)),
        )
        contact.take_addresses(
            (Address(EMAIL, a) for cell in values.get("email", ()) for a in emails_in(cell)),
            (Address(PHONE, cell) for cell in values.get("phone", ())),
        )
        contacts.append(contact)
    return ParseResult("csv", contacts, skipped)
