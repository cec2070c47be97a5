"""The search box: the user's own matching rows, grouped by kind, best matches first."""

from __future__ import annotations

from coffeechat.search.backends import matching_entries
from coffeechat.search.indexing import registered

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200


def search(user, query: str, per_group: int = 8) -> list[dict]:
    """Groups of {"kind", "title", "rows", "links"}, in the order of the page's groups, each
    with its best `per_group` matches; one full-text query (two when titles match few) plus
    one query per kind found."""
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH or not getattr(user, "is_authenticated", False):
        return []
    kinds = registered()
    ids_by_kind: dict[str, list[int]] = {}
    limit = per_group * len(kinds) * 4
    for kind, object_id in matching_entries(user.pk, query, limit, per_kind=per_group):
        ids = ids_by_kind.setdefault(kind, [])
        if len(ids) < per_group:
            ids.append(object_id)
    groups = []
    for indexed in kinds:
        ids = ids_by_kind.get(indexed.kind)
        if not ids:
            continue
        # Owner-scoped again: entries never leak rows. In the entries' order, not the model's.
        rows = indexed.model.objects.owned_by(user).order_by()
        if indexed.select_related:  # select_related() of nothing would join every relation
            rows = rows.select_related(*indexed.select_related)
        if indexed.shown:
            rows = rows.only(*indexed.shown)
        found = rows.in_bulk(ids)
        rows = [found[i] for i in ids if i in found]
        if rows:
            groups.append(
                {
                    "kind": indexed.kind,
                    "title": indexed.heading,
                    "rows": rows,
                    "links": _links(rows),
                }
            )
    return groups


def _links(rows) -> list[dict]:
    """What the page shows of each row: its address, its name and its organization, if any
    (plain values, which a template reads several times faster than a model's)."""
    links = []
    for row in rows:
        organization = getattr(row, "organization", None)
        label = str(organization) if organization else ""
        links.append({"url": row.get_absolute_url(), "label": str(row), "organization": label})
    return links
