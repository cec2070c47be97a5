"""What the contact-file parsers return: parsed contacts, skipped rows and the one error type."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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


@dataclass
class ParsedContact:
    line: int  # 1-based line in the file where this record starts
    first_name: str = ""
    last_name: str = ""
    email: str = ""  # the primary address, lower-cased, stripped
    other_emails: list[str] = field(default_factory=list)
    phone: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    linkedin_url: str = ""
    location: str = ""
    connected_on: datetime.date | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)


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
