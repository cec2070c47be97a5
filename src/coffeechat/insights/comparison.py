"""Career fields side by side: what the conversations taught, who was asked, and the fit scores.

A handful of queries fetch everything for all the compared fields at once: takeaways are counted
in SQL and only the newest few per category are read, so the page costs the same with two fields
or twenty, and with ten takeaways or ten thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Window
from django.db.models.functions import RowNumber
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.core.ids import parse_ids
from coffeechat.insights.links import contact_url_maker, url_maker
from coffeechat.insights.metrics import held_condition
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, OpenQuestion

# The newest takeaways shown per category of each field; the rest are counted, not listed.
TAKEAWAYS_SHOWN = 5
NEWEST = (F("created_at").desc(), F("pk").desc())
# The people named under an answered question; the others are counted.
ANSWERERS_SHOWN = 10


@dataclass(frozen=True)
class PersonLink:
    name: str
    url: str


@dataclass(frozen=True)
class TakeawayLine:
    text: str
    said_by: PersonLink


@dataclass
class TakeawayGroup:
    label: str
    count: int  # every takeaway in the category
    recent: list[TakeawayLine] = field(default_factory=list)  # the newest few, newest first

    @property
    def more(self) -> int:
        return self.count - len(self.recent)

    def items_html(self) -> SafeString:
        """The list items, escaped: written here, not looped over in the template, for speed."""
        return format_html_join(
            "",
            '<li>{} <span class="meta">— <a href="{}">{}</a></span></li>',
            ((line.text, line.said_by.url, line.said_by.name) for line in self.recent),
        )


@dataclass
class QuestionAnswers:
    question: OpenQuestion
    url: str = ""
    named: list[PersonLink] = field(default_factory=list)  # the first who answered, in order
    answer_count: int = 0  # distinct people who answered it

    @property
    def answered_by(self) -> bool:
        return self.answer_count > 0

    def named_html(self) -> SafeString:
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((person.url, person.name) for person in self.named)
        )

    @property
    def unnamed(self) -> int:
        return self.answer_count - len(self.named)


@dataclass
class FieldColumn:
    field: CareerField
    takeaways_by_category: list[TakeawayGroup] = field(default_factory=list)
    people: int = 0  # distinct contacts talked with in conversations about the field
    organizations: int = 0  # distinct organizations of those conversations
    questions: list[QuestionAnswers] = field(default_factory=list)
    url: str = ""  # the field's page
    fit_url: str = ""  # its fit scorecard

    @property
    def takeaway_count(self) -> int:
        return sum(group.count for group in self.takeaways_by_category)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answered_by)


def selected_fields(user, wanted: Sequence[str]) -> tuple[list[CareerField], list[CareerField]]:
    """(all the user's fields, the ones to compare): the ids asked for, else all not ruled out."""
    everything = list(CareerField.objects.owned_by(user))
    ids = set(parse_ids(wanted))
    chosen = [f for f in everything if f.pk in ids]
    if not chosen:
        chosen = [f for f in everything if f.status != CareerField.Status.RULED_OUT]
    return everything, chosen


def score_rows(columns: Sequence[FieldColumn]) -> list[tuple[str, str, list[int | None]]]:
    """(dimension name, label, one score or None per column), in the scorecard's order."""
    return [
        (
            name,
            str(CareerField._meta.get_field(name).verbose_name),
            [getattr(column.field, name) for column in columns],
        )
        for name in CareerField.FIT_DIMENSIONS
    ]


def compare(user, fields: Sequence[CareerField]) -> list[FieldColumn]:
    field_url = url_maker("research:careerfield_detail")
    fit_url = url_maker("insights:field_fit")
    columns = {
        f.pk: FieldColumn(field=f, url=field_url(f.pk), fit_url=fit_url(f.pk)) for f in fields
    }
    ids = list(columns)
    _add_takeaways(user, columns, ids)
    _add_reach(user, columns, ids)
    _add_questions(user, columns, ids)
    return list(columns.values())


def _name(first: str, last: str, shown: str = "") -> str:
    """As Contact.name: the name as shown, else first and last name."""
    return shown or " ".join(part for part in (first, last) if part)


def _add_takeaways(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    """Counts per field and category in SQL; only the newest few of each are read."""
    about = Takeaway.objects.owned_by(user).filter(conversation__field_id__in=ids)
    group = [F("conversation__field_id"), F("category")]
    # One pass over the takeaways numbers each within its field and category, newest first,
    # and counts them; only the first few of each group leave the database.
    ranked = (
        about.order_by()
        .annotate(
            rank=Window(RowNumber(), partition_by=group, order_by=NEWEST),
            count=Window(Count("pk"), partition_by=group),
        )
        .filter(rank__lte=TAKEAWAYS_SHOWN)
        .values_list("pk", "count")
    )
    counts_of = dict(ranked)
    recent = (
        Takeaway.objects.filter(pk__in=counts_of)
        .order_by(*NEWEST)
        .values_list(
            "pk",
            "conversation__field_id",
            "category",
            "text",
            "conversation__contact_id",
            "conversation__contact__first_name",
            "conversation__contact__last_name",
            "conversation__contact__display_name",
        )
    )
    counts: dict[tuple[int, str], int] = {}
    contact_url = contact_url_maker()
    lines: dict[tuple[int, str], list[TakeawayLine]] = {}
    for pk, field_id, category, text, contact_id, first, last, shown in recent:
        counts[field_id, category] = counts_of[pk]
        said_by = PersonLink(_name(first, last, shown), contact_url(contact_id))
        lines.setdefault((field_id, category), []).append(TakeawayLine(text, said_by))
    for pk in ids:
        columns[pk].takeaways_by_category = [
            TakeawayGroup(str(label), counts[pk, value], lines.get((pk, value), []))
            for value, label in Takeaway.Category.choices
            if (pk, value) in counts
        ]


def _add_reach(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    held = (
        Conversation.objects.owned_by(user)
        .filter(held_condition(), field_id__in=ids)
        .order_by()
        .values_list("field_id")
        .annotate(
            people=Count("contact_id", distinct=True),
            organizations=Count("organization_id", distinct=True),
        )
    )
    for field_id, people, organizations in held:
        columns[field_id].people = people
        columns[field_id].organizations = organizations


def _add_questions(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    question_url = url_maker("research:openquestion_detail")
    questions = {
        q.pk: QuestionAnswers(question=q, url=question_url(q.pk))
        for q in OpenQuestion.objects.owned_by(user).filter(field_id__in=ids)
    }
    # Who answered what: one row per question and person, in the order of their first answer;
    # names are read only for the people a question lists.
    answers = (
        Takeaway.objects.owned_by(user)
        .filter(answers__field_id__in=ids)
        .order_by()
        .values_list("answers_id", "conversation__contact_id")
        .annotate(first=Min("pk"))
        .order_by("first")
    )
    answered_by: dict[int, list[int]] = {}
    for question_id, contact_id, _ in answers:
        if question_id in questions:
            answered_by.setdefault(question_id, []).append(contact_id)
    named = {pk for people in answered_by.values() for pk in people[:ANSWERERS_SHOWN]}
    names = {
        pk: _name(first, last, shown)
        for pk, first, last, shown in Contact.objects.filter(pk__in=named).values_list(
            "pk", "first_name", "last_name", "display_name"
        )
    }
    contact_url = contact_url_maker()
    for question_id, people in answered_by.items():
        entry = questions[question_id]
        entry.answer_count = len(people)
        entry.named = [PersonLink(names[pk], contact_url(pk)) for pk in people[:ANSWERERS_SHOWN]]
    for entry in questions.values():
        columns[entry.question.field_id].questions.append(entry)
