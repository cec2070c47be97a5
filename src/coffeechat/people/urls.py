from django.urls import path

from coffeechat.core.crud import entity_urls
from coffeechat.people import import_views
from coffeechat.people.merge_urls import urlpatterns as merge_urlpatterns
from coffeechat.people.views import ENTITIES

# Who to ask next (people:who_next, /people/next/) is added by the project's urls.py: it reads
# the conversations, which sit above the people, so its view lives in that app.
app_name = "people"
urlpatterns = [
    path("imports/", import_views.upload, name="importbatch_upload"),
    path("imports/<int:importbatch_id>/", import_views.detail, name="importbatch_detail"),
    path(
        "imports/<int:importbatch_id>/mapping/",
        import_views.save_mapping,
        name="importbatch_mapping",
    ),
    path(
        "imports/<int:importbatch_id>/encoding/",
        import_views.save_encoding,
        name="importbatch_encoding",
    ),
    path("imports/<int:importbatch_id>/import/", import_views.commit, name="importbatch_commit"),
    path("imports/<int:importbatch_id>/cancel/", import_views.cancel, name="importbatch_cancel"),
    *merge_urlpatterns,
    *entity_urls(ENTITIES),
]
