"""Notes as Markdown files: one per conversation, one per career field, or all of them in a ZIP.

The files are for reading and keeping (in a notes app, a wiki, a folder of text files); the
JSON export stays the lossless backup. The seeker's own notes are Markdown already and go in
as written; names and other one-line values are escaped so they cannot turn into headings,
links or lists.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import defaultdict

from django.db.models import F, Prefetch

from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.followup.models import Task
from coffeechat.research.models import CareerField

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
# Letters NFKD leaves alone, spelled out for file names.
_SPELLED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
    }
)
_LEADING_BLOCK = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def inline(value: object) -> str:
    """A one-line value that stays plain text in Markdown: specials escaped, lines joined."""
    text = " ".join(str(value or "").split())
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return _LEADING_BLOCK.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def block(value: str) -> str:
    """The seeker's own Markdown, line endings normalized, no trailing blank lines."""
    return "\n".join(
        line.rstrip() for line in (value or "").replace("\r\n", "\n").split("\n")
    ).strip()


def slug(value: str, fallback: str) -> str:
    """A file name part: letters, digits and hyphens, accents folded, at most 60 characters."""
    spelled = value.translate(_SPELLED)
    folded = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-").lower()[:60].strip("-")
    return text or fallback


def conversation_filename(conversation: Conversation) -> str:
    """2026-09-22-jonas-brandt-1.md: the day of the meeting where it took place."""
    local = conversation.local_start
    day = local.date().isoformat() if local else "undated"
    return f"{day}-{slug(conversation.contact.name, 'conversation')}-{conversation.pk}.md"


def field_filename(field: CareerField) -> str:
    return f"field-{slug(field.name, 'field')}-{field.pk}.md"


def _when(conversation: Conversation) -> str:
    local = conversation.local_start
    if local is None:
        return "not scheduled"
    return f"{local:%A %-d %B %Y, %H:%M} ({conversation.time_zone})"


def _section(title: str, body: str) -> list[str]:
    return [f"## {title}", "", body, ""] if body else []


def conversation_markdown(conversation: Conversation) -> str:
    """The conversation's page as Markdown. The conversation must come from
    conversations_for_notes (or have the same relations loaded)."""
    contact = conversation.contact
    lines = [f"# Informational interview with {inline(contact.name)}", ""]
    facts = [
        ("When", _when(conversation)),
        ("Status", conversation.get_status_display()),
        ("Medium", f"{conversation.get_medium_display()}, {conversation.agreed_minutes} minutes"),
        ("Title", contact.title),
        ("Organization", conversation.organization.name if conversation.organization else ""),
        ("Career field", conversation.field.name if conversation.field else ""),
        ("How we know each other", contact.get_source_display() if contact.source else ""),
        ("Referred by", contact.referred_by.name if contact.referred_by else ""),
    ]
    lines += [f"- **{label}:** {inline(value)}" for label, value in facts if value]
    lines.append("")
    lines += _section("Goals", block(conversation.goals))
    agenda = []
    for number, item in enumerate(conversation.agenda_items.all(), start=1):
        text = item.text or (item.question.text if item.question else "")
        asked = "" if item.asked else " *(not asked)*"
        agenda.append(f"{number}. {inline(text)} — {item.minutes} min{asked}")
        if item.notes.strip():
            agenda += ["", *(f"   {line}" for line in block(item.notes).split("\n")), ""]
    lines += _section("Questions", "\n".join(agenda).strip())
    lines += _section("Notes", block(conversation.notes))
    lines += _section("Takeaways", _takeaways(conversation.takeaways.all(), with_person=False))
    steps = [
        f"- [{'x' if task.done else ' '}] {inline(task.title)}"
        + (f" (due {task.due_on.isoformat()})" if task.due_on else "")
        for task in conversation.tasks.all()
    ]
    lines += _section("Next steps", "\n".join(steps))
    return "\n".join(lines).rstrip() + "\n"


def _takeaways(takeaways, *, with_person: bool) -> str:
    grouped: dict[str, list[Takeaway]] = defaultdict(list)
    for takeaway in takeaways:
        grouped[takeaway.get_category_display()].append(takeaway)
    parts = []
    for category, items in grouped.items():
        parts += [f"### {inline(category)}", ""]
        for takeaway in items:
            first, *rest = block(takeaway.text).split("\n")
            extras = []
            if with_person:
                extras.append(f"from {inline(takeaway.conversation.contact.name)}")
            if takeaway.answers_id:
                extras.append(f"answers “{inline(takeaway.answers.text)}”")
            if takeaway.will_act_on:
                extras.append("I will act on this")
            suffix = f" *({'; '.join(extras)})*" if extras else ""
            parts.append(f"- {first}{suffix}")
            parts += [f"  {line}" for line in rest]
        parts.append("")
    return "\n".join(parts).strip()


