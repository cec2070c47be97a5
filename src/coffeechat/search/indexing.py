"""What text each kind of object contributes to search, and keeping entries in step.

Saving or deleting an object through the ORM updates its entry by signal; bulk writers
(imports, merges) call index_objects / remove_objects themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from coffeechat.search.backends import (
    fold,
    insert_entries,
    rebuild_full_text,
    without_delete_triggers,
)
from coffeechat.search.models import SearchEntry

TextOf = Callable[[models.Model], tuple[str, str]]


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


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
    """Title and body of a contact's entry from plain values; bulk importers use it directly."""
    name = " ".join(p for p in (values.get("first_name"), values.get("last_name")) if p)
    body = _join(organization, *(values.get(f) for f in CONTACT_TEXT_FIELDS), " ".join(tags))
    return fold(name)[:300], fold(body)


def _contact_text(contact) -> tuple[str, str]:
    organization = contact.organization.name if contact.organization_id else ""
    tags = [t.name for t in contact.tags.all()] if contact.pk else []
    values = {f: getattr(contact, f) for f in ("first_name", "last_name", *CONTACT_TEXT_FIELDS)}
    return contact_search_text(values, organization, tags)


def _organization_text(org) -> tuple[str, str]:
    return org.name, _join(org.industry, org.location, org.departments, org.website, org.notes)


def _field_text(field) -> tuple[str, str]:
    return field.name, _join(field.industry, field.why_interested, field.notes)


def _conversation_text(conversation) -> tuple[str, str]:
    takeaways = [t.text for t in conversation.takeaways.all()]
    agenda_notes = [a.notes for a in conversation.agenda_items.all()]
    return str(conversation), _join(
        conversation.goals, conversation.notes, conversation.place, *takeaways, *agenda_notes
    )


def _message_text(message) -> tuple[str, str]:
    return message.label, _join(message.body, str(message.contact))


def _interaction_text(interaction) -> tuple[str, str]:
    return str(interaction), interaction.summary


def _news_text(news) -> tuple[str, str]:
    return news.title, news.summary


def indexers() -> dict[type[models.Model], tuple[str, TextOf]]:
    from coffeechat.conversations.models import Conversation
    from coffeechat.outreach.models import Message
    from coffeechat.people.models import Contact, Interaction
    from coffeechat.research.models import CareerField, NewsItem, Organization

    return {
        Contact: ("contact", _contact_text),
        Organization: ("organization", _organization_text),
        CareerField: ("careerfield", _field_text),
        Conversation: ("conversation", _conversation_text),
        Message: ("message", _message_text),
        Interaction: ("interaction", _interaction_text),
        NewsItem: ("newsitem", _news_text),
    }


def entry_for(obj) -> SearchEntry:
    kind, text_of = indexers()[type(obj)]
    title, body = text_of(obj)
    return SearchEntry(
        owner_id=obj.owner_id,
        kind=kind,
        object_id=obj.pk,
        title=fold(title)[:300],
        body=fold(body),
    )


def index_objects(objects: Iterable[models.Model]) -> None:
    """Replace the entries of these objects (all of one model), a batch at a time."""
    entries = [entry_for(obj) for obj in objects]
    if not entries:
        return
    kind = entries[0].kind
    for start in range(0, len(entries), 2000):
        batch = entries[start : start + 2000]
        SearchEntry.objects.filter(kind=kind, object_id__in=[e.object_id for e in batch]).delete()
        insert_entries([_row(e) for e in batch])


def _row(entry: SearchEntry) -> tuple:
    return (entry.owner_id, entry.kind, entry.object_id, entry.title, entry.body)


def remove_objects(model: type[models.Model], ids: Iterable[int]) -> None:
    kind = indexers()[model][0]
    SearchEntry.objects.filter(kind=kind, object_id__in=list(ids)).delete()


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_objects([instance])


def _deleted(sender, instance, **kwargs) -> None:
    remove_objects(sender, [instance.pk])


