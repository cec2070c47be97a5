from django.urls import path

from coffeechat.center import coaching_views as views

urlpatterns = [
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:share_id>/", views.share_edit, name="share_edit"),
    path("sharing/<int:share_id>/stop/", views.share_stop, name="share_stop"),
    path(
        "sharing/<int:share_id>/takeaways/<int:takeaway_id>/",
        views.share_takeaway,
        name="share_takeaway",
    ),
    path(
        "sharing/<int:share_id>/notes/<int:conversation_id>/",
        views.share_note,
        name="share_note",
    ),
    path("coach/", views.coach_dashboard, name="coach_dashboard"),
    path("coach/seekers/<int:seeker_id>/", views.coach_seeker, name="coach_seeker"),
]
