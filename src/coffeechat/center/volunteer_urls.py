"""Alumni volunteers: the volunteer's profile and inbox, the seekers' directory, and the
requests between them."""

from django.urls import path

from coffeechat.center import volunteer_views as views

urlpatterns = [
    path("volunteers/", views.directory, name="volunteer_directory"),
    path("volunteers/<int:volunteerprofile_id>/ask/", views.ask, name="volunteer_ask"),
    path("volunteers/profile/", views.profile, name="volunteer_profile"),
    path("volunteers/inbox/", views.inbox, name="volunteer_inbox"),
    path("volunteers/requests/", views.sent, name="volunteer_requests"),
    path(
        "volunteers/requests/<int:volunteerrequest_id>/",
        views.request_detail,
        name="volunteer_request",
    ),
    path(
        "volunteers/requests/<int:volunteerrequest_id>/accept/",
        views.accept,
        name="volunteer_accept",
    ),
    path(
        "volunteers/requests/<int:volunteerrequest_id>/decline/",
        views.decline,
        name="volunteer_decline",
    ),
    path(
        "volunteers/requests/<int:volunteerrequest_id>/withdraw/",
        views.withdraw,
        name="volunteer_withdraw",
    ),
]
