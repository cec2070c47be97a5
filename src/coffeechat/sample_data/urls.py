from django.urls import path

from coffeechat.sample_data import views

app_name = "sample_data"
urlpatterns = [path("load/", views.load_sample_story, name="load")]
