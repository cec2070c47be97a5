from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include(("coffeechat.core.urls", "core"))),
    path("accounts/", include("coffeechat.accounts.urls")),
    path("research/", include("coffeechat.research.urls")),
    path("people/", include("coffeechat.people.urls")),
    path("prepare/", include("coffeechat.prepare.urls")),
    path("outreach/", include("coffeechat.outreach.urls")),
    path("conversations/", include("coffeechat.conversations.urls")),
    path("follow-up/", include("coffeechat.followup.urls")),
    path("exports/", include("coffeechat.exports.urls")),
    path("calendars/", include("coffeechat.calendars.urls")),
    path("insights/", include("coffeechat.insights.urls")),
    path("admin/", admin.site.urls),
]
