"""The admin site: on a shared server it shows accounts only, never what people keep in them.

Each seeker's notes are theirs alone ("nobody else on this server can see them"), and that
holds for the server's superusers too. So in server mode the admin lists and edits accounts
(username, active flag, staff flag, dates, and a count of rows when an account is deleted) and
nothing else: every other model's pages are 404 and absent from the index, whoever registered
them. On a person's own computer (local mode) there is one account and the data is its own, so
the admin shows the rows read-only, as before.

The rule lives here, in the site, rather than in each app's ModelAdmin, so that a model
registered later is hidden on a server without anyone remembering to hide it.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.http import Http404

# The models a server's admin may show: accounts, not their contents.
SERVER_MODELS = frozenset({"auth.user"})
# The site's own pages a server's admin keeps (no autocomplete, no "view on site" jumps).
SERVER_SITE_VIEWS = frozenset(
    {"index", "app_index", "logout", "password_change", "password_change_done", "i18n_javascript"}
)


def shown_on_server(view) -> bool:
    owner = getattr(view, "__self__", None)
    if isinstance(owner, admin.ModelAdmin):
        return owner.model._meta.label_lower in SERVER_MODELS
    return getattr(view, "__name__", "") in SERVER_SITE_VIEWS


class CoffeechatAdminSite(admin.AdminSite):
    site_header = "coffeechat administration"
    site_title = "coffeechat"

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)
        allowed_on_server = shown_on_server(view)

        @wraps(checked)
        def inner(request, *args, **kwargs):
            if not settings.LOCAL_MODE and not allowed_on_server:
                raise Http404("The admin of a shared server shows accounts only.")
            return checked(request, *args, **kwargs)

        return inner

    def _build_app_dict(self, request, label=None):
        app_dict = super()._build_app_dict(request, label)
        if settings.LOCAL_MODE:
            return app_dict
        kept = {name: _only_server_models(app) for name, app in app_dict.items()}
        return {name: app for name, app in kept.items() if app["models"]}


def _only_server_models(app: dict) -> dict:
    models = [m for m in app["models"] if m["model"]._meta.label_lower in SERVER_MODELS]
    return {**app, "models": models}
