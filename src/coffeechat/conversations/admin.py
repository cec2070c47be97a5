from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.core.admin import register_owned

register_owned(Conversation, AgendaItem, Takeaway)
