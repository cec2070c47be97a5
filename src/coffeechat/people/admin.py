from coffeechat.core.admin import register_owned
from coffeechat.people.models import Contact, Interaction, Tag

register_owned(Contact, Interaction, Tag)
