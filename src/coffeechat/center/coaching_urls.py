from django.urls import path

from coffeechat.center import coaching_views as views
from coffeechat.center import review_views

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
    path("reviews/", review_views.review_list, name="review_list"),
    path("reviews/ask/", review_views.review_ask, name="review_ask"),
    path("reviews/<int:review_id>/", review_views.review_detail, name="review_detail"),
    path("coach/", views.coach_dashboard, name="coach_dashboard"),
    path("coach/reviews/", review_views.coach_reviews, name="coach_reviews"),
    path("coach/reviews/<int:review_id>/", review_views.coach_review, name="coach_review"),
    path("coach/seekers/<int:seeker_id>/", views.coach_seeker, name="coach_seeker"),
]