def _conversation_part_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from coffeechat.conversations.models import Conversation

    conversation = Conversation.objects.filter(pk=instance.conversation_id).first()
    if conversation is not None:
        index_objects([conversation])


def _contact_saved(sender, instance, raw=False, **kwargs) -> None:
    """Conversations, messages and interactions are found by their person's name too."""
    if raw:
        return
    from coffeechat.conversations.models import Conversation
    from coffeechat.outreach.models import Message
    from coffeechat.people.models import Interaction

    index_objects(
        Conversation.objects.filter(contact=instance)
        .select_related("contact")
        .prefetch_related("takeaways", "agenda_items")
    )
    index_objects(Message.objects.filter(contact=instance).select_related("contact"))
    index_objects(Interaction.objects.filter(contact=instance).select_related("contact"))


def _organization_deleting(sender, instance, **kwargs) -> None:
    instance._search_contact_ids = list(instance.contacts.values_list("pk", flat=True))


def _organization_deleted(sender, instance, **kwargs) -> None:
    """Its people no longer work there: their entries lose the organization's name."""
    from coffeechat.people.models import Contact

    ids = getattr(instance, "_search_contact_ids", [])
    contacts = Contact.objects.filter(pk__in=ids).select_related("organization")
    index_objects(contacts.prefetch_related("tags"))


def _contact_tags_changed(sender, instance, action, **kwargs) -> None:
    from coffeechat.people.models import Contact

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Contact):
        index_objects([instance])


def _organization_saved(sender, instance, raw=False, **kwargs) -> None:
    """A renamed organization renames what its people are found by."""
    if raw:
        return
    from coffeechat.people.models import Contact

    contacts = Contact.objects.filter(organization=instance).select_related("organization")
    index_objects(contacts.prefetch_related("tags"))


def connect_signals() -> None:
    from coffeechat.conversations.models import AgendaItem, Takeaway
    from coffeechat.people.models import Contact
    from coffeechat.research.models import Organization

    for model in indexers():
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for part in (AgendaItem, Takeaway):
        for signal in (post_save, post_delete):
            signal.connect(
                _conversation_part_changed,
                sender=part,
                dispatch_uid=f"search-part-{signal is post_save}-{part.__name__}",
            )
    m2m_changed.connect(
        _contact_tags_changed, sender=Contact.tags.through, dispatch_uid="search-contact-tags"
    )
    post_save.connect(_organization_saved, sender=Organization, dispatch_uid="search-org-people")
    post_save.connect(_contact_saved, sender=Contact, dispatch_uid="search-contact-related")
    pre_delete.connect(
        _organization_deleting, sender=Organization, dispatch_uid="search-org-deleting"
    )
    post_delete.connect(
        _organization_deleted, sender=Organization, dispatch_uid="search-org-deleted"
    )


def rebuild(owner=None) -> int:
    """Rebuild every entry (of one owner, or of everyone); returns how many were written.

    Works whatever state the index was in: on SQLite the full-text table is emptied and the
    delete trigger kept out of the way, since it assumes the index matches the entries."""
    total = 0
    queryset = (
        SearchEntry.objects.all() if owner is None else SearchEntry.objects.filter(owner=owner)
    )
    with transaction.atomic(), without_delete_triggers():
        queryset.delete()
    for model in indexers():
        rows = model.objects.all() if owner is None else model.objects.filter(owner=owner)
        rows = _with_related(model, rows)
        batch = []
        for obj in rows.iterator(chunk_size=2000):
            batch.append(_row(entry_for(obj)))
            if len(batch) == 2000:
                insert_entries(batch)
                total += len(batch)
                batch = []
        insert_entries(batch)
        total += len(batch)
    rebuild_full_text()
    return total


def _with_related(model, rows):
    name = model._meta.model_name
    if name == "contact":
        return rows.select_related("organization").prefetch_related("tags")
    if name == "conversation":
        return rows.select_related("contact").prefetch_related("takeaways", "agenda_items")
    if name in ("message", "interaction"):
        return rows.select_related("contact")
    return rows
