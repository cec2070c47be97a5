from django.contrib import admin

from coffeechat.core.admin import register_owned
from coffeechat.prepare.models import Pitch, Question, SeekerProfile

register_owned(Pitch, Question)
admin.site.register(SeekerProfile)
