"""What of step 2 the search box finds: people (by name, work, notes and tags) and interactions."""

from __future__ import annotations

from collections.abc import Iterable

from coffeechat.people.models import Contact, Interaction
from coffeechat.research.models import Organization
from coffeechat.search.indexing import Follows, Indexed, join, register

CONTACT_TEXT_FIELDS = (
    "title",
    "department",
    "email",
    "location",
    "source_detail",
    "background",
    "notes",
)


def contact_search_text(values: dict, organization: str, tags: Iterable[str]) -> tuple[str, str]:
    """Title and body of a person's entry from plain values; the importer uses it directly."""
    name = " ".join(p for p in (values.get("first_name"), values.get("last_name")) if p)
    return name, join(organization, *(values.get(f) for f in CONTACT_TEXT_FIELDS), " ".join(tags))


def contact_text(contact: Contact) -> tuple[str, str]:
    organization = contact.organization.name if contact.organization_id else ""
    tags = [t.name for t in contact.tags.all()] if contact.pk else []
    values = {f: getattr(contact, f) for f in ("first_name", "last_name", *CONTACT_TEXT_FIELDS)}
    return contact_search_text(values, organization, tags)


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
            prefetch_related=("tags",),
            # A renamed organization renames what its people are found by; a deleted one
            # leaves their entries.
            follows=(Follows(Organization, "organization", on_delete=True),),
            many_to_many=("tags",),
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
        )
    )
