"""What of step 2 the search box finds: people (by name, work, notes and tags) and interactions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from coffeechat.people.models import Contact, ContactAddress, Interaction
from coffeechat.research.models import Organization
from coffeechat.search.indexing import Follows, Indexed, join, register

_NOT_WORD = re.compile(r"[^\w]+")
CONTACT_TEXT_FIELDS = (
    "display_name",
    "title",
    "department",
    "email",
    "phone",
    "location",
    "source_detail",
    "background",
    "notes",
)


def contact_search_text(
    values: dict, organization: str, tags: Iterable[str], addresses: Iterable[str] = ()
) -> tuple[str, str]:
    """Title and body of a person's entry from plain values (addresses: the values of the
    other email addresses, phones and links); the importer uses it directly."""
    name = " ".join(p for p in (values.get("first_name"), values.get("last_name")) if p)
    addresses = list(addresses)
    spelled = [values.get("email") or "", *addresses]
    body = join(
        organization,
        *(values.get(f) for f in CONTACT_TEXT_FIELDS),
        " ".join(addresses),
        # Word by word as well: PostgreSQL reads "ana.lee@example.org" as one token, which
        # a search for "ana lee example" would not reach.
        " ".join(_NOT_WORD.sub(" ", a) for a in spelled if _NOT_WORD.search(a)),
        " ".join(tags),
    )
    return name, body


def contact_text(contact: Contact) -> tuple[str, str]:
    organization = contact.organization.name if contact.organization_id else ""
    tags = [t.name for t in contact.tags.all()] if contact.pk else []
    others = [a.value for a in contact.addresses.all()] if contact.pk else []
    values = {f: getattr(contact, f) for f in ("first_name", "last_name", *CONTACT_TEXT_FIELDS)}
    return contact_search_text(values, organization, tags, others)


def interaction_text(interaction: Interaction) -> tuple[str, str]:
    return str(interaction), interaction.summary


def register_search() -> None:
    register(
        Indexed(
            Contact,
            "contact",
            "People",
            10,
            contact_text,
            select_related=("organization",),
            prefetch_related=("tags", "addresses"),
            # Another email address or phone is part of what the person is found by.
            parts=((ContactAddress, "contact"),),
            # A renamed organization renames what its people are found by; a deleted one
            # leaves their entries.
            follows=(Follows(Organization, "organization", on_delete=True),),
            many_to_many=("tags",),
            shown=(*Contact.NAME_FIELDS, "organization__name"),
        )
    )
    register(
        Indexed(
            Interaction,
            "interaction",
            "Interactions",
            60,
            interaction_text,
            select_related=("contact",),
            follows=(Follows(Contact, "contact"),),
            shown=("kind", "occurred_at", *(f"contact__{f}" for f in Contact.NAME_FIELDS)),
        )
    )
