"""The contact list as Google Contacts and Outlook write it, for importing into those products.

Each keeps what the product can hold: Google takes any number of labelled addresses in its
numbered columns; Outlook has three email columns and one column per kind of number, so a
number that finds no free column of its kind goes to "Other Phone" or, failing that, into the
notes, where nothing is lost. Both are spreadsheet-safe (a phone number, which cannot run as
a formula, is written as it is) and re-import into coffeechat.
"""

from __future__ import annotations

import csv
import io
import re

from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, label_name
from coffeechat.lib.spreadsheet_safety import safe_cell
from coffeechat.people.addresses import every_address
from coffeechat.people.models import Contact

BOM = "\ufeff"
# A phone number as written ("+1 (555) 010-0100") cannot run as a formula; Google and Outlook
# would keep a guarding apostrophe as part of the number, so these cells go unguarded.
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")


def _organization(contact: Contact) -> str:
    organization = contact.organization
    return organization.name if organization and organization.owner_id == contact.owner_id else ""


def _tags(contact: Contact) -> list[str]:
    return [tag.name for tag in contact.tags.all()]


def _write(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell if _PHONE_LIKE.fullmatch(cell) else safe_cell(cell) for cell in row])
    return BOM + buffer.getvalue()


# --- Google ----------------------------------------------------------------------------------

_GOOGLE_FIXED = [
    "First Name",
    "Middle Name",
    "Last Name",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Notes",
    "Labels",
]


def _google_groups(kind: str, count: int) -> list[str]:
    title = {EMAIL: "E-mail", PHONE: "Phone", LINK: "Website"}[kind]
    return [f"{title} {n} - {part}" for n in range(1, count + 1) for part in ("Label", "Value")]


def _google_cells(found: list[Address], count: int, main: bool) -> list[str]:
    cells = []
    for index in range(count):
        if index < len(found):
            label = found[index].label
            label = "Profile" if label == "profile" else label_name(label) or "Other"
            # Google marks the main one with "* " before its label.
            cells += [f"* {label}" if main and index == 0 else label, found[index].value]
        else:
            cells += ["", ""]
    return cells


def render_google_csv(contacts: list[Contact]) -> str:
    """Google Contacts' CSV: as many numbered email, phone and website columns as the
    contact with the most needs; the LinkedIn profile is the first website, "Profile"."""
    found = {}
    for contact in contacts:
        every = every_address(contact)
        if contact.linkedin_url:
            every.insert(0, Address(LINK, contact.linkedin_url, "profile"))
        found[contact.pk] = every
    counts = {
        kind: max([sum(a.kind == kind for a in each) for each in found.values()] + [1])
        for kind in (EMAIL, PHONE, LINK)
    }
    header = [
        *_GOOGLE_FIXED,
        *_google_groups(EMAIL, counts[EMAIL]),
        *_google_groups(PHONE, counts[PHONE]),
        "Address 1 - Label",
        "Address 1 - Formatted",
        *_google_groups(LINK, counts[LINK]),
    ]
    rows = []
    for contact in contacts:
        every = found[contact.pk]

        def cells(kind: str, main: bool, every: list[Address] = every) -> list[str]:
            return _google_cells([a for a in every if a.kind == kind], counts[kind], main)

        rows.append(
            [
                contact.first_name,
                "",
                contact.last_name,
                contact.display_name,
                _organization(contact),
                contact.title,
                contact.department,
                contact.notes,
                " ::: ".join(_tags(contact)),
                *cells(EMAIL, bool(contact.email)),
                *cells(PHONE, bool(contact.phone)),
                "Work" if contact.location else "",
                contact.location,
                *cells(LINK, False),
            ]
        )
    return _write(header, rows)


# --- Outlook ---------------------------------------------------------------------------------

_OUTLOOK_HEADER = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Company",
    "Department",
    "Job Title",
    "Business City",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Mobile Phone",
    "Business Phone",
    "Business Phone 2",
    "Home Phone",
    "Home Phone 2",
    "Other Phone",
    "Business Fax",
    "Home Fax",
    "Pager",
    "Web Page",
    "Personal Web Page",
    "Categories",
    "Notes",
]
# The columns a number of each label may go in, in order of preference.
_OUTLOOK_PHONES = {
    "mobile": ["Mobile Phone"],
    "work": ["Business Phone", "Business Phone 2"],
    "home": ["Home Phone", "Home Phone 2"],
    "fax": ["Business Fax", "Home Fax"],
    "pager": ["Pager"],
    "": ["Mobile Phone", "Business Phone", "Home Phone"],
    "other": [],
}
_NOT_PLACED = "Also:"


def _outlook_row(contact: Contact) -> list[str]:
    row = dict.fromkeys(_OUTLOOK_HEADER, "")
    row.update(
        {
            "First Name": contact.first_name,
            "Last Name": contact.last_name,
            "Company": _organization(contact),
            "Department": contact.department,
            "Job Title": contact.title,
            "Business City": contact.location,
            "Categories": ";".join(_tags(contact)),
        }
    )
    left: list[Address] = []
    found = every_address(contact)
    email_columns = ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"]
    for address in [a for a in found if a.kind == EMAIL]:
        if email_columns:
            row[email_columns.pop(0)] = address.value
        else:
            left.append(address)
    for address in [a for a in found if a.kind == PHONE]:
        column = next(
            (c for c in [*_OUTLOOK_PHONES.get(address.label, []), "Other Phone"] if not row[c]),
            None,
        )
        if column:
            row[column] = address.value
        else:
            left.append(address)
    web = [contact.linkedin_url] if contact.linkedin_url else []
    web += [a.value for a in found if a.kind == LINK]
    for column in ("Web Page", "Personal Web Page"):
        if web:
            row[column] = web.pop(0)
    left += [Address(LINK, value) for value in web]
    notes = contact.notes
    if left:
        lines = [f"{a.value} ({a.label})" if a.label else a.value for a in left]
        notes = "\n\n".join(p for p in (notes, _NOT_PLACED + "\n" + "\n".join(lines)) if p)
    row["Notes"] = notes
    return [row[column] for column in _OUTLOOK_HEADER]


def render_outlook_csv(contacts: list[Contact]) -> str:
    """Outlook's CSV, with the English header Outlook and Outlook.com import."""
    return _write(_OUTLOOK_HEADER, [_outlook_row(contact) for contact in contacts])
