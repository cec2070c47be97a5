"""Pages of step 4: messages to people, as drafts and as sent."""

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.core.crud import Column, Entity, register
from coffeechat.core.ids import parse_id
from coffeechat.lib.mailto import mailto_url
from coffeechat.outreach import forms
from coffeechat.outreach.drafts import DRAFT_KINDS, draft_for
from coffeechat.outreach.lint_views import findings_context, message_findings
from coffeechat.outreach.models import Message
from coffeechat.outreach.send_views import smtp_configured
from coffeechat.people.models import Contact


def _chosen(request, name: str, choices, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in {str(v) for v, _ in choices} else default


def draft_initial(request) -> dict:
    """With ?draft=1, the subject and body of a generated draft for ?contact=; ?about= names
    the person an introduction is asked for (another user's person: 404)."""
    contact_id = parse_id(request.GET.get("contact", ""))
    if request.GET.get("draft") != "1" or contact_id is None:
        return {}
    about_id = parse_id(request.GET.get("about", ""))
    about = Contact.get_for_user(request.user, about_id) if about_id is not None else None
    contact = (
        Contact.objects.owned_by(request.user)
        .select_related("organization", "referred_by")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        return {}
    kind = _chosen(request, "kind", DRAFT_KINDS, Message.Kind.REQUEST)
    channel = _chosen(request, "channel", Message.Channel.choices, Message.Channel.EMAIL)
    conversation_id = parse_id(request.GET.get("conversation", ""))
    conversation = None
    if conversation_id is not None:
        conversation = (
            Conversation.objects.owned_by(request.user)
            .filter(pk=conversation_id, contact=contact)
            .first()
        )
    draft = draft_for(
        get_profile(request.user), contact, kind, channel, conversation=conversation, about=about
    )
    return {
        "subject": draft.subject,
        "body": draft.body,
        "kind": kind,
        "channel": channel,
    }


def form_context(request, message, form) -> dict:
    """The draft picker, and the checker's findings on the text as the form shows it."""
    return {**_shown_findings(request, form), **draft_picker(request)}


def _shown_findings(request, form) -> dict:
    def value(name: str, default: str = "") -> str:
        if form.is_bound:
            return form.data.get(name, default)
        return str(form.initial.get(name, form.fields[name].initial or default) or default)

    kind = value("kind", Message.Kind.REQUEST)
    findings = message_findings(
        request.user, value("body"), value("channel", "email"), value("subject"), kind
    )
    return findings_context(findings, kind) if value("body").strip() else {}


def draft_picker(request) -> dict:
    contact = parse_id(request.GET.get("contact", ""))
    if contact is None:
        return {}
    about = parse_id(request.GET.get("about", ""))
    conversation = parse_id(request.GET.get("conversation", ""))
    return {
        "draft_options": {
            "contact": contact,
            "conversation": conversation or "",
            "about": about or "",
            "kinds": DRAFT_KINDS,
            "kind": _chosen(request, "kind", DRAFT_KINDS, Message.Kind.REQUEST),
            "channels": Message.Channel.choices,
            "channel": _chosen(request, "channel", Message.Channel.choices, "email"),
        }
    }


def message_detail_context(request, message: Message) -> dict:
    findings = message_findings(
        request.user, message.body, message.channel, message.subject, message.kind
    )
    minutes = message.conversation.agreed_minutes if message.conversation_id else 20
    return {
        **findings_context(findings, message.kind, minutes),
        # Fixes change a draft in place; a message already sent stays as it went.
        "fix_message": message if message.status == Message.Status.DRAFT else None,
        "mailto": mailto_url(message.contact.email, message.subject, message.body),
        "smtp": smtp_configured(),
    }


messages_entity = register(
    Entity(
        model=Message,
        form_class=forms.MessageForm,
        namespace="outreach",
        slug="messages",
        description="Requests, follow-ups, thank-yous and updates.",
        columns=[
            Column("Message", "label", link=True),
            Column("To", "contact"),
            Column("Kind", "kind"),
            Column("Channel", "channel"),
            Column("Status", "status"),
            Column("Sent", "sent_at"),
        ],
        list_select_related=("contact",),
        search_fields=("subject", "body", "contact__first_name", "contact__last_name"),
        filters=("kind", "channel", "status"),
        parents=("contact", "conversation"),
        create_initial=draft_initial,
        form_context=form_context,
        extra_detail_context=message_detail_context,
    )
)

ENTITIES = [messages_entity]
