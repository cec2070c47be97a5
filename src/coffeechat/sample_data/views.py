"""Load the demo story into an empty account from Today (local mode): a newcomer sees every
step filled in before entering their own."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from coffeechat.core.views import require_methods
from coffeechat.sample_data.fill import AccountHasData, fill_account


@require_methods("POST")
def load_sample_story(request: HttpRequest) -> HttpResponse:
    if not settings.LOCAL_MODE:
        raise Http404("The sample story is offered on a laptop only.")
    try:
        fill_account(request.user, "demo")
    except AccountHasData:
        messages.error(
            request, "Your account already holds your own work, so the sample story was not added."
        )
    else:
        messages.success(
            request, "The sample story is loaded: every step shows what it looks like in use."
        )
    return redirect("today:today")
