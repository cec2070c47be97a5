"""The search box: the user's own matching rows, grouped by kind, best matches first."""

from __future__ import annotations

from coffeechat.search.backends import matching_entries
from coffeechat.search.indexing import registered

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200


def search(user, query: str, per_group: int = 8) -> list[dict]:
    """Groups of {"kind", "title", "rows"}; one full-text query plus one query per kind found."""
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH or not getattr(user, "is_authenticated", False):
        return []
    kinds = registered()
    ids_by_kind: dict[str, list[int]] = {}
    for kind, object_id in matching_entries(user.pk, query, limit=per_group * len(kinds) * 4):
        ids = ids_by_kind.setdefault(kind, [])
        if len(ids) < per_group:
            ids.append(object_id)
    groups = []
    for indexed in kinds:
        ids = ids_by_kind.get(indexed.kind)
        if not ids:
            continue
        rows = indexed.model.objects.owned_by(user).select_related(*indexed.select_related)
        found = rows.in_bulk(ids)  # owner-scoped again: entries never leak rows
        rows = [found[i] for i in ids if i in found]
        if rows:
            groups.append({"kind": indexed.kind, "title": indexed.heading, "rows": rows})
    return groups
