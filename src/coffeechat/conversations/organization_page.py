"""What an organization's page shows of the conversations with its people: the takeaways,
grouped by category, each with who said it (a link to that conversation).

A takeaway belongs to the organization its conversation was about; a conversation without one
counts for its person's organization. Two queries, however many takeaways: they are counted
and ranked in SQL, and only the newest few of each category are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from coffeechat.conversations.models import Takeaway
from coffeechat.core.crud import extend_detail
from coffeechat.research.models import Organization

# The newest takeaways shown per category; the others are counted ("and 3 more").
TAKEAWAYS_SHOWN = 5
NEWEST = (F("created_at").desc(), F("pk").desc())
_PLACEHOLDER = 987654321  # an id no real row has in its path twice


@dataclass(frozen=True)
class Line:
    text: str
    said_by: str  # the person's name
    url: str  # the conversation it was said in
    will_act_on: bool = False


@dataclass
class Group:
    category: str
    label: str
    count: int  # every takeaway of the category
    lines: list[Line] = field(default_factory=list)  # the newest few, newest first

    @property
    def more(self) -> int:
        return self.count - len(self.lines)


@dataclass
class Learning:
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def about(user, organization: Organization):
    """The user's takeaways from conversations about this organization."""
    return Takeaway.objects.owned_by(user).filter(
        Q(conversation__organization=organization)
        | Q(
            conversation__organization__isnull=True,
            conversation__contact__organization=organization,
        )
    )


def learning(user, organization: Organization) -> Learning:
    ranked = (
        about(user, organization)
        .order_by()
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("category")], order_by=NEWEST),
            count=Window(Count("pk"), partition_by=[F("category")]),
        )
        .filter(rank__lte=TAKEAWAYS_SHOWN)
        .values_list("pk", "count")
    )
    counts_of = dict(ranked)
    if not counts_of:
        return Learning()
    rows = (
        Takeaway.objects.filter(pk__in=counts_of)
        .order_by(*NEWEST)
        .values_list(
            "pk",
            "category",
            "text",
            "will_act_on",
            "conversation_id",
            "conversation__contact__first_name",
            "conversation__contact__last_name",
            "conversation__contact__display_name",
        )
    )
    conversation_url = _url_maker("conversations:conversation_detail")
    counts: dict[str, int] = {}
    lines: dict[str, list[Line]] = {}
    for pk, category, text, will_act_on, conversation_id, first, last, shown in rows:
        counts[category] = counts_of[pk]
        name = shown or " ".join(part for part in (first, last) if part) or "Someone"
        lines.setdefault(category, []).append(
            Line(text, name, conversation_url(conversation_id), will_act_on)
        )
    return Learning(
        [
            Group(value, str(label), counts[value], lines[value])
            for value, label in Takeaway.Category.choices
            if value in counts
        ]
    )


def _url_maker(name: str):
    """pk → the URL reverse(name, args=[pk]) gives, with one reverse() for all rows."""
    prefix, _, suffix = reverse(name, args=[_PLACEHOLDER]).partition(str(_PLACEHOLDER))
    return lambda pk: f"{prefix}{pk}{suffix}"


def learning_context(request, organization: Organization) -> dict:
    return {
        "learning": learning(request.user, organization),
        "takeaways_shown": TAKEAWAYS_SHOWN,
    }


def add_to_organization_page() -> None:
    extend_detail("research:organization", learning_context)
