"""Finding the same person entered twice, for one owner.

Exact duplicates share an email address (the main one or any other of theirs) or a LinkedIn
profile (compared by its normalized key, so trailing slashes and letter case do not matter);
they are merged into groups transitively. Likely duplicates are only suggestions: similar
names at the same organization, or similar names where one of the two has no organization and
the surnames start alike. A name alone never proves two rows are one person, so two contacts
whose emails (or LinkedIn profiles) are both known and share none are never suggested.

Everything is read in a constant number of queries, and names are compared block by block
(per organization, per surname initial) with rapidfuzz, so tens of thousands of contacts
stay fast.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from rapidfuzz import fuzz, process

from coffeechat.lib.addresses import EMAIL
from coffeechat.people.models import Contact, ContactAddress

# token_sort_ratio on casefolded, accent-folded names: "Jon Smith" / "John Smith" scores 95.
NAME_THRESHOLD = 88
# An organization with more contacts than this is compared per surname initial as well,
# so that one huge employer cannot make the comparison quadratic in all contacts.
MAX_FULL_BLOCK = 2000

_FIELDS = ("pk", "first_name", "last_name", "organization_id", "email", "linkedin_key")


@dataclass(frozen=True)
class LikelyPair:
    first: Contact
    second: Contact
    score: float
    reason: str


@dataclass(frozen=True)
class _Keys:
    pk: int
    email: str  # the main one
    emails: frozenset[str]  # the main one and every other
    linkedin_key: str


@dataclass(frozen=True)
class _Row:
    pk: int
    name: str  # folded, with its words sorted: fuzz.ratio on it is token_sort_ratio
    initial: str  # first letter of the folded surname
    organization_id: int | None
    email: str
    emails: frozenset[str]
    linkedin_key: str


def fold(text: str) -> str:
    """Casefolded, without accents, punctuation or extra spaces: 'Zoë  O'Brien' → 'zoe o brien'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in stripped.casefold())
    return " ".join(cleaned.split())


