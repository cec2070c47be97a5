from django.urls import path

from coffeechat.core.crud import entity_urls
from coffeechat.prepare import views

app_name = "prepare"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/preview/", views.profile_preview, name="profile_preview"),
    path("pitches/timing/", views.pitch_timing, name="pitch_timing"),
    path(
        "documents/<int:document_id>/download/",
        views.document_download,
        name="document_download",
    ),
    *entity_urls(views.ENTITIES),
]
