"""Pages of step 4: messages to people, as drafts and as sent."""

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations.models import Conversation
from coffeechat.core.crud import Column, Entity, register
from coffeechat.lib.mailto import mailto_url
from coffeechat.outreach import forms
from coffeechat.outreach.drafts import DRAFT_KINDS, draft_for
from coffeechat.outreach.lint_views import message_findings
from coffeechat.outreach.models import Message
from coffeechat.outreach.send_views import smtp_configured
from coffeechat.people.models import Contact


def _chosen(request, name: str, choices, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in {str(v) for v, _ in choices} else default


def draft_initial(request) -> dict:
    """With ?draft=1, the subject and body of a generated draft for ?contact=."""
    contact_id = request.GET.get("contact", "")
    if request.GET.get("draft") != "1" or not contact_id.isdigit():
        return {}
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
    conversation_id = request.GET.get("conversation", "")
    conversation = None
    if conversation_id.isdigit():
        conversation = (
            Conversation.objects.owned_by(request.user)
            .filter(pk=conversation_id, contact=contact)
            .first()
        )
    draft = draft_for(get_profile(request.user), contact, kind, channel, conversation=conversation)
    return {"subject": draft.subject, "body": draft.body, "kind": kind, "channel": channel}


def draft_picker(request, message=None) -> dict:
    contact = request.GET.get("contact", "")
    if not contact.isdigit():
        return {}
    return {
        "draft_options": {
            "contact": contact,
            "conversation": request.GET.get("conversation", ""),
            "kinds": DRAFT_KINDS,
            "kind": _chosen(request, "kind", DRAFT_KINDS, Message.Kind.REQUEST),
            "channels": Message.Channel.choices,
            "channel": _chosen(request, "channel", Message.Channel.choices, "email"),
        }
    }


def message_detail_context(request, message: Message) -> dict:
    return {
        "findings": message_findings(
            request.user, message.body, message.channel, message.subject, message.kind
        ),
        "is_request": message.kind == Message.Kind.REQUEST,
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
        form_context=draft_picker,
        extra_detail_context=message_detail_context,
    )
)

ENTITIES = [messages_entity]
