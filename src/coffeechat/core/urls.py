from django.urls import path

from coffeechat.core import views

urlpatterns = [
    path("", views.today, name="today"),
    path("search/", views.search, name="search"),
]
