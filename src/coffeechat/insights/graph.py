"""Who led to whom, from the seeker outward: the people for the referral tree.

The page draws what a person can read. By default that is the people in an introduction chain
(someone led you to them, or they led you to someone) and the people you talked with, up to
MAX_DRAWN of them: when there are more, the largest chains are drawn whole, largest first, and
the page says how many were left out. Only two narrow lists (who introduced whom, who was
talked with) are read for everyone; names are read for the people drawn.

"Show everyone" draws every contact when there are at most MAX_EVERYONE; past that it draws
every chain and conversation without the MAX_DRAWN limit, which on a large account is a big,
slower page.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from coffeechat.conversations.models import Conversation
from coffeechat.insights.links import contact_url_maker
from coffeechat.insights.metrics import held_condition
from coffeechat.lib.referral_layout import Layout, Person, build
from coffeechat.people.models import Contact

# Drawing everyone stops being readable (and the page gets heavy) past this many people.
MAX_EVERYONE = 1000
# The default view draws at most this many people: past it the tree is a wall of boxes.
MAX_DRAWN = 200


@dataclass
class Graph:
    layout: Layout
    shown: int  # people in the tree
    total: int  # all the seeker's contacts
    show_all: bool
    too_many: bool = False  # everyone was asked for, but there are too many to draw
    in_chains: int = 0  # people in a chain or talked with (the default view's people)
    trimmed: bool = False  # the default view left some of them out: see MAX_DRAWN
    max_everyone: int = MAX_EVERYONE

    def rows(self) -> list[dict]:
        """The tree as table rows, in reading order, for people who do not use the drawing."""
        names = {node.id: node.name for node in self.layout.nodes}
        return [
            {
                "node": node,
                "referred_by": names.get(node.parent, ""),
                "led_to": len(node.children),
            }
            for node in self.layout.nodes
        ]


def _name(first: str, last: str, shown: str = "") -> str:
    """As Contact.name: the name as shown, else first and last name."""
    return shown or " ".join(part for part in (first, last) if part)


def referral_graph(user, show_all: bool = False, root_name: str = "You") -> Graph:
    """The tree of introductions.

    By default it holds the people who are part of a chain (they were referred by someone,
    or led to someone) and the people you talked with, the largest chains first and at most
    MAX_DRAWN people; `show_all` adds everyone else, or lifts the limit when there are more
    than MAX_EVERYONE contacts.
    """
    contacts = Contact.objects.owned_by(user).order_by()
    total = contacts.count()
    if show_all and total <= MAX_EVERYONE:
        return _everyone(user, contacts, total, root_name)
    too_many = show_all

    edges = list(contacts.filter(referred_by__isnull=False).values_list("pk", "referred_by_id"))
    talked = set(
        Conversation.objects.owned_by(user)
        .filter(held_condition())
        .order_by()
        .values_list("contact_id", flat=True)
        .distinct()
    )
    members = talked | {pk for edge in edges for pk in edge}
    trimmed = not too_many and len(members) > MAX_DRAWN
    if too_many:  # every chain and conversation, however many: the slow page
        referrers = contacts.filter(referred_by__isnull=False).values("referred_by_id")
        talked_with = Conversation.objects.filter(held_condition(), contact__owner=user)
        wanted = (
            Q(referred_by__isnull=False)
            | Q(pk__in=referrers)
            | Q(pk__in=talked_with.values("contact_id"))
        )
    elif trimmed:
        wanted = Q(pk__in=_largest_chains(members, edges, MAX_DRAWN))
    else:
        wanted = Q(pk__in=sorted(members))
    rows = contacts.filter(wanted).values_list(
        "pk", "first_name", "last_name", "display_name", "referred_by_id"
    )
    contact_url = contact_url_maker()
    people = [
        Person(
            id=pk,
            name=_name(first, last, shown),
            referred_by=referrer,
            url=contact_url(pk),
            talked=pk in talked,
        )
        for pk, first, last, shown, referrer in rows
    ]
    return Graph(
        layout=build(people, root_name),
        shown=len(people),
        total=total,
        show_all=False,
        too_many=too_many,
        in_chains=len(members),
        trimmed=trimmed,
    )


def _largest_chains(members: set[int], edges: list[tuple[int, int]], limit: int) -> list[int]:
    """Up to `limit` ids: whole chains, largest first (then oldest), each from its first
    person down, introduction by introduction; the last one may be cut short."""
    parent = {pk: pk for pk in members}

    def find(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for pk, referrer in edges:
        a, b = find(pk), find(referrer)
        if a != b:
            parent[max(a, b)] = min(a, b)
    # Sizes first, as plain counts: few objects, so the page does not wake the collector.
    root_of = {pk: find(pk) for pk in members}  # each chain's root is its smallest id
    sizes: dict[int, int] = {}
    for root in root_of.values():
        sizes[root] = sizes.get(root, 0) + 1
    taken: list[int] = []  # the roots of the chains drawn, largest first (then oldest)
    room = limit
    for root in sorted(sizes, key=lambda root: (-sizes[root], root)):
        taken.append(root)
        room -= sizes[root]
        if room <= 0:
            break
    wanted = set(taken)
    children: dict[int, list[int]] = {}
    referrer_of: dict[int, int] = {}
    for pk, referrer in edges:
        if root_of[pk] in wanted:
            children.setdefault(referrer, []).append(pk)
            referrer_of[pk] = referrer
    heads: dict[int, list[int]] = {root: [] for root in taken}
    for pk in members:
        root = root_of[pk]
        if root in wanted and pk not in referrer_of:
            heads[root].append(pk)

    chosen: list[int] = []
    for root in taken:
        order = _breadth_first(sorted(heads[root]) or [root], children)
        chosen.extend(order[: limit - len(chosen)])
    return chosen


def _breadth_first(heads: list[int], children: dict[int, list[int]]) -> list[int]:
    seen = set(heads)
    order: list[int] = []
    queue = deque(heads)
    while queue:
        pk = queue.popleft()
        order.append(pk)
        for child in sorted(children.get(pk, [])):
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return order


def _everyone(user, contacts, total: int, root_name: str) -> Graph:
    talked = Conversation.objects.filter(held_condition(), contact=OuterRef("pk"))
    rows = contacts.annotate(talked=Exists(talked)).values_list(
        "pk", "first_name", "last_name", "display_name", "referred_by_id", "talked"
    )
    contact_url = contact_url_maker()
    people = [
        Person(
            id=pk,
            name=_name(first, last, shown),
            referred_by=referrer,
            url=contact_url(pk),
            talked=talked,
        )
        for pk, first, last, shown, referrer, talked in rows
    ]
    return Graph(layout=build(people, root_name), shown=len(people), total=total, show_all=True)
