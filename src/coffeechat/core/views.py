"""The one way to write a view: declare the HTTP methods it answers, and for a view of one
owned row, let the decorator look the row up for the user first.

    @require_methods("GET", "POST")
    def profile(request): ...

    @owned_object(Conversation, "GET", "POST")
    def wrap_up(request, conversation): ...

owned_object answers 404 before 405: another user's row does not exist for you, whatever the
method, so a stranger learns nothing from the answer. Both set `view.http_methods`, which a
test checks on every URL of the project.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from coffeechat.core.models import OwnedModel

View = Callable[..., HttpResponse]


def require_methods(*methods: str) -> Callable[[View], View]:
    """The view answers these methods; any other gets 405 with an Allow header."""
    allowed = _normalized(methods)

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return _run(view, request, *args, **kwargs)

        wrapper.http_methods = allowed
        return wrapper

    return decorator


def owned_object(model: type[OwnedModel], *methods: str) -> Callable[[View], View]:
    """The view gets the user's own `model` row named by the URL's `<model_name>_id` in place
    of that keyword: another user's row, or none, is a 404 before any method is looked at."""
    allowed = _normalized(methods or ("GET",))
    keyword = f"{model._meta.model_name}_id"

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            obj = model.get_for_user(request.user, kwargs.pop(keyword))
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return _run(view, request, obj, *args, **kwargs)

        wrapper.http_methods = allowed
        return wrapper

    return decorator


def rows_first(*methods: str, **lookups: Callable) -> Callable[[View], View]:
    """Like owned_object, for rows whose access is decided elsewhere (a career center's
    shares and requests): each `<name>_id` keyword is passed to its lookup, `lookup(user, id)`,
    which answers 404 for a row the user may not see, and the view gets the row as `<name>`.
    The lookups run before the method is looked at, so a stranger learns nothing from a 405."""
    allowed = _normalized(methods or ("GET",))
    for keyword in lookups:
        if not keyword.endswith("_id"):
            raise ValueError(f"{keyword}: a looked-up keyword names a row, <name>_id")

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            for keyword, lookup in lookups.items():
                kwargs[keyword.removesuffix("_id")] = lookup(request.user, kwargs.pop(keyword))
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return _run(view, request, *args, **kwargs)

        wrapper.http_methods = allowed
        return wrapper

    return decorator


def _run(view: View, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """A request that changes something does all of it or none: its writes (a row, its search
    entry, a status and its side effects) commit together when the view returns, and a
    failure half-way (a full disk) leaves nothing. Reading pages open no transaction, so on
    SQLite they never wait for a writer."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return view(request, *args, **kwargs)
    with transaction.atomic():
        return view(request, *args, **kwargs)


def _normalized(methods) -> list[str]:
    """The methods in capitals; a view that answers GET answers HEAD too (the same headers,
    no body: RequestGuard drops it), as HTTP requires and calendar clients expect."""
    if not methods:
        raise ValueError("name the HTTP methods the view answers")
    allowed = [method.upper() for method in methods]
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")
    return allowed
