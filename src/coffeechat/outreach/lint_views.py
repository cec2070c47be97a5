"""Live etiquette checks while the user types a message or a question (HTMX partials), and the
one-click fixes the checker's findings offer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.accounts.clock import get_profile
from coffeechat.core.views import owned_object, require_methods
from coffeechat.lib.etiquette import check_question
from coffeechat.outreach import checking
from coffeechat.outreach.checking import MAX_TEXT
from coffeechat.outreach.forms import MessageForm
from coffeechat.outreach.models import Message


def message_findings(user, body: str, channel: str, subject: str, kind: str = "request"):
    """What the checker says of this message, by its kind (a reply is not checked)."""
    premium = get_profile(user).linkedin_premium
    return checking.findings_for(body, channel, subject, kind, premium)


def findings_context(findings, kind: str, minutes: int = 20) -> dict:
    """The findings partial's context: each finding with its one-click fix, when it has one."""
    rows = [{"finding": f, "fix": checking.fix_label(f.rule, minutes)} for f in findings]
    return {"findings": findings, "rows": rows, "checked": checking.is_checked(kind)}


@require_methods("POST")
def lint_message(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", Message.Kind.REQUEST)
    findings = message_findings(
        request.user,
        request.POST.get("body", ""),
        request.POST.get("channel", "email"),
        request.POST.get("subject", ""),
        kind,
    )
    return render(request, "outreach/_findings.html", findings_context(findings, kind))


@require_methods("POST")
def fix_message_text(request: HttpRequest) -> HttpResponse:
    """The body being typed, with one finding fixed: the text box swapped in place, and the
    findings of the fixed text beside it."""
    profile = get_profile(request.user)
    kind = request.POST.get("kind", Message.Kind.REQUEST)
    channel = request.POST.get("channel", "email")
    subject = request.POST.get("subject", "")
    body = checking.fix(
        request.POST.get("rule", ""),
        request.POST.get("body", "")[:MAX_TEXT],
        name=profile.display_name,
    )
    findings = checking.findings_for(body, channel, subject, kind, profile.linkedin_premium)
    field = MessageForm(owner=request.user, initial={"body": body})["body"]
    context = {"field": field, **findings_context(findings, kind)}
    return render(request, "outreach/_body_field.html", context)


@owned_object(Message, "POST")
def fix_message(request: HttpRequest, message: Message) -> HttpResponse:
    """A saved draft with one finding fixed, for the page without scripts."""
    if message.status == Message.Status.DRAFT:
        minutes = message.conversation.agreed_minutes if message.conversation_id else 20
        message.body = checking.fix(
            request.POST.get("rule", ""),
            message.body,
            name=get_profile(request.user).display_name,
            minutes=minutes,
        )
        message.save(update_fields=["body", "updated_at"])
    return redirect(message)


@require_methods("POST")
def lint_question(request: HttpRequest) -> HttpResponse:
    text = request.POST.get("text", "")[:MAX_TEXT]
    findings = check_question(text) if text.strip() else []
    return render(request, "outreach/_findings.html", {"findings": findings, "checked": True})