def _other_emails(owner) -> dict[int, set[str]]:
    """contact id -> the keys of its other email addresses, in one query."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = ContactAddress.objects.owned_by(owner).filter(kind=EMAIL)
    for contact_id, key in rows.values_list("contact_id", "key"):
        found[contact_id].add(key)
    return found


def _emails(email: str, others: set[str]) -> frozenset[str]:
    main = (email or "").strip().lower()
    return frozenset({main, *others} - {""})


def _row(values: tuple, others: set[str]) -> _Row:
    pk, first_name, last_name, organization_id, email, linkedin_key = values
    surname = fold(last_name) or fold(first_name).rsplit(" ", 1)[-1]
    full = f"{fold(first_name)} {fold(last_name)}"
    return _Row(
        pk=pk,
        name=" ".join(sorted(full.split())),
        initial=surname[:1],
        organization_id=organization_id,
        email=(email or "").strip().lower(),
        emails=_emails(email, others),
        linkedin_key=linkedin_key or "",
    )


def _owned_contacts(owner):
    return Contact.objects.owned_by(owner)


def _load_rows(owner) -> list[_Row]:
    others = _other_emails(owner)
    return [
        _row(values, others.get(values[0], set()))
        for values in _owned_contacts(owner).values_list(*_FIELDS)
    ]


def _exact_components(rows) -> list[list[int]]:
    """Groups of contact ids connected by a shared email or LinkedIn key (union-find): the
    same main email, the main email of one listed by the other, or the same profile. Two
    people who both list a third address (a team's shared inbox) are not linked by it.

    rows: objects with pk, email (the main one), emails (all, lower-cased) and linkedin_key.
    """
    rows = list(rows)
    parent: dict[int, int] = {}

    def find(pk: int) -> int:
        root = pk
        while parent[root] != root:
            root = parent[root]
        while parent[pk] != root:  # path compression
            parent[pk], pk = root, parent[pk]
        return root

    def union(pk: int, other: int) -> None:
        parent.setdefault(pk, pk)
        parent.setdefault(other, other)
        parent[find(pk)] = find(other)

    first_with: dict[tuple[str, str], int] = {}
    for row in rows:
        for key in (("email", row.email), ("linkedin", row.linkedin_key)):
            if key[1]:
                union(row.pk, first_with.setdefault(key, row.pk))
    for row in rows:
        for email in sorted(row.emails - {row.email}):
            main_of = first_with.get(("email", email))
            if main_of is not None and main_of != row.pk:
                union(row.pk, main_of)
    members: dict[int, list[int]] = defaultdict(list)
    for pk in parent:
        members[find(pk)].append(pk)
    return [sorted(group) for group in members.values() if len(group) > 1]


def exact_duplicate_groups(owner) -> list[list[Contact]]:
    """The owner's contacts that share an email or LinkedIn profile, in groups; three
    queries."""
    others = _other_emails(owner)
    with_others = ContactAddress.objects.owned_by(owner).filter(kind=EMAIL).values("contact_id")
    keyed = (
        _owned_contacts(owner)
        .exclude(Q(email="", linkedin_key="") & ~Q(pk__in=with_others))
        .values_list("pk", "email", "linkedin_key")
    )
    components = _exact_components(
        _Keys(pk, (email or "").strip().lower(), _emails(email, others.get(pk, set())), key or "")
        for pk, email, key in keyed
    )
    if not components:
        return []
    wanted = [pk for group in components for pk in group]
    found = _owned_contacts(owner).select_related("organization").in_bulk(wanted)
    groups = [[found[pk] for pk in group if pk in found] for group in components]
    groups = [group for group in groups if len(group) > 1]
    groups.sort(key=lambda group: (group[0].name.casefold(), group[0].pk))
    return groups


def _conflicting(a: _Row, b: _Row) -> bool:
    """Both have emails (or LinkedIn profiles) and share none: two different people."""
    if a.emails and b.emails and not a.emails & b.emails:
        return True
    return bool(a.linkedin_key and b.linkedin_key and a.linkedin_key != b.linkedin_key)


def _length_window(length: int) -> tuple[int, int]:
    """Lengths a name can have and still reach the threshold against one of `length`.

    The Indel ratio is at most 1 - |a - b| / (a + b), so names of very different lengths can
    be skipped without comparing them; one character of slack guards against rounding.
    """
    ratio = NAME_THRESHOLD / 100
    low = math.floor(length * ratio / (2 - ratio)) - 1
    high = math.ceil(length * (2 - ratio) / ratio) + 1
    return low, high


def _similar(queries: list[_Row], choices: list[_Row], same_block: bool):
    """(query, choice, score) for every similar pair; within one block each pair once."""
    choices = sorted(choices, key=lambda row: (len(row.name), row.pk))
    if same_block:
        queries = choices
    names = [row.name for row in choices]
    lengths = [len(name) for name in names]
    for index, query in enumerate(queries):
        if not query.name:
            continue
        low, high = _length_window(len(query.name))
        start = index + 1 if same_block else bisect.bisect_left(lengths, low)
        end = bisect.bisect_right(lengths, high)
        if start >= end:
            continue
        for _, score, position in process.extract(
            query.name,
            names[start:end],
            scorer=fuzz.ratio,
            score_cutoff=NAME_THRESHOLD,
            limit=None,
        ):
            choice = choices[start + position]
            if choice.pk != query.pk:
                yield query, choice, score


def _by_initial(rows: list[_Row]) -> dict[str, list[_Row]]:
    blocks: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        blocks[row.initial].append(row)
    return blocks


def _candidate_pairs(rows: list[_Row]):
    """(a, b, score, same organization?) for names similar enough, block by block."""
    by_organization: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        if row.organization_id is not None:
            by_organization[row.organization_id].append(row)
    for block in by_organization.values():
        if len(block) < 2:
            continue
        sub_blocks = [block] if len(block) <= MAX_FULL_BLOCK else _by_initial(block).values()
        for sub_block in sub_blocks:
            for a, b, score in _similar(sub_block, sub_block, same_block=True):
                yield a, b, score, True
    # Someone without an organization may be anyone with a surname starting alike.
    for block in _by_initial(rows).values():
        without = [row for row in block if row.organization_id is None]
        if not without:
            continue
        with_organization = [row for row in block if row.organization_id is not None]
        for a, b, score in _similar(without, without, same_block=True):
            yield a, b, score, False
        for a, b, score in _similar(without, with_organization, same_block=False):
            yield a, b, score, False


def likely_duplicate_pairs(owner, limit: int = 100) -> list[LikelyPair]:
    """Pairs with similar names that are not already exact duplicates, best first; two queries."""
    rows = _load_rows(owner)
    group_of: dict[int, int] = {}
    for number, group in enumerate(_exact_components(rows)):
        for pk in group:
            group_of[pk] = number
    best: dict[tuple[int, int], tuple[float, bool]] = {}
    for a, b, score, same_organization in _candidate_pairs(rows):
        key = (min(a.pk, b.pk), max(a.pk, b.pk))
        if key in best or _conflicting(a, b):
            continue
        if a.pk in group_of and group_of.get(a.pk) == group_of.get(b.pk):
            continue
        best[key] = (score, same_organization)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    if not ranked:
        return []
    wanted = {pk for key, _ in ranked for pk in key}
    found = _owned_contacts(owner).select_related("organization").in_bulk(wanted)
    pairs = []
    for (first_pk, second_pk), (score, same_organization) in ranked:
        first, second = found.get(first_pk), found.get(second_pk)
        if first is None or second is None:  # deleted meanwhile
            continue
        if same_organization:
            reason = f"Similar names at {first.organization}"
        else:
            reason = "Similar names; one of them has no organization"
        pairs.append(LikelyPair(first=first, second=second, score=round(score, 1), reason=reason))
    return pairs
