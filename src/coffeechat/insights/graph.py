"""Who led to whom, from the seeker outward: the people for the referral tree, in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from coffeechat.conversations.models import Conversation
from coffeechat.insights.metrics import held_condition
from coffeechat.lib.referral_layout import Layout, Person, build
from coffeechat.people.models import Contact

# Drawing everyone stops being readable (and the page gets heavy) past this many people.
MAX_EVERYONE = 1000


@dataclass
class Graph:
    layout: Layout
    shown: int  # people in the tree
    total: int  # all the seeker's contacts
    show_all: bool
    too_many: bool = False  # everyone was asked for, but there are too many to draw

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


def referral_graph(user, show_all: bool = False, root_name: str = "You") -> Graph:
    """The tree of introductions.

    By default it holds the people who are part of a chain (they were referred by someone,
    or led to someone) and the people you talked with; `show_all` adds everyone else.
    """
    talked = Conversation.objects.filter(held_condition(), contact=OuterRef("pk"))
    rows = list(
        Contact.objects.owned_by(user)
        .annotate(talked=Exists(talked))
        .values_list("pk", "first_name", "last_name", "referred_by_id", "talked")
    )
    too_many = show_all and len(rows) > MAX_EVERYONE
    show_all = show_all and not too_many
    referrers = {referrer for *_, referrer, _ in rows if referrer is not None}
    people = [
        Person(
            id=pk,
            name=" ".join(part for part in (first, last) if part),
            referred_by=referrer,
            url=reverse("people:contact_detail", args=[pk]),
            talked=talked,
        )
        for pk, first, last, referrer, talked in rows
        if show_all or talked or referrer is not None or pk in referrers
    ]
    return Graph(
        layout=build(people, root_name),
        shown=len(people),
        total=len(rows),
        show_all=show_all,
        too_many=too_many,
    )
