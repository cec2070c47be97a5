"""Merging two contacts that are the same person into one, losing nothing.

Every row of any model that points at the merged-away contact through a foreign key (found
through Contact._meta.related_objects, so models added later are covered too) is moved to
the kept contact; tags are united; notes and background of both are kept; the other fields
take the value the seeker picked. Then the other contact is deleted and search updated.
"""

from __future__ import annotations

from django.db import models, transaction

from coffeechat.lib.addresses import EMAIL, PHONE, Address
from coffeechat.people import addresses
from coffeechat.people.models import Contact
from coffeechat.search.indexing import index_objects, reindex, remove_objects

KEEP, OTHER = "keep", "other"
CHOICES = (KEEP, OTHER)
# Free text that is joined rather than chosen, so neither side's words are lost.
JOINED_FIELDS = ("notes", "background")
# A main address's label goes with the address chosen; the other address is kept as well.
MAIN_ADDRESSES = (("email", "email_label", EMAIL), ("phone", "phone_label", PHONE))
JOIN_SEPARATOR = "\n\n"


def merge_fields() -> list[models.Field]:
    """The fields a person edits on a contact (tags, a many-to-many, are united instead; a
    main address's label goes with the address)."""
    labels = {label for _, label, _ in MAIN_ADDRESSES}
    return [
        field
        for field in Contact._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and not field.auto_created
        and field.name not in labels
    ]


def is_empty(value) -> bool:
    """No value worth keeping: nothing, blank text, or an unticked box."""
    return value is None or value is False or (isinstance(value, str) and not value.strip())


def joined_text(kept: str, other: str) -> str:
    """Both texts, unless one is empty or already contains the other."""
    kept, other = kept or "", other or ""
    if not other.strip() or other.strip() in kept:
        return kept
    if not kept.strip() or kept.strip() in other:
        return other
    return kept.rstrip() + JOIN_SEPARATOR + other.strip()


def merged_values(keep: Contact, other: Contact, choices: dict[str, str]) -> dict[str, object]:
    """The value of each editable field after the merge, by attribute name (organization_id)."""
    names = {field.name for field in merge_fields()}
    unknown = sorted(set(choices) - names)
    if unknown:
        raise ValueError(f"Unknown contact field: {', '.join(unknown)}.")
    invalid = sorted(name for name, choice in choices.items() if choice not in CHOICES)
    if invalid:
        raise ValueError(f"Choose “keep” or “other” for: {', '.join(invalid)}.")
    values: dict[str, object] = {}
    for field in merge_fields():
        kept_value, other_value = getattr(keep, field.attname), getattr(other, field.attname)
        if field.name in JOINED_FIELDS:
            values[field.attname] = joined_text(kept_value, other_value)
            continue
        choice = choices.get(field.name)
        if choice is None:
            choice = OTHER if is_empty(kept_value) and not is_empty(other_value) else KEEP
        values[field.attname] = other_value if choice == OTHER else kept_value
    for name, label, _ in MAIN_ADDRESSES:
        chosen = keep if values[name] == getattr(keep, name) else other
        values[label] = getattr(chosen, label)
        if not values[label] and getattr(keep, name) == getattr(other, name):
            values[label] = getattr(keep, label) or getattr(other, label)
    # The same person cannot have introduced themselves: fall back to the other referrer.
    if values["referred_by_id"] in (keep.pk, other.pk):
        values["referred_by_id"] = next(
            (
                referrer
                for referrer in (keep.referred_by_id, other.referred_by_id)
                if referrer not in (None, keep.pk, other.pk)
            ),
            None,
        )
    if not str(values["first_name"]).strip() and not str(values["last_name"]).strip():
        raise ValueError("The merged contact needs a first or a last name.")
    return values


def _main_addresses_not_chosen(keep: Contact, other: Contact, values: dict) -> list[Address]:
    """The main email and phone of either contact that the merge does not keep as main."""
    left_over = []
    for name, label, kind in MAIN_ADDRESSES:
        for contact in (keep, other):
            value = getattr(contact, name)
            if value and value != values[name]:
                left_over.append(Address(kind, value, getattr(contact, label)))
    return left_over


Moved = list[tuple[type[models.Model], str, list[int]]]


def _move_related_rows(keep: Contact, other: Contact) -> Moved:
    """Point every row that points at `other` at `keep`; returns (model, field, ids) moved."""
    moved: Moved = []
    for relation in Contact._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many:
            _move_many_to_many(relation, keep, other)
            continue
        field_name = relation.field.name
        rows = model._base_manager.filter(**{field_name: other})
        if model is Contact:
            rows = rows.exclude(pk__in=[keep.pk, other.pk])
        if relation.one_to_one and model._base_manager.filter(**{field_name: keep}).exists():
            if rows.exists():
                raise ValueError(
                    f"Both contacts have a {model._meta.verbose_name}; "
                    "remove one of them before merging."
                )
            continue
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            model._base_manager.filter(pk__in=ids).update(**{field_name: keep})
            moved.append((model, field_name, ids))
    return moved


def _move_many_to_many(relation, keep: Contact, other: Contact) -> None:
    """Rows of another model's many-to-many to contacts: link them to `keep` instead."""
    through = relation.through
    source = relation.field.m2m_field_name()  # points at the model that declares the field
    target = relation.field.m2m_reverse_field_name()  # points at Contact
    already = set(
        through._base_manager.filter(**{target: keep}).values_list(f"{source}_id", flat=True)
    )
    links = through._base_manager.filter(**{target: other})
    links.filter(**{f"{source}_id__in": already}).delete()
    links.update(**{target: keep})


def _reindex_moved(moved: Moved) -> None:
    """Moved rows mention the person they belong to in their search text."""
    for model, _, ids in moved:
        if model is not Contact:
            reindex(model, ids)


def merge_contacts(keep: Contact, other: Contact, choices: dict[str, str] | None = None) -> Contact:
    """Merge `other` into `keep` in one transaction and return the kept contact, reloaded.

    choices maps a field name to "keep" or "other"; a missing field keeps keep's value, or
    takes other's when keep's is empty. Notes and background of both are kept.
    """
    choices = dict(choices or {})
    if keep.pk is None or other.pk is None:
        raise ValueError("Both contacts must be saved before merging.")
    if keep.pk == other.pk:
        raise ValueError("A contact cannot be merged with itself.")
    if keep.owner_id != other.owner_id:
        raise ValueError("Only contacts of the same owner can be merged.")
    with transaction.atomic():
        locked = Contact._base_manager.select_for_update().in_bulk([keep.pk, other.pk])
        if len(locked) != 2:
            raise ValueError("One of the contacts no longer exists.")
        keep, other = locked[keep.pk], locked[other.pk]
        if keep.owner_id != other.owner_id:
            raise ValueError("Only contacts of the same owner can be merged.")
        values = merged_values(keep, other, choices)
        left_over = _main_addresses_not_chosen(keep, other, values)
        addresses.before_merge(keep, other)
        moved = _move_related_rows(keep, other)
        for attname, value in values.items():
            setattr(keep, attname, value)
        keep.save()
        keep.tags.add(*other.tags.all())
        addresses.after_merge(keep, left_over)
        other_pk = other.pk
        other.delete()
        remove_objects(Contact, [other_pk])
        _reindex_moved(moved)
        keep = Contact._base_manager.select_related("organization").get(pk=keep.pk)
        index_objects([keep])
    return keep
