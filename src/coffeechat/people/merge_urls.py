"""Duplicate finding and merging; included by people/urls.py under the "people" namespace."""

from django.urls import path

from coffeechat.people.merge_views import duplicates, merge

urlpatterns = [
    path("duplicates/", duplicates, name="duplicates"),
    path("contacts/<int:contact_id>/merge/", merge, name="contact_merge"),
]
