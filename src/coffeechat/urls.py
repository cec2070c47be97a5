"""The project's URLs: each app's own, under its step of the practice."""

from importlib import import_module

from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from coffeechat.accounts import sso
from coffeechat.conversations.who_next_view import who_next
from coffeechat.core.views import require_methods
from coffeechat.people import urls as people_urls

# Who to ask next is shown among the people (step 2), but ranks them by their conversations.
people_patterns = [path("next/", who_next, name="who_next"), *people_urls.urlpatterns]


def sso_patterns(with_saml: bool) -> list:
    """The pages of django-allauth that signing in with the university takes, under allauth's
    own names (it reverses them), each with the methods it answers; not allauth's login,
    sign-up, password or email pages: coffeechat has its own (accounts:login, …)."""
    get, get_post = require_methods("GET"), require_methods("GET", "POST")
    patterns = [
        path("login/cancelled/", sso.login_cancelled, name="socialaccount_login_cancelled"),
        path(
            "oidc/<str:provider_id>/login/",
            get_post(sso.leave_for_provider(oidc_views.login)),
            name="openid_connect_login",
        ),
        path(
            "oidc/<str:provider_id>/login/callback/",
            get(oidc_views.callback),
            name="openid_connect_callback",
        ),
    ]
    if with_saml:
        # python3-saml loads the xmlsec C library as it is imported: only a server that signs
        # in with SAML loads it, so a broken build of it can stop no one else.
        saml = import_module("allauth.socialaccount.providers.saml.views")
        prefix = "saml/<str:organization_slug>/"
        patterns += [
            path(
                f"{prefix}login/", get_post(sso.leave_for_provider(saml.login)), name="saml_login"
            ),
            path(f"{prefix}acs/", require_methods("POST")(saml.acs), name="saml_acs"),
            path(f"{prefix}acs/finish/", get(saml.finish_acs), name="saml_finish_acs"),
            path(f"{prefix}sls/", get(saml.sls), name="saml_sls"),
            path(f"{prefix}metadata/", get(saml.metadata), name="saml_metadata"),
        ]
    return patterns


urlpatterns = [
    path("", include("coffeechat.today.urls")),
    path("search/", include("coffeechat.search.urls")),
    path("accounts/", include("coffeechat.accounts.urls")),
    path("accounts/sso/", include(sso_patterns("saml" in settings.SOCIALACCOUNT_PROVIDERS))),
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
