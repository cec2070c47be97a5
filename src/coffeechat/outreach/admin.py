from coffeechat.core.admin import register_owned
from coffeechat.outreach.models import Message

register_owned(Message)
