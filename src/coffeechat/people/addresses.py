"""Every email address, phone number and web link of a contact: the one place that writes them.

A contact's main email and main phone are fields of the contact (drafts, mail links and the
lists read them); every other address is a ContactAddress row, labelled and in order. The
import, the merge, the sample data and the contact form write rows through here (a restore
copies them as they were).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max

from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, address_key, is_web_link
from coffeechat.people.models import Contact, ContactAddress
from coffeechat.search.indexing import reindex


def main_addresses(contact: Contact) -> list[Address]:
    """The contact's main email and main phone, as addresses."""
    found = []
    if contact.email:
        found.append(Address(EMAIL, contact.email, contact.email_label))
    if contact.phone:
        found.append(Address(PHONE, contact.phone, contact.phone_label))
    return found


def other_addresses(contact: Contact) -> list[Address]:
    """The rows, in their order; prefetch "addresses" to read many contacts' at once."""
    return [Address(row.kind, row.value, row.label) for row in contact.addresses.all()]


def every_address(contact: Contact) -> list[Address]:
    """Main email, main phone, then every other address: what an export writes."""
    return [*main_addresses(contact), *other_addresses(contact)]


def known_keys(owner, contact_ids: Iterable[int] | None = None) -> dict[int, set[tuple[str, str]]]:
    """contact id -> (kind, key) of its other addresses, in one query; every contact of the
    owner when contact_ids is None."""
    rows = ContactAddress.objects.owned_by(owner)
    if contact_ids is not None:
        rows = rows.filter(contact_id__in=list(contact_ids))
    found: dict[int, set[tuple[str, str]]] = {}
    for contact_id, kind, key in rows.values_list("contact_id", "kind", "key"):
        found.setdefault(contact_id, set()).add((kind, key))
    return found


def add_addresses(owner, new: dict[int, list[Address]]) -> int:
    """Add addresses to contacts (contact id -> addresses), after the ones they have, skipping
    any a contact already lists (as a row or as its main email or phone) and any web link
    that is not http(s). Returns how many were added; a few queries per BATCH contacts."""
    new = {contact_id: found for contact_id, found in new.items() if found}
    ids = list(new)
    added = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        added += _add_batch(owner, {contact_id: new[contact_id] for contact_id in batch})
    return added


BATCH = 2000  # contacts per round: far below any database's limit on query parameters


def _add_batch(owner, new: dict[int, list[Address]]) -> int:
    ids = list(new)
    rows = ContactAddress.objects.owned_by(owner).filter(contact_id__in=ids)
    last = dict(
        rows.values("contact_id").annotate(last=Max("position")).values_list("contact_id", "last")
    )
    known = known_keys(owner, ids)
    mains = Contact.objects.owned_by(owner).filter(pk__in=ids).values_list("pk", "email", "phone")
    for contact_id, email, phone in mains:
        keys = known.setdefault(contact_id, set())
        keys.update(((EMAIL, address_key(EMAIL, email)), (PHONE, address_key(PHONE, phone))))
    created = []
    for contact_id, found in new.items():
        if contact_id not in known:
            continue  # not the owner's contact
        keys = known[contact_id]
        position = last.get(contact_id, -1)
        for address in found:
            key = (address.kind, address.key)
            if not address.key or key in keys:
                continue
            if address.kind == LINK and not is_web_link(address.value):
                continue  # a file could carry javascript: or data: links
            keys.add(key)
            position += 1
            row = ContactAddress(
                owner=owner,
                contact_id=contact_id,
                kind=address.kind,
                label=address.label,
                value=address.value,
                position=position,
            )
            row.derive_fields()
            created.append(row)
    ContactAddress.objects.bulk_create(created, batch_size=500)
    return len(created)


def replace_addresses(owner, contact: Contact, found: list[Address]) -> None:
    """The contact's other addresses become `found`, in that order (the contact form); the
    person is found by them in search at once."""
    with transaction.atomic():
        ContactAddress.objects.owned_by(owner).filter(contact=contact).delete()
        add_addresses(owner, {contact.pk: found})
        reindex(Contact, [contact.pk])  # bulk writes send no signals


def before_merge(keep: Contact, other: Contact) -> None:
    """Drop other's rows that keep already lists, and put the rest after keep's, so that the
    merge can move them to keep."""
    kept = {(EMAIL, address_key(EMAIL, keep.email)), (PHONE, address_key(PHONE, keep.phone))}
    kept |= known_keys(keep.owner, [keep.pk]).get(keep.pk, set())
    theirs = list(ContactAddress.objects.owned_by(keep.owner).filter(contact=other))
    ContactAddress.objects.filter(pk__in=[r.pk for r in theirs if (r.kind, r.key) in kept]).delete()
    last = (
        ContactAddress.objects.owned_by(keep.owner)
        .filter(contact=keep)
        .aggregate(last=Max("position"))["last"]
    )
    moved = [r for r in theirs if (r.kind, r.key) not in kept]
    if last is not None and moved:
        for row in moved:
            row.position += last + 1
        ContactAddress.objects.bulk_update(moved, ["position"])


def after_merge(keep: Contact, left_over: list[Address]) -> None:
    """Once merged: no row repeats the main email or phone, and the main email or phone that
    lost the choice (left_over) is kept as another address."""
    rows = ContactAddress.objects.owned_by(keep.owner).filter(contact=keep)
    rows.filter(kind=EMAIL, key=address_key(EMAIL, keep.email)).delete()
    rows.filter(kind=PHONE, key=address_key(PHONE, keep.phone)).delete()
    add_addresses(keep.owner, {keep.pk: left_over})


def address_count(owner) -> tuple[int, int | None]:
    """How many other addresses the owner's contacts have, and the newest one's id."""
    found = ContactAddress.objects.filter(owner=owner).aggregate(n=Count("pk"), last=Max("pk"))
    return found["n"], found["last"]
