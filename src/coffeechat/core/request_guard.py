"""What every request and response passes first and last, before any work is done for it.

- A body larger than any form or upload could be is refused from its declared length, before
  a byte of it is read (HTTP 413, in words). A request without a session can only be a login
  or sign-up form, so it may send a form's text and no file. waitress, in front, refuses
  what is larger still (`coffeechat serve` sets its limit from the same figure).
- Control characters (NUL, line breaks, escapes) in the query string are removed: no filter,
  search or id has a use for them, and NUL is refused by PostgreSQL.
- Pages are private: `Cache-Control: private, no-store` unless a response chose its own
  (static files), so a shared computer's browser or a proxy keeps no copy of anyone's notes.
- HEAD gets the headers of GET and no body: a body there is read by a client that reuses the
  connection as the start of the next response.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from coffeechat.core.uploads import describe_size
from coffeechat.lib.control_chars import has_controls, without_controls

logger = logging.getLogger("django.security.RequestDataTooBig")

# Room for a multipart body's boundaries and headers around the form's text and its file.
_MULTIPART_ROOM = 64 * 1024


def body_limit(with_session: bool = True) -> int:
    """The largest request body the app reads: a form's text, and with a session one file."""
    text = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    if not with_session:
        return text + _MULTIPART_ROOM
    return text + settings.MAX_UPLOAD_BYTES + _MULTIPART_ROOM


class RequestGuard:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = _declared_length(request)
        with_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if declared > body_limit(with_session):
            logger.warning("Request body too big: %s bytes to %s", declared, request.path)
            response = request_too_big(request, declared, body_limit(with_session))
        else:
            _clean_query(request)
            response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        if request.method == "HEAD":
            _drop_body(response)
        return response


def _declared_length(request: HttpRequest) -> int:
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() else 0


def _clean_query(request: HttpRequest) -> None:
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    values = request.GET
    if not any(has_controls(text) for text in _texts(values)):
        return
    cleaned = QueryDict(mutable=True)
    for key, items in values.lists():
        cleaned.setlist(without_controls(key), [without_controls(item) for item in items])
    cleaned._mutable = False
    request.GET = cleaned


def _texts(values: QueryDict):
    for key, items in values.lists():
        yield key
        yield from items


def _drop_body(response: HttpResponse) -> None:
    if response.streaming:
        response.streaming_content = []
        return
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)


def request_too_big(request: HttpRequest, size: int, limit: int) -> HttpResponse:
    context = {
        "size": describe_size(size, round_up=True),
        "limit": describe_size(limit),
        "file_limit": describe_size(settings.MAX_UPLOAD_BYTES),
    }
    return render(request, "core/request_too_big.html", context, status=413)
