"""The contact list for other programs: spreadsheet-safe CSVs and a vCard 4.0 address book.

coffeechat's own CSV holds every field of a contact and re-imports unchanged; the Google and
Outlook CSVs use those products' headers, for importing there; the vCard carries every
address. The JSON backup is the lossless format for everything else.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import uuid
from collections.abc import Iterator

import vobject
from django.db.models import Prefetch

from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, label_name
from coffeechat.lib.spreadsheet_safety import safe_cell
from coffeechat.people.addresses import main_addresses, other_addresses
from coffeechat.people.models import Contact, ContactAddress, Tag

BOM = "\ufeff"

CSV_HEADER = (
    "First Name",
    "Last Name",
    "Display Name",
    "Email",
    "Email Label",
    "Phone",
    "Phone Label",
    "More Emails",
    "More Phones",
    "Web Links",
    "Organization",
    "Title",
    "Department",
    "LinkedIn URL",
    "Location",
    "How you know them",
    "How you know them, in detail",
    "Referred by",
    "Your own first sentence",
    "Seniority",
    "Tags",
    "Do not contact",
    "Connected on",
    "Keep in touch every (days)",
    "Background",
    "Notes",
)

# Contact UIDs are uuid5 names in this namespace: the same contact always gets the same UID,
# so an address book that imports the file again updates its cards instead of duplicating them.
UID_NAMESPACE = uuid.UUID("bd7207fd-7440-4c24-bdf0-755f45c45b1c")
PRODID = "-//coffeechat//contacts export//EN"
LINE_OCTETS = 75  # RFC 6350 section 3.2, without the CRLF
# Control characters a vCard text value may not hold; tab is allowed, CR and LF are escaped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


EXPORT_ORDER = ("last_name", "first_name", "pk")
# Contacts read and written per step of a streamed export: memory stays flat however large
# the account, at four queries a step.
CHUNK = 500


def _with_details(user):
    tags = Tag.objects.filter(owner=user).order_by("name", "pk")
    addresses = ContactAddress.objects.filter(owner=user)
    return (
        Contact.objects.owned_by(user)
        .select_related("organization", "referred_by")
        .prefetch_related(
            Prefetch("tags", queryset=tags), Prefetch("addresses", queryset=addresses)
        )
    )


def contacts_for_export(user) -> list[Contact]:
    """The user's contacts by name, with organization, referrer, tags and addresses, in four
    queries."""
    return list(_with_details(user).order_by(*EXPORT_ORDER))


def contact_chunks(user, size: int = CHUNK) -> Iterator[list[Contact]]:
    """The same contacts in the same order, `size` at a time."""
    ids = list(Contact.objects.owned_by(user).order_by(*EXPORT_ORDER).values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        wanted = ids[start : start + size]
        found = {contact.pk: contact for contact in _with_details(user).filter(pk__in=wanted)}
        yield [found[pk] for pk in wanted if pk in found]


def _own(obj, user_id: int):
    """obj when it belongs to the exporting user, else None (a foreign row never leaks)."""
    return obj if obj is not None and obj.owner_id == user_id else None


def _organization_name(contact: Contact) -> str:
    organization = _own(contact.organization, contact.owner_id)
    return organization.name if organization else ""


def _referrer_name(contact: Contact) -> str:
    referrer = _own(contact.referred_by, contact.owner_id)
    return referrer.name if referrer else ""


def _tag_names(contact: Contact) -> list[str]:
    return [tag.name for tag in contact.tags.all()]


# --- CSV -------------------------------------------------------------------------------------


def _lines(addresses: list[Address], kind: str) -> str:
    """One address per line, its label after it: "ana@example.org (home)"."""
    return "\n".join(
        f"{a.value} ({a.label})" if a.label else a.value for a in addresses if a.kind == kind
    )


def csv_row(contact: Contact) -> list[str]:
    others = other_addresses(contact)
    return [
        contact.first_name,
        contact.last_name,
        contact.display_name,
        contact.email,
        label_name(contact.email_label),
        contact.phone,
        label_name(contact.phone_label),
        _lines(others, EMAIL),
        _lines(others, PHONE),
        _lines(others, LINK),
        _organization_name(contact),
        contact.title,
        contact.department,
        contact.linkedin_url,
        contact.location,
        contact.get_source_display(),
        contact.source_detail,
        _referrer_name(contact),
        contact.connection_sentence,
        contact.tier_listed,  # "Senior (inferred)": read back, inferred again from the title
        # One tag per line: a tag may hold a comma.
        "\n".join(_tag_names(contact)),
        "yes" if contact.do_not_contact else "no",
        contact.connected_on.isoformat() if contact.connected_on else "",
        str(contact.keep_in_touch_days or ""),
        contact.background,
        contact.notes,
    ]


def render_csv(contacts: list[Contact], *, header: bool = True) -> str:
    """CSV text with a byte-order mark, CRLF rows, quoted by the csv module, formula-safe;
    without header, only the rows (a later part of a streamed file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the "excel" dialect: commas, double quotes, CRLF
    if header:
        writer.writerow([safe_cell(cell) for cell in CSV_HEADER])
    for contact in contacts:
        writer.writerow([safe_cell(cell) for cell in csv_row(contact)])
    return (BOM if header else "") + buffer.getvalue()


def stream_csv(user) -> Iterator[str]:
    """The contacts CSV in parts, the header first."""
    yield render_csv([])
    for chunk in contact_chunks(user):
        yield render_csv(chunk, header=False)


def contacts_csv(user) -> str:
    """The user's contacts as CSV text, starting with a BOM: encode it as UTF-8."""
    return render_csv(contacts_for_export(user))


# --- vCard -----------------------------------------------------------------------------------


def contact_uid(contact: Contact) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'{contact.owner_id}:{contact.pk}')}"


