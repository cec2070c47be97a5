from django.urls import path

from coffeechat.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.feed_settings, name="feed_settings"),
    path("meetings/<int:conversation_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
