"""A form too big to read gets a page that says so, in the site's layout, with HTTP 413.

Django refuses a request whose form text is larger than DATA_UPLOAD_MAX_MEMORY_SIZE the
moment something reads `request.POST` (the CSRF check, before any view), and answers a bare
400. This middleware reads the form first, where that refusal can still be answered in words:
what was too big, the limit, and how to get back to what was typed. The site's script checks
the same limit before a form is sent (coffeechat.js), so with scripts on this page is rare.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from coffeechat.core.uploads import describe_size

logger = logging.getLogger("django.security.RequestDataTooBig")


class FormTooBig:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 — parsed here, where a refusal can be explained
            except RequestDataTooBig:
                logger.warning("Form too big: %s %s", request.method, request.path)
                return form_too_big(request)
        return self.get_response(request)


def form_too_big(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    context = {"limit": describe_size(limit), "back_url": _back_url(request)}
    return render(request, "core/form_too_big.html", context, status=413)


def _back_url(request: HttpRequest) -> str:
    """The page the form was on, when the browser said so and it is this site's."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"
