from django.urls import path

from coffeechat.core.crud import entity_urls
from coffeechat.outreach import lint_views, send_views
from coffeechat.outreach.views import ENTITIES

app_name = "outreach"
urlpatterns = [
    path("messages/<int:message_id>/email.eml", send_views.eml, name="message_eml"),
    path("messages/<int:message_id>/act/", send_views.act, name="message_act"),
    path("messages/<int:message_id>/fix/", lint_views.fix_message, name="message_fix"),
    path("check/message/", lint_views.lint_message, name="lint_message"),
    path("check/message/fix/", lint_views.fix_message_text, name="fix_message_text"),
    path("check/question/", lint_views.lint_question, name="lint_question"),
    *entity_urls(ENTITIES),
]
