"""A person's email addresses, phone numbers and web links: labels, keys, and which one leads.

Plain rules, no Django: the contact files, the import, the merge and the form all use them.
A contact's main email and main phone are its own fields; every other address is an Address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

EMAIL, PHONE, LINK = "email", "phone", "link"
KINDS = (EMAIL, PHONE, LINK)
KIND_NAMES = {EMAIL: "Email", PHONE: "Phone", LINK: "Web link"}

WORK, HOME, MOBILE, FAX, PAGER, OTHER = "work", "home", "mobile", "fax", "pager", "other"
LABELS = (WORK, HOME, MOBILE, FAX, PAGER, OTHER)
LABEL_NAMES = {
    WORK: "Work",
    HOME: "Home",
    MOBILE: "Mobile",
    FAX: "Fax",
    PAGER: "Pager",
    OTHER: "Other",
}
# Numbers nobody calls to talk: never a contact's main phone unless nothing else is there.
NOT_FOR_CALLING = frozenset([FAX, PAGER])

# Words clients write for a label (vCard TYPE values, Google's "Work", Outlook's column names,
# Apple's X-ABLabel in several languages), lower-cased, to the label they mean. Checked in this
# order, so "Home Fax" and "work fax" are faxes and "iPhone" is a mobile.
_LABEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FAX, ("fax", "télécopie", "telefax", "факс", "传真", "ファクス", "ファックス")),
    (PAGER, ("pager", "beeper", "bip", "пейджер", "寻呼机", "ポケベル")),
    (
        MOBILE,
        (
            "cell",
            "mobile",
            "iphone",
            "móvil",
            "movil",
            "mobil",
            "handy",
            "portable",
            "celular",
            "cellulare",
            "mobiel",
            "мобильный",
            "手机",
            "携帯",
        ),
    ),
    (
        WORK,
        (
            "work",
            "business",
            "office",
            "company",
            "main",
            "arbeit",
            "geschäft",
            "dienst",
            "travail",
            "bureau",
            "trabajo",
            "trabalho",
            "lavoro",
            "ufficio",
            "werk",
            "рабоч",
            "工作",
            "単位",
            "勤務",
            "会社",
        ),
    ),
    (HOME, ("home", "privat", "personal", "domicile", "casa", "thuis", "домашн", "家庭", "自宅")),
    (OTHER, ("other", "x-other", "andere", "autre", "otro", "outro", "altro", "другой", "其他")),
)

_LINK_SCHEMES = ("http://", "https://")
_NOT_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class Address:
    kind: str  # EMAIL, PHONE or LINK
    value: str
    label: str = ""  # one of LABELS, or "" when the source did not say

    @property
    def key(self) -> str:
        return address_key(self.kind, self.value)


def label_from(*words: str) -> str:
    """The label that free words from a file mean ("WORK", "Home Fax", "iPhone"), or ""."""
    text = " ".join(w for w in words if w).casefold()
    if not text:
        return ""
    for label, hints in _LABEL_WORDS:
        if any(hint in text for hint in hints):
            return label
    return ""


def address_key(kind: str, value: str) -> str:
    """What two spellings of one address share: an email in lower case, a phone's digits
    (a leading + kept), a link without its scheme, "www.", letter case or final slash."""
    value = (value or "").strip()
    if kind == EMAIL:
        return value.lower()
    if kind == PHONE:
        if value[:4].lower() == "tel:":
            value = value[4:]
        digits = _NOT_DIGITS.sub("", value)
        if not digits:  # "ask at the front desk": kept as written
            return " ".join(value.casefold().split())
        return ("+" if value.lstrip().startswith("+") else "") + digits
    lowered = value.lower()
    for scheme in _LINK_SCHEMES:
        if lowered.startswith(scheme):
            lowered = lowered[len(scheme) :]
            break
    if lowered.startswith("www."):
        lowered = lowered[4:]
    return lowered.rstrip("/")


def is_web_link(value: str) -> bool:
    """Only http(s) addresses are kept: a file could carry javascript: or data: links."""
    return value.strip().lower().startswith(_LINK_SCHEMES)


def main_first(addresses: Iterable[Address]) -> list[Address]:
    """The addresses of one kind de-duplicated by key, in the order given, except that a fax
    or pager number never comes before a number to call."""
    unique: dict[str, Address] = {}
    for address in addresses:
        key = address.key
        if key and key not in unique:
            unique[key] = address
    found = list(unique.values())
    return sorted(found, key=lambda a: a.kind == PHONE and a.label in NOT_FOR_CALLING)


def added(known_keys: Iterable[str], incoming: Iterable[Address]) -> list[Address]:
    """The incoming addresses not already known (by key), each once, in their order."""
    seen = set(known_keys)
    new = []
    for address in incoming:
        key = address.key
        if key and key not in seen:
            seen.add(key)
            new.append(address)
    return new


def label_name(label: str) -> str:
    return LABEL_NAMES.get(label, "")
