from django.urls import path

from coffeechat.conversations import plan_views, wrapup_views
from coffeechat.conversations.live_urls import urlpatterns as live_urlpatterns
from coffeechat.conversations.views import ENTITIES
from coffeechat.core.crud import entity_urls

app_name = "conversations"
urlpatterns = [
    path(
        "conversations/<int:conversation_id>/plan/",
        plan_views.plan,
        name="conversation_plan",
    ),
    path(
        "conversations/<int:conversation_id>/prep/",
        plan_views.prep_sheet,
        name="conversation_prep",
    ),
    path(
        "conversations/<int:conversation_id>/after/",
        wrapup_views.wrap_up,
        name="conversation_wrap_up",
    ),
    *live_urlpatterns,
    *entity_urls(ENTITIES),
]
