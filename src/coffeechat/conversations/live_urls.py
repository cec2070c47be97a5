"""Live interview mode; included by conversations/urls.py under the "conversations" namespace.

The opening and closing checklists have no URL: what was ticked is kept in the browser only.
"""

from django.urls import path

from coffeechat.conversations.live_views import add_person, live, save_note

urlpatterns = [
    path("conversations/<int:conversation_id>/live/", live, name="conversation_live"),
    path(
        "conversations/<int:conversation_id>/live/note/",
        save_note,
        name="conversation_live_note",
    ),
    path(
        "conversations/<int:conversation_id>/live/person/",
        add_person,
        name="conversation_live_person",
    ),
]
