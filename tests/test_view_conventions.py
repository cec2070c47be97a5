"""One way to write a view: every page of the project declares the HTTP methods it answers
(core.views.require_methods or owned_object), any other method gets 405 with an Allow header,
and for a page of one row, another user's row is a 404 before any method is looked at."""

from __future__ import annotations

import pytest
from django.urls import resolve

from tests.test_stranger import ROUTES, _url, seekers_data  # noqa: F401 — a fixture
from tests.urlwalk import owned_model_for_kwarg

# Views that are Django's own (the login and logout pages) follow Django's conventions.
DJANGO_VIEWS = {"accounts:login", "accounts:logout"}
OUR_ROUTES = [route for route in ROUTES if route.name not in DJANGO_VIEWS]
OBJECT_ROUTES = [
    route for route in OUR_ROUTES if any(owned_model_for_kwarg(k) for k in route.kwarg_names)
]


def _view(url: str):
    return resolve(url).func


@pytest.mark.parametrize("route", OUR_ROUTES, ids=lambda r: r.name)
def test_every_view_declares_its_methods(route, seekers_data):  # noqa: F811
    url, _ = _url(route, seekers_data)
    methods = getattr(_view(url), "http_methods", None)
    assert methods, f"{route.name}: decorate the view with require_methods or owned_object"
    assert set(methods) <= {"GET", "HEAD", "POST"}, methods


@pytest.mark.parametrize("route", OUR_ROUTES, ids=lambda r: r.name)
def test_other_methods_get_405_with_the_allowed_ones(route, client, seeker, seekers_data):  # noqa: F811
    url, _ = _url(route, seekers_data)
    client.force_login(seeker)
    response = client.generic("PUT", url)
    assert response.status_code == 405, url
    assert set(response["Allow"].split(", ")) == set(_view(url).http_methods)


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_another_users_row_is_404_whatever_the_method(
    route,
    method,
    client,
    stranger,
    seekers_data,  # noqa: F811
):
    url, named_objects = _url(route, seekers_data)
    client.force_login(stranger)
    assert client.generic(method, url).status_code == 404, f"{method} {url}"
    for obj in named_objects:
        obj.refresh_from_db()  # still there
