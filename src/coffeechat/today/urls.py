from django.urls import path

from coffeechat.today import views

app_name = "today"
urlpatterns = [
    path("", views.today, name="today"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
]
