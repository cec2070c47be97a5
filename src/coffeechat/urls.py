"""The project's URLs: each app's own, under its step of the practice."""

from django.contrib import admin
from django.urls import include, path

from coffeechat.conversations.who_next_view import who_next
from coffeechat.people import urls as people_urls

# Who to ask next is shown among the people (step 2), but ranks them by their conversations.
people_patterns = [path("next/", who_next, name="who_next"), *people_urls.urlpatterns]

urlpatterns = [
    path("", include("coffeechat.today.urls")),
    path("search/", include("coffeechat.search.urls")),
    path("accounts/", include("coffeechat.accounts.urls")),
    path("research/", include("coffeechat.research.urls")),
    path("people/", include((people_patterns, "people"))),
    path("prepare/", include("coffeechat.prepare.urls")),
    path("outreach/", include("coffeechat.outreach.urls")),
    path("conversations/", include("coffeechat.conversations.urls")),
    path("follow-up/", include("coffeechat.followup.urls")),
    path("exports/", include("coffeechat.exports.urls")),
    path("calendars/", include("coffeechat.calendars.urls")),
    path("insights/", include("coffeechat.insights.urls")),
    path("center/", include("coffeechat.center.urls")),
    path("sample-data/", include("coffeechat.sample_data.urls")),
    path("admin/", admin.site.urls),
]

# A full disk answers 507 with a page in words; any other unanswered error the plain 500 page.
handler500 = "coffeechat.core.error_views.server_error"