def _text(value: str) -> str:
    return _CONTROL.sub("", value)


def _revision(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


# vCard 4.0 TYPE values for a label (RFC 6350 6.4.1 and 6.4.2; "other" as Apple writes it).
_VCARD_TYPES = {"mobile": ["cell"], "fax": ["fax"], "pager": ["pager"]}
_PROPERTY = {EMAIL: "email", PHONE: "tel", LINK: "url"}


def _add_address(card, address: Address, main: bool) -> None:
    prop = card.add(_PROPERTY[address.kind])
    prop.value = _text(address.value)
    types = _VCARD_TYPES.get(address.label, [address.label] if address.label else [])
    if address.kind == PHONE and address.label not in ("fax", "pager"):
        types = [*types, "voice"]
    if types:
        prop.params["TYPE"] = types
    if main:
        prop.params["PREF"] = ["1"]


def vcard_for(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add("uid").value = contact_uid(contact)
    card.add("fn").value = _text(contact.name)
    card.add("n").value = vobject.vcard.Name(
        family=_text(contact.last_name), given=_text(contact.first_name)
    )
    for address in main_addresses(contact):
        _add_address(card, address, main=True)
    for address in other_addresses(contact):
        if address.kind != LINK:
            _add_address(card, address, main=False)
    organization, department = _organization_name(contact), contact.department
    if organization or department:
        card.add("org").value = [_text(organization)] + ([_text(department)] if department else [])
    if contact.title:
        card.add("title").value = _text(contact.title)
    if contact.linkedin_url:
        card.add("url").value = _text(contact.linkedin_url)
    for address in other_addresses(contact):
        if address.kind == LINK:
            _add_address(card, address, main=False)
    if contact.location:
        card.add("adr").value = vobject.vcard.Address(city=_text(contact.location))
    if contact.notes:
        card.add("note").value = _text(contact.notes)
    tags = _tag_names(contact)
    if tags:
        card.add("categories").value = [_text(tag) for tag in tags]
    for name, value in _own_properties(contact):
        card.add(name).value = _text(value)
    card.add("rev").value = _revision(contact.updated_at)
    return card


def _own_properties(contact: Contact) -> list[tuple[str, str]]:
    """What coffeechat knows that vCard has no property for, as X- properties (RFC 6350
    6.10): address books keep or ignore them, and coffeechat's import reads them back."""
    found = [
        ("x-coffeechat-source", contact.get_source_display()),
        ("x-coffeechat-source-detail", contact.source_detail),
        ("x-coffeechat-referred-by", _referrer_name(contact)),
        ("x-coffeechat-first-sentence", contact.connection_sentence),
        ("x-coffeechat-seniority", contact.tier_listed),
        ("x-coffeechat-do-not-contact", "yes" if contact.do_not_contact else ""),
        (
            "x-coffeechat-connected-on",
            contact.connected_on.isoformat() if contact.connected_on else "",
        ),
        ("x-coffeechat-keep-in-touch-days", str(contact.keep_in_touch_days or "")),
        ("x-coffeechat-background", contact.background),
    ]
    return [(name, value) for name, value in found if value]


def fold(line: str, limit: int = LINE_OCTETS) -> str:
    """One content line folded so no physical line exceeds `limit` UTF-8 octets.

    vobject folds by octets only for lines of 75 or more characters, so a shorter line of
    accented or non-Latin text can pass 75 octets unfolded; we serialize unfolded and fold here.
    A character's octets always stay on one line; continuation lines start with one space."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:
        return line  # most lines: nothing to fold
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def render_vcard(contacts: list[Contact]) -> str:
    """vCard 4.0 text, one card per contact, CRLF line ends, folded at 75 octets."""
    lines: list[str] = []
    for contact in contacts:
        unfolded = vcard_for(contact).serialize(lineLength=10**9)
        lines.extend(fold(line) for line in unfolded.split("\r\n") if line)
    return "".join(line + "\r\n" for line in lines)


def stream_vcard(user) -> Iterator[str]:
    """The vCard file in parts, CHUNK cards at a time."""
    for chunk in contact_chunks(user):
        yield render_vcard(chunk)


def contacts_vcard(user) -> str:
    """The user's contacts as a vCard 4.0 file."""
    return render_vcard(contacts_for_export(user))
