from django.urls import path

from coffeechat.insights import views

app_name = "insights"
urlpatterns = [
    path("fields/", views.fields, name="fields"),
    path("fields/<int:careerfield_id>/fit/", views.field_fit, name="field_fit"),
    path("funnel/", views.funnel, name="funnel"),
    path("referrals/", views.referrals, name="referrals"),
]
