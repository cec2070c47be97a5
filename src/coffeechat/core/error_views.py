"""The page for an error the view did not answer itself (Django's handler500).

A full disk is not a fault of the program: it gets HTTP 507 and a page that says what to do.
Every other error gets the plain 500 page, which needs nothing that could fail again (no
database, no session)."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from coffeechat.core.faults import is_disk_full


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if error is not None and is_disk_full(error):
        try:
            return render(request, "core/disk_full.html", status=507)
        except Exception:  # the styled page failed too; the plain one still answers
            return HttpResponse(
                "The disk is full, so nothing was saved; free some space and try again.",
                status=507,
                content_type="text/plain; charset=utf-8",
            )
    return HttpResponseServerError(loader.get_template("500.html").render())
