"""Career fields side by side: what the conversations taught, who was asked, and the fit scores.

A handful of queries fetch everything for all the compared fields at once; the grouping into
columns happens here, so the page costs the same with two fields or twenty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.insights.metrics import held_condition
from coffeechat.people.models import Contact
from coffeechat.research.models import CareerField, OpenQuestion


@dataclass
class QuestionAnswers:
    question: OpenQuestion
    answered_by: list[Contact] = field(default_factory=list)  # distinct, in order of answers


@dataclass
class FieldColumn:
    field: CareerField
    takeaways_by_category: list[tuple[str, list[Takeaway]]] = field(default_factory=list)
    people: int = 0  # distinct contacts talked with in conversations about the field
    organizations: int = 0  # distinct organizations of those conversations
    questions: list[QuestionAnswers] = field(default_factory=list)

    @property
    def takeaway_count(self) -> int:
        return sum(len(items) for _, items in self.takeaways_by_category)

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answered_by)


def selected_fields(user, wanted: Sequence[str]) -> tuple[list[CareerField], list[CareerField]]:
    """(all the user's fields, the ones to compare): the ids asked for, else all not ruled out."""
    everything = list(CareerField.objects.owned_by(user))
    ids = {int(value) for value in wanted if value.isdigit()}
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
    columns = {f.pk: FieldColumn(field=f) for f in fields}
    ids = list(columns)
    _add_takeaways(user, columns, ids)
    _add_reach(user, columns, ids)
    _add_questions(user, columns, ids)
    return list(columns.values())


def _add_takeaways(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    takeaways = (
        Takeaway.objects.owned_by(user)
        .filter(conversation__field_id__in=ids)
        .select_related("conversation__contact")
        .order_by("conversation__field_id", "pk")
    )
    grouped: dict[int, dict[str, list[Takeaway]]] = {pk: {} for pk in ids}
    for takeaway in takeaways:
        grouped[takeaway.conversation.field_id].setdefault(takeaway.category, []).append(takeaway)
    for pk, by_category in grouped.items():
        columns[pk].takeaways_by_category = [
            (str(label), by_category[value])
            for value, label in Takeaway.Category.choices
            if value in by_category
        ]


def _add_reach(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    held = (
        Conversation.objects.owned_by(user)
        .filter(held_condition(), field_id__in=ids)
        .values_list("field_id", "contact_id", "organization_id")
        .distinct()
    )
    people: dict[int, set[int]] = {pk: set() for pk in ids}
    organizations: dict[int, set[int]] = {pk: set() for pk in ids}
    for field_id, contact_id, organization_id in held:
        people[field_id].add(contact_id)
        if organization_id is not None:
            organizations[field_id].add(organization_id)
    for pk in ids:
        columns[pk].people = len(people[pk])
        columns[pk].organizations = len(organizations[pk])


def _add_questions(user, columns: dict[int, FieldColumn], ids: list[int]) -> None:
    questions = {
        q.pk: QuestionAnswers(question=q)
        for q in OpenQuestion.objects.owned_by(user).filter(field_id__in=ids)
    }
    answers = (
        Takeaway.objects.owned_by(user)
        .filter(answers__field_id__in=ids)
        .select_related("conversation__contact")
        .order_by("pk")
    )
    for takeaway in answers:
        entry = questions.get(takeaway.answers_id)
        if entry is None:
            continue
        contact = takeaway.conversation.contact
        if all(c.pk != contact.pk for c in entry.answered_by):
            entry.answered_by.append(contact)
    for entry in questions.values():
        columns[entry.question.field_id].questions.append(entry)
