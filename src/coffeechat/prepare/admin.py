from coffeechat.core.admin import register_owned
from coffeechat.prepare.models import Pitch, Question

register_owned(Pitch, Question)
