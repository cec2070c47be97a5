"""What the contact-file parsers return: parsed contacts, skipped rows and the one error type."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from coffeechat.lib.addresses import (
    EMAIL,
    LINK,
    NOT_FOR_CALLING,
    PHONE,
    Address,
    is_web_link,
    main_first,
)

# Bounds on the work one file can ask for, checked before any parsing: the largest real
# exports (Outlook's 92 columns, a 60,000-row LinkedIn list, a vCard photo written on one
# line) are far inside them; a crafted file (a million columns) is refused at once.
MAX_COLUMNS = 500
MAX_LINE_CHARS = 1_000_000
MAX_LINES = 2_000_000
MAX_CARD_LINES = 5_000

FORMATS = ("auto", "coffeechat", "linkedin", "google", "outlook", "thunderbird", "vcard", "csv")

# Target field -> label shown in the column-mapping step of a generic CSV import.
MAPPABLE_FIELDS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (split into first and last)",
    "email": "Email",
    "phone": "Phone",
    "organization": "Organization",
    "department": "Department",
    "title": "Job title",
    "linkedin_url": "LinkedIn profile URL",
    "location": "Location",
    "notes": "Notes",
    "tags": "Tags",
    "connected_on": "Connected on (date)",
}


@dataclass(slots=True)
class ParsedContact:
    line: int  # 1-based line in the file where this record starts
    first_name: str = ""
    last_name: str = ""
    email: str = ""  # the main address, lower-cased, stripped
    email_label: str = ""
    phone: str = ""  # the main number: one to call, never a fax or pager when there is another
    phone_label: str = ""
    # Every other email address, phone number and web link, labelled, in the file's order.
    addresses: list[Address] = field(default_factory=list)
    # The name as the file writes it whole, when that differs from "first last" (a vCard's FN:
    # "山田 太郎" for family name 山田, given name 太郎).
    display_name: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    linkedin_url: str = ""
    location: str = ""
    connected_on: datetime.date | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    # Fields only coffeechat's own CSV holds, by contact field name, as written there (a
    # choice by its label: "Alumni", "Senior"); the import reads them back.
    own: dict[str, str] = field(default_factory=dict)

    @property
    def other_emails(self) -> list[str]:
        return [a.value for a in self.addresses if a.kind == EMAIL]

    def take_addresses(
        self,
        emails: Iterable[Address] = (),
        phones: Iterable[Address] = (),
        links: Iterable[Address] = (),
        *,
        first_phone_leads: bool = False,
    ) -> None:
        """The first email and the first number to call become the main ones (a fax or pager
        number never does, unless first_phone_leads: a file that says which is main); every
        other address, de-duplicated, is kept in addresses. Only http(s) links are kept."""
        emails = main_first(Address(EMAIL, a.value.strip().lower(), a.label) for a in emails)
        phones = [Address(PHONE, a.value.strip(), a.label) for a in phones]
        phones = _unique(phones) if first_phone_leads else main_first(phones)
        links = main_first(
            Address(LINK, a.value.strip(), a.label) for a in links if is_web_link(a.value)
        )
        if emails:
            self.email, self.email_label = emails[0].value, emails[0].label
        if phones and (first_phone_leads or phones[0].label not in NOT_FOR_CALLING):
            self.phone, self.phone_label = phones[0].value, phones[0].label
            phones = phones[1:]
        self.addresses = [*emails[1:], *phones, *links]

    def set_display_name(self, full: str) -> None:
        """Keep the file's whole name when it is not simply the first and last name joined."""
        full = " ".join(full.split())
        joined = " ".join(p for p in (self.first_name, self.last_name) if p)
        self.display_name = full if full and full != joined else ""


def _unique(addresses: list[Address]) -> list[Address]:
    seen: set[str] = set()
    found = []
    for address in addresses:
        if address.key and address.key not in seen:
            seen.add(address.key)
            found.append(address)
    return found


@dataclass
class SkippedRow:
    line: int
    reason: str  # one short sentence, e.g. "no name: a member who left LinkedIn"


@dataclass
class ParseResult:
    format: (
        str  # "coffeechat" | "linkedin" | "google" | "outlook" | "thunderbird" | "vcard" | "csv"
    )
    contacts: list[ParsedContact]
    skipped: list[SkippedRow]
    # Organizations named by cards of their own (a company's card, not a person's).
    organizations: list[str] = field(default_factory=list)


class ContactFileError(ValueError):
    """A file that cannot be imported; str() is one sentence for the user, naming the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
