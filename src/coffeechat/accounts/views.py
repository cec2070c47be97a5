"""Signing in and out: one-time links in local mode; sign-up and passwords in server mode."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from coffeechat.accounts import throttle
from coffeechat.accounts.forms import UNUSABLE, SignupForm
from coffeechat.accounts.models import LoginLink
from coffeechat.core.views import require_methods

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
@never_cache
@require_methods("GET")
def link(request: HttpRequest) -> HttpResponse:
    """Exchange a one-time token for a session, then leave the token out of the address bar."""
    if not settings.LOCAL_MODE:
        raise Http404("Login links are only used on a computer's own copy of coffeechat.")
    user = LoginLink.redeem(request.GET.get("token", ""))
    if user is None:
        response = render(request, "accounts/link_invalid.html", status=403)
        response["Referrer-Policy"] = "no-referrer"
        return response
    login(request, user, backend=MODEL_BACKEND)  # login() also rotates the session key
    response = redirect("today:today")
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@never_cache
@require_methods("GET", "POST")
def signup(request: HttpRequest) -> HttpResponse:
    """A new account on a shared server; SignupForm says why it reveals no usernames."""
    if settings.LOCAL_MODE:
        raise Http404("Sign-up is only open on a shared server.")
    if request.user.is_authenticated:
        return redirect("today:today")
    if request.method == "POST" and not throttle.signup_allowed(request):
        context = {"minutes": throttle.signup_limit().minutes}
        return render(request, "accounts/signup_paused.html", context, status=429)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:  # the same name, created a moment ago by someone else
            form.add_error("username", UNUSABLE)
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, "Welcome to coffeechat.")
            return redirect("today:today")
    return render(request, "accounts/signup.html", {"form": form})


@never_cache
@require_methods("GET", "POST")
def password(request: HttpRequest) -> HttpResponse:
    """Change the password, or set a first one for an account that came in by a login link."""
    form_class = PasswordChangeForm if request.user.has_usable_password() else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password is saved.")
        return redirect("today:today")
    return render(
        request,
        "accounts/password.html",
        {"form": form, "setting_first": form_class is SetPasswordForm},
    )
