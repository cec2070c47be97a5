"""The center admin's pages, under /center/admin/, and the pages an invitation link opens."""

from django.urls import path

from coffeechat.center import staff_views as views

urlpatterns = [
    path("admin/", views.home, name="admin_home"),
    path("admin/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("admin/cohorts/<int:cohort_id>/", views.cohort_detail, name="cohort_detail"),
    path("admin/cohorts/<int:cohort_id>/edit/", views.cohort_edit, name="cohort_edit"),
    path("admin/people/", views.people, name="people"),
    path("admin/people/manage/", views.person_manage, name="person_manage"),
    path("admin/people/<int:membership_id>/", views.membership_detail, name="membership_detail"),
    path("admin/people/<int:membership_id>/part/", views.membership_role, name="membership_role"),
    path(
        "admin/people/<int:membership_id>/cohort/",
        views.membership_cohort,
        name="membership_cohort",
    ),
    path(
        "admin/people/<int:membership_id>/coaching/",
        views.membership_coaching,
        name="membership_coaching",
    ),
    path(
        "admin/people/<int:membership_id>/approve/",
        views.volunteer_approve,
        name="volunteer_approve",
    ),
    path(
        "admin/people/<int:membership_id>/refuse/",
        views.volunteer_refuse,
        name="volunteer_refuse",
    ),
    path("admin/invitations/", views.invitation_list, name="invitation_list"),
    path("admin/invitations/new/", views.invitation_create, name="invitation_create"),
    path(
        "admin/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "admin/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("join/<str:token>/", views.join, name="join"),
    path("welcome/volunteer/", views.pending, name="join_pending"),
]
