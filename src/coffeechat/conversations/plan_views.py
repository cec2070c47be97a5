"""A conversation's plan: questions in order with their minutes, fitted to the agreed time,
and the one-page prep sheet to print or read on the way."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.conversations.meeting import left_open_before, meeting_context
from coffeechat.conversations.models import AgendaItem, Conversation
from coffeechat.core.ids import parse_id
from coffeechat.core.views import owned_object
from coffeechat.lib import agenda
from coffeechat.prepare.bank import builtin_tiers
from coffeechat.prepare.models import Question
from coffeechat.prepare.question_bank import CATEGORY_ORDER
from coffeechat.research.models import NewsItem, OpenQuestion


def agenda_items(conversation: Conversation) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.owned_by(conversation.owner)
        .filter(conversation=conversation)
        .select_related("question")
        .order_by("position", "pk")
    )


def agenda_fit(conversation: Conversation, items: list[AgendaItem]) -> agenda.AgendaFit:
    return agenda.fit(conversation.agreed_minutes, [item.minutes for item in items])


@owned_object(Conversation, "GET", "POST")
def plan(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    if request.method == "POST":
        _act(request, conversation)
        if not request.htmx:
            return redirect("conversations:conversation_plan", conversation.pk)
    items = agenda_items(conversation)
    context = {
        "conversation": conversation,
        "items": items,
        "fit": agenda_fit(conversation, items),
        "opening": agenda.OPENING_CHECKLIST,
        "closing": agenda.CLOSING_CHECKLIST,
        "bank": Question.objects.owned_by(request.user)
        .filter(hidden=False)
        .order_by("category", "text"),
    }
    template = "conversations/plan.html"
    if request.htmx:
        template += "#plan"
    return render(request, template, context)


def _act(request: HttpRequest, conversation: Conversation) -> None:
    action = request.POST.get("action", "")
    with transaction.atomic():
        if action == "add":
            _add(request, conversation)
        elif action == "suggest":
            added = suggest_plan(conversation)
            messages.success(request, f"Added {added} suggested questions.")
        elif action in ("minutes", "up", "down", "remove"):
            _change_item(request, conversation, action)
        else:
            messages.error(request, "That change is not known.")


def _add(request: HttpRequest, conversation: Conversation) -> None:
    question = None
    question_id = parse_id(request.POST.get("question", ""))
    if question_id is not None:
        question = Question.objects.owned_by(request.user).filter(pk=question_id).first()
        if question is None:
            raise Http404("No such question.")
    text = " ".join(request.POST.get("text", "").split())[:500]
    if question is None and not text:
        messages.error(request, "Pick a question from your bank or write one.")
        return
    minutes = _minutes(request.POST.get("minutes", ""), agenda.DEFAULT_QUESTION_MINUTES)
    AgendaItem.objects.create(
        owner=request.user,
        conversation=conversation,
        question=question,
        text=text or question.text,
        minutes=minutes,
        position=_next_position(conversation),
    )


def _minutes(raw: str, default: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        return default
    return min(max(value, 1), agenda.MAX_AGREED)


def _next_position(conversation: Conversation) -> int:
    top = AgendaItem.objects.filter(conversation=conversation).aggregate(top=Max("position"))
    return (top["top"] or 0) + 1


def agenda_item_or_404(user, conversation: Conversation, raw_id: str) -> AgendaItem:
    """One question of this conversation's plan, the user's own, or a 404."""
    item = (
        AgendaItem.objects.owned_by(user)
        .filter(conversation=conversation, pk=parse_id(raw_id) or 0)
        .first()
    )
    if item is None:
        raise Http404("No such question in this conversation.")
    return item


def _change_item(request: HttpRequest, conversation: Conversation, action: str) -> None:
    item = agenda_item_or_404(request.user, conversation, request.POST.get("item", ""))
    if action == "remove":
        item.delete()
        return
    if action == "minutes":
        item.minutes = _minutes(request.POST.get("minutes", ""), item.minutes)
        item.save(update_fields=["minutes", "updated_at"])
        return
    items = agenda_items(conversation)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if action == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            other.position = position
        AgendaItem.objects.bulk_update(items, ["position"])


def suggest_plan(conversation: Conversation) -> int:
    """Add a suggested plan's questions that are not in the plan yet; returns how many."""
    owner = conversation.owner
    tiers = builtin_tiers()
    bank_rows = list(Question.objects.owned_by(owner).filter(hidden=False).order_by("pk"))
    bank = [
        agenda.BankEntry(str(q.pk), q.text, q.category, tiers.get(q.builtin_key, ()))
        for q in bank_rows
    ]
    covered = set(
        AgendaItem.objects.owned_by(owner)
        .filter(conversation__contact_id=conversation.contact_id, question__isnull=False)
        .exclude(conversation=conversation)
        .values_list("question__category", flat=True)
    )
    open_questions = []
    if conversation.field_id:
        open_questions = list(
            OpenQuestion.objects.owned_by(owner)
            .filter(field_id=conversation.field_id, answers__isnull=True)
            .values_list("text", flat=True)
        )
    existing = {item.text for item in agenda_items(conversation)}
    picks = agenda.suggest(
        bank,
        conversation.agreed_minutes,
        conversation.contact.tier,
        covered,
        open_questions,
        CATEGORY_ORDER,
    )
    picks = [(text, key) for text, key in picks if text not in existing]
    items = agenda_items(conversation)
    shares = agenda.fit(
        conversation.agreed_minutes, [i.minutes for i in items] + [None] * len(picks)
    ).question_minutes[len(items) :]
    by_pk = {str(q.pk): q for q in bank_rows}
    position = _next_position(conversation)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                owner=owner,
                conversation=conversation,
                question=by_pk.get(key),
                text=text,
                minutes=minutes,
                position=position + offset,
            )
            for offset, ((text, key), minutes) in enumerate(zip(picks, shares, strict=True))
        ]
    )
    return len(picks)


@owned_object(Conversation, "GET")
def prep_sheet(request: HttpRequest, conversation: Conversation) -> HttpResponse:
    contact = conversation.contact
    organization = conversation.organization
    items = agenda_items(conversation)
    context = {
        "conversation": conversation,
        "contact": contact,
        "organization": organization,
        "news": NewsItem.objects.owned_by(request.user).filter(organization=organization)[:3]
        if organization
        else [],
        "items": items,
        "fit": agenda_fit(conversation, items),
        "opening": agenda.OPENING_CHECKLIST,
        "closing": agenda.CLOSING_CHECKLIST,
        "left_open_before": left_open_before(request.user, conversation),
        **meeting_context(request.user, conversation),
    }
    return render(request, "conversations/prep_sheet.html", context)
