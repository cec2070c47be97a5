"""The search index's public API: what each app registers, and how entries are kept in step.

Search knows no app. Each app that wants its rows found registers them with `register` when it
starts (its AppConfig.ready): the kind of row, the heading its results go under, the text each
row contributes, and which other rows' changes change that text. From then on, saving or
deleting a row through the ORM updates its entry by signal. Bulk writers (imports, merges,
restore, sample data) send no signals; they call `bulk_index`, the one way to write many
entries at once, or `reindex` / `rebuild`, which go through it; an import, whose entries are
made without reading the database, streams them through `index_new_rows`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from coffeechat.search.backends import (
    fold,
    indexable,
    insert_entries,
    rebuild_full_text,
    without_delete_triggers,
)
from coffeechat.search.models import SearchEntry

TextOf = Callable[[models.Model], tuple[str, str]]
BATCH = 2000
TITLE_LENGTH = 300


@dataclass(frozen=True)
class Follows:
    """Our rows' text includes text of `model`'s rows (a person's name, say): when one of those
    is saved, our rows that reach it through `path` are indexed again; with `on_delete`, also
    when it is deleted (and our rows merely lose the link)."""

    model: type[models.Model]
    path: str
    on_delete: bool = False


@dataclass(frozen=True)
class Indexed:
    model: type[models.Model]
    kind: str  # stored with each entry, e.g. "contact"
    heading: str  # what the search page calls a group of these, e.g. "People"
    rank: int  # where the group comes on the search page (lower first)
    text: TextOf  # (title, body) of one row; titles rank first
    select_related: tuple[str, ...] = ()  # what text and results read through a relation
    prefetch_related: tuple[str, ...] = ()  # what text reads as lists
    # Rows of other models that are part of ours (a conversation's takeaways): (model, the
    # foreign key from them to our row). Saving or deleting one indexes our row again.
    parts: tuple[tuple[type[models.Model], str], ...] = ()
    follows: tuple[Follows, ...] = ()
    many_to_many: tuple[str, ...] = ()  # our many-to-many fields whose changes change the text
    # The fields a search result reads (its name, and the organization beside it), through
    # select_related ones too: a result loads only these. Empty: every field.
    shown: tuple[str, ...] = ()

    def rows(self) -> models.QuerySet:
        queryset = self.model._base_manager.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


@dataclass(frozen=True)
class Entry:
    owner_id: int
    kind: str
    object_id: int
    title: str
    body: str

    @classmethod
    def of(cls, owner_id: int, kind: str, object_id: int, title: str, body: str) -> Entry:
        """An entry with its text folded as searches are (lower case, accents dropped)."""
        return cls(owner_id, kind, object_id, fold(title)[:TITLE_LENGTH], indexable(fold(body)))

    def row(self) -> tuple:
        return (self.owner_id, self.kind, self.object_id, self.title, self.body)


_registry: dict[type[models.Model], Indexed] = {}


def register(indexed: Indexed) -> None:
    """Have a model's rows found by the search box; registering it again changes nothing."""
    if indexed.model in _registry:
        return
    _registry[indexed.model] = indexed
    _connect(indexed)


def registered() -> list[Indexed]:
    """Every registered kind, in the order of the search page's groups."""
    return sorted(_registry.values(), key=lambda indexed: (indexed.rank, indexed.kind))


def join(*parts) -> str:
    """Text parts of one entry, one per line, the empty ones left out."""
    return "\n".join(str(p) for p in parts if p)


# Writing entries ---------------------------------------------------------------------------


def entry_for(obj: models.Model) -> Entry:
    indexed = _registry[type(obj)]
    title, body = indexed.text(obj)
    return Entry.of(obj.owner_id, indexed.kind, obj.pk, title, body)


def bulk_index(entries: Iterable[Entry], *, new: bool = False) -> int:
    """Write entries a batch at a time, replacing the ones these objects had; with `new`, the
    objects are known to have none yet (rows just inserted), which saves the deletes.
    Returns how many were written."""
    total = 0
    batch: list[Entry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == BATCH:
            total += _write(batch, new)
            batch = []
    return total + _write(batch, new)


def index_new_rows(entries: Iterable[Entry]) -> int:
    """Write the entries of rows just inserted (so without any yet) in one statement, each
    entry sent as it is made: on PostgreSQL the server indexes the first ones while the next
    are made. Making them must not read the database, which is busy receiving them.
    Returns how many were written."""
    entries = iter(entries)
    first = next(entries, None)
    if first is None:
        return 0
    written = 0

    def rows() -> Iterator[tuple]:
        nonlocal written
        for entry in itertools.chain([first], entries):
            written += 1
            yield entry.row()

    insert_entries(rows())
    return written


def _write(batch: list[Entry], new: bool) -> int:
    if not batch:
        return 0
    if not new:
        by_kind: dict[str, list[int]] = {}
        for entry in batch:
            by_kind.setdefault(entry.kind, []).append(entry.object_id)
        for kind, ids in by_kind.items():
            SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    insert_entries([entry.row() for entry in batch])
    return len(batch)


def index_objects(objects: Iterable[models.Model]) -> int:
    """Index these saved objects again (each of a registered model)."""
    return bulk_index(entry_for(obj) for obj in objects)


def reindex(model: type[models.Model], ids: Iterable[int]) -> int:
    """Index again the rows of `model` with these ids; a model nobody registered is skipped."""
    indexed = _registry.get(model)
    ids = list(ids)
    if indexed is None or not ids:
        return 0
    total = 0
    for start in range(0, len(ids), BATCH):
        chunk = indexed.rows().filter(pk__in=ids[start : start + BATCH])
        total += index_objects(chunk)
    return total


def remove_objects(model: type[models.Model], ids: Iterable[int]) -> None:
    indexed = _registry.get(model)
    if indexed is not None:
        SearchEntry.objects.filter(kind=indexed.kind, object_id__in=list(ids)).delete()


def rebuild(owner=None) -> int:
    """Rebuild every entry (of one owner, or of everyone); returns how many were written.

    Works whatever state the index was in: on SQLite the full-text table is emptied and the
    delete trigger kept out of the way, since it assumes the index matches the entries."""
    queryset = (
        SearchEntry.objects.all() if owner is None else SearchEntry.objects.filter(owner=owner)
    )
    with transaction.atomic(), without_delete_triggers():
        queryset.delete()
    total = bulk_index(_everything(owner), new=True)
    rebuild_full_text()
    return total


def _everything(owner) -> Iterator[Entry]:
    for indexed in registered():
        rows = indexed.rows()
        if owner is not None:
            rows = rows.filter(owner=owner)
        for obj in rows.iterator(chunk_size=BATCH):
            yield entry_for(obj)


# Keeping entries in step as rows change ---------------------------------------------------


def _connect(indexed: Indexed) -> None:
    model, uid = indexed.model, f"search-{indexed.kind}"

    def saved(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            index_objects([instance])

    def deleted(sender, instance, **kwargs) -> None:
        remove_objects(model, [instance.pk])

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    for part, foreign_key in indexed.parts:
        _connect_part(indexed, part, foreign_key)
    for follows in indexed.follows:
        _connect_follows(indexed, follows)
    for name in indexed.many_to_many:
        _connect_many_to_many(indexed, name)


def _connect_part(indexed: Indexed, part: type[models.Model], foreign_key: str) -> None:
    def changed(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            index_objects(indexed.rows().filter(pk=getattr(instance, f"{foreign_key}_id")))

    uid = f"search-{indexed.kind}-part-{part._meta.label_lower}"
    post_save.connect(changed, sender=part, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=part, weak=False, dispatch_uid=f"{uid}-delete")


def _connect_follows(indexed: Indexed, follows: Follows) -> None:
    def ours(instance) -> models.QuerySet:
        return indexed.rows().filter(**{follows.path: instance})

    def saved(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            index_objects(ours(instance))

    uid = f"search-{indexed.kind}-follows-{follows.model._meta.label_lower}"
    post_save.connect(saved, sender=follows.model, weak=False, dispatch_uid=f"{uid}-save")
    if not follows.on_delete:
        return
    pending: dict[int, list[int]] = {}

    def deleting(sender, instance, **kwargs) -> None:
        pending[id(instance)] = list(ours(instance).values_list("pk", flat=True))

    def deleted(sender, instance, **kwargs) -> None:
        reindex(indexed.model, pending.pop(id(instance), []))

    pre_delete.connect(deleting, sender=follows.model, weak=False, dispatch_uid=f"{uid}-pre")
    post_delete.connect(deleted, sender=follows.model, weak=False, dispatch_uid=f"{uid}-post")


def _connect_many_to_many(indexed: Indexed, name: str) -> None:
    through = getattr(indexed.model, name).through

    def changed(sender, instance, action, **kwargs) -> None:
        if action in ("post_add", "post_remove", "post_clear") and isinstance(
            instance, indexed.model
        ):
            index_objects([instance])

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"search-{indexed.kind}-m2m-{name}"
    )