def _held(conversation: Conversation) -> bool:
    """The insights pages' definition: marked held (or later), or given a held time."""
    return conversation.status in lifecycle.TOOK_PLACE or conversation.held_at is not None


def field_markdown(field: CareerField, conversations: list[Conversation]) -> str:
    """A career field with everything learned about it. `conversations` are the field's, from
    conversations_for_notes; the field must come from fields_for_notes."""
    lines = [f"# {inline(field.name)}", ""]
    facts = [
        ("Status", field.get_status_display()),
        ("Industry", field.industry),
        ("People talked with", str(len({c.contact_id for c in conversations if _held(c)}))),
    ]
    lines += [f"- **{label}:** {inline(value)}" for label, value in facts if value]
    lines.append("")
    scores = [
        (field._meta.get_field(name).verbose_name, getattr(field, name))
        for name in CareerField.FIT_DIMENSIONS
    ]
    if any(score for _, score in scores) or field.fit_note:
        table = ["| Dimension | Score (1–5) |", "| --- | --- |"]
        table += [f"| {inline(label)} | {score or '—'} |" for label, score in scores]
        if field.fit_average is not None:
            table.append(f"| **Average** | **{field.fit_average}** |")
        fit = "\n".join(table)
        if field.fit_note:
            fit += "\n\n" + block(field.fit_note)
        lines += _section("Fit", fit)
    lines += _section("Why I am interested", block(field.why_interested))
    lines += _section("Research notes", block(field.notes))
    answered: dict[int, list[Takeaway]] = defaultdict(list)
    takeaways = [t for c in conversations for t in c.takeaways.all()]
    for takeaway in takeaways:
        if takeaway.answers_id:
            answered[takeaway.answers_id].append(takeaway)
    questions = []
    for question in field.open_questions.all():
        answers = answered.get(question.pk, [])
        mark = "x" if answers else " "
        questions.append(f"- [{mark}] {inline(question.text)}")
        for takeaway in answers:
            name = inline(takeaway.conversation.contact.name)
            questions.append(f"  - {name}: {' '.join(block(takeaway.text).split())}")
    lines += _section("Open questions", "\n".join(questions))
    lines += _section("What I learned", _takeaways(takeaways, with_person=True))
    talks = [
        f"- {inline(c.contact.name)}, {_when(c)}: {inline(c.get_status_display())}"
        f" — see {conversation_filename(c)}"
        for c in conversations
    ]
    lines += _section("Conversations", "\n".join(talks))
    organizations = [f"- {inline(org.name)}" for org in field.organizations.all()]
    lines += _section("Organizations", "\n".join(organizations))
    return "\n".join(lines).rstrip() + "\n"


def conversations_for_notes(user):
    """The user's conversations with everything their notes show, in a fixed number of
    queries whatever their count."""
    return (
        Conversation.objects.owned_by(user)
        .select_related("contact__referred_by", "organization", "field")
        .prefetch_related(
            "agenda_items__question",
            "takeaways__answers",
            "takeaways__conversation__contact",
            Prefetch("tasks", queryset=Task.objects.order_by("due_on", "pk")),
        )
        .order_by(F("scheduled_at").asc(nulls_last=True), "pk")
    )


def fields_for_notes(user):
    return (
        CareerField.objects.owned_by(user)
        .prefetch_related("open_questions", "organizations")
        .order_by("name", "pk")
    )


def field_notes(field: CareerField, user) -> str:
    conversations = list(conversations_for_notes(user).filter(field=field))
    field = fields_for_notes(user).get(pk=field.pk)
    return field_markdown(field, conversations)


def conversation_notes(conversation: Conversation, user) -> str:
    return conversation_markdown(conversations_for_notes(user).get(pk=conversation.pk))


def notes_zip(user) -> tuple[bytes, int]:
    """Every conversation and field as Markdown files in a ZIP, with a README listing them;
    returns the archive and how many notes files it holds."""
    conversations = list(conversations_for_notes(user))
    by_field: dict[int, list[Conversation]] = defaultdict(list)
    for conversation in conversations:
        if conversation.field_id:
            by_field[conversation.field_id].append(conversation)
    buffer = io.BytesIO()
    index = ["# coffeechat notes", ""]
    count = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for field in fields_for_notes(user):
            name = f"fields/{field_filename(field)}"
            zipped.writestr(name, field_markdown(field, by_field.get(field.pk, [])))
            index.append(f"- [{inline(field.name)}]({name})")
            count += 1
        if count:
            index.append("")
        for conversation in conversations:
            name = f"conversations/{conversation_filename(conversation)}"
            zipped.writestr(name, conversation_markdown(conversation))
            index.append(f"- [{inline(conversation.contact.name)}]({name})")
            count += 1
        zipped.writestr("README.md", "\n".join(index).rstrip() + "\n")
    return buffer.getvalue(), count
