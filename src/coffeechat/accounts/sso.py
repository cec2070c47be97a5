"""Single sign-on with a university's identity provider (OpenID Connect or SAML, through
django-allauth): who a person coming from it becomes in coffeechat.

- The first sign-in makes an account: its username comes from the provider (the preferred
  username, else the part of the email address before the @), shaped and made unique by the
  same rules as sign-up (coffeechat.accounts.forms); its profile is made with it and takes
  the person's name and their address, when verified.
- Later sign-ins find that account by the provider's identifier for the person, never by name.
- An address the provider does not vouch for is not kept, and never leads to an existing
  account. A verified one leads to one only when the center allows it
  (COFFEECHAT_SSO_CONNECT_BY_EMAIL), only to the one account of that address, never to a
  staff account or one already linked to someone else at the provider; see
  docs/single-sign-on.md.
- Only identity providers configured by environment variables exist (none in local mode).
"""

from __future__ import annotations

import functools
import logging
import re
import secrets
import unicodedata
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialApp
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.accounts.clock import get_profile
from coffeechat.accounts.forms import USERNAME_SHAPE, username_unusable
from coffeechat.core.views import require_methods

logger = logging.getLogger("coffeechat.sso")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Room left under Django's 150 characters for the number that makes a name unique.
BASE_LENGTH = 140
FALLBACK_USERNAME = "member"
_NOT_IN_USERNAMES = re.compile(r"[^a-z0-9._+-]+")


def username_base(*hints: str | None) -> str:
    """The first hint that gives a usable name, in the shape sign-up allows: ASCII letters,
    digits and . _ + - (accents dropped, spaces become dots), lower case, starting with a
    letter or digit. An email address or a user@realm name gives its part before the @."""
    for hint in hints:
        text = (hint or "").strip().partition("@")[0]
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        name = _NOT_IN_USERNAMES.sub("", re.sub(r"\s+", ".", ascii_text.lower()))
        name = name.lstrip("._+-")[:BASE_LENGTH].rstrip("._+-")
        if name:
            return name
    return FALLBACK_USERNAME


def unique_username(base: str) -> str:
    """base, or base2, base3, …: the first that is neither taken (as sign-up compares names,
    ignoring case and . _ -) nor reserved."""
    for number in range(1, 100):
        candidate = base if number == 1 else f"{base}{number}"
        if not username_unusable(candidate):
            return candidate
    return f"{base}{secrets.token_hex(4)}"  # a hundred of one name: stop counting


def sso_enabled() -> bool:
    return not settings.LOCAL_MODE and bool(settings.SOCIALACCOUNT_PROVIDERS)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's account side, used only by single sign-on: coffeechat keeps its own login,
    sign-up and password pages, and allauth's are not mounted."""

    def clean_username(self, username: str, shallow: bool = False) -> str:
        # The shape only: SocialAccountAdapter.save_user makes the name unique as it saves,
        # so a taken name becomes name2 instead of being dropped.
        if not USERNAME_SHAPE.fullmatch(username):
            raise forms.ValidationError("Not a username coffeechat accepts.")
        return username

    def login(self, request: HttpRequest, user) -> None:
        # Django's own backend, as login links and sign-up use: the session then names a
        # backend that can load the user (axes's cannot).
        user.backend = MODEL_BACKEND
        super().login(request, user)

    def respond_user_inactive(self, request: HttpRequest, user) -> HttpResponse:
        return render(request, "socialaccount/inactive.html", status=403)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """How a person from the identity provider becomes, or finds, their account."""

    def list_apps(self, request, provider=None, client_id=None) -> list[SocialApp]:
        """The identity providers of the environment only (settings.SOCIALACCOUNT_PROVIDERS),
        never rows of the database, and none in local mode."""
        if settings.LOCAL_MODE:
            return []
        apps = []
        for provider_name, provider_settings in settings.SOCIALACCOUNT_PROVIDERS.items():
            for config in provider_settings.get("APPS", []):
                app = SocialApp(provider=provider_name, **config)
                if provider and provider not in (app.provider, app.provider_id):
                    continue
                if client_id and app.client_id != client_id:
                    continue
                apps.append(app)
        return apps

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        """The page says only that it did not work; the server's log says why (never a
        token: the exception's class and allauth's reason)."""
        context = extra_context or {}
        reason = context.get("saml_last_error_reason") or error
        if "state_id" in context:
            reason = "the answer matches no sign-in started in this browser (state)"
        logger.warning(
            "Single sign-on with %s failed: %s%s",
            getattr(provider, "sub_id", provider),
            reason,
            f" ({type(exception).__name__})" if exception else "",
        )

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        if not sso_enabled():
            raise Http404("Single sign-on is not configured here.")
        # Signing in only: coffeechat has no page to link or unlink providers.
        if sociallogin.state.get("process") not in (None, "login"):
            raise Http404("Linking another sign-in to an account is not offered.")

    def populate_user(self, request: HttpRequest, sociallogin, data: dict):
        user = super().populate_user(request, sociallogin, data)
        user.username = username_base(
            data.get("username"),
            data.get("email"),
            " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part),
        )
        return user

    def authenticate_by_email(self, sociallogin):
        """The existing account a verified address leads to, when the center allows it: the
        only account with that address, not a staff account, not linked to another person of
        the same provider. allauth then makes its password unusable and keeps the link."""
        if not settings.SSO_CONNECT_BY_EMAIL:
            return None
        provider = sociallogin.account.provider
        for address in sociallogin.email_addresses:
            if not address.verified:
                continue
            users = list(get_user_model().objects.filter(email__iexact=address.email)[:2])
            if len(users) != 1:
                continue  # none, or ambiguous: a new account rather than a guess
            user = users[0]
            if user.is_staff or user.is_superuser:
                continue
            if SocialAccount.objects.filter(user=user, provider=provider).exists():
                continue
            return user, address.email
        return None

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        """A new account: no password, the verified address only, a unique username, and the
        profile filled with the name and address from the provider."""
        user = sociallogin.user
        user.set_unusable_password()
        verified = [address for address in sociallogin.email_addresses if address.verified]
        sociallogin.email_addresses = verified
        user.email = verified[0].email if verified else ""
        base = username_base(user.username)
        for attempt in range(3):
            user.username = unique_username(base)
            try:
                with transaction.atomic():
                    sociallogin.save(request)
            except IntegrityError:  # the same name, taken a moment ago by another sign-in
                user.pk = None
                if attempt == 2:
                    raise
            else:
                break
        profile = get_profile(user)
        profile.display_name = " ".join(part for part in (user.first_name, user.last_name) if part)
        profile.email = user.email
        profile.save(update_fields=["display_name", "email", "updated_at"])
        return user


@login_not_required
@require_methods("GET")
def login_cancelled(request: HttpRequest) -> HttpResponse:
    """Where allauth sends a person who cancelled at the identity provider (its own view
    would link to allauth's login and sign-up pages, which are not mounted)."""
    return render(request, "socialaccount/login_cancelled.html")


def leave_for_provider(view):
    """Wraps the view that starts a sign-in: its redirect to the identity provider becomes a
    page that moves on by itself (and has a link). Browsers check a form's target against the
    page's CSP `form-action 'self'` through every redirect that follows the POST, so a redirect
    to the provider, and on from it to a campus login, would be refused."""

    @functools.wraps(view)  # keeps login_not_required and csrf_exempt
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        target = response.get("Location", "") if response.status_code in (301, 302) else ""
        if not urlsplit(target).netloc:
            return response
        return render(request, "socialaccount/leaving.html", {"target": target})

    return wrapper
