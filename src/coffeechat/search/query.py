"""The search box: the user's own matching rows, grouped by kind, best matches first."""

from __future__ import annotations

from coffeechat.search.backends import matching_entries

MIN_QUERY_LENGTH = 2

GROUPS = (
    ("contact", "People"),
    ("organization", "Organizations"),
    ("careerfield", "Fields"),
    ("conversation", "Conversations"),
    ("message", "Messages"),
    ("interaction", "Interactions"),
    ("newsitem", "News"),
)


def _querysets(user) -> dict:
    from coffeechat.conversations.models import Conversation
    from coffeechat.outreach.models import Message
    from coffeechat.people.models import Contact, Interaction
    from coffeechat.research.models import CareerField, NewsItem, Organization

    return {
        "contact": Contact.objects.owned_by(user).select_related("organization"),
        "organization": Organization.objects.owned_by(user),
        "careerfield": CareerField.objects.owned_by(user),
        "conversation": Conversation.objects.owned_by(user).select_related(
            "contact", "organization"
        ),
        "message": Message.objects.owned_by(user).select_related("contact"),
        "interaction": Interaction.objects.owned_by(user).select_related("contact"),
        "newsitem": NewsItem.objects.owned_by(user),
    }


def search(user, query: str, per_group: int = 8) -> list[dict]:
    """Groups of {"kind", "title", "rows"}; one full-text query plus one query per kind found."""
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH or not getattr(user, "is_authenticated", False):
        return []
    ids_by_kind: dict[str, list[int]] = {}
    for kind, object_id in matching_entries(user.pk, query, limit=per_group * len(GROUPS) * 4):
        ids = ids_by_kind.setdefault(kind, [])
        if len(ids) < per_group:
            ids.append(object_id)
    querysets = _querysets(user)
    groups = []
    for kind, title in GROUPS:
        ids = ids_by_kind.get(kind)
        if not ids:
            continue
        found = querysets[kind].in_bulk(ids)  # owner-scoped again: entries never leak rows
        rows = [found[i] for i in ids if i in found]
        if rows:
            groups.append({"kind": kind, "title": title, "rows": rows})
    return groups
