"""Private by default: every URL of the project, walked as someone who does not own the data.

The routes are discovered from the URL configuration, so a page added later is covered
without touching this file; a new kind of URL argument makes the test fail until it is taught.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories import make_one_of_everything
from tests.urlwalk import all_routes, owned_model_for_kwarg

MARKER = "Zyxwvutsrq"
# Searching for the start of the marker finds the seeker's rows, yet an echo of the query
# itself never contains the whole marker: any full marker on the page is a leak.
QUERY = MARKER[:6]

# URL arguments that do not name an owned object, with a value to call them with.
NON_OBJECT_KWARGS: dict[str, str] = {
    "token": "not-a-real-feed-token-0123456789abcdefghij",
    # Single sign-on (django-allauth): the identity provider's id in its addresses, not a row.
    "provider_id": "university",
    "organization_slug": "university",
}

# Pages anyone may open without logging in.
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:link",
    "accounts:signup",
    "calendars:feed",
    # Signing in with the university (django-allauth, mounted without a namespace because
    # allauth reverses these names): visited before one has a session, so they are open, and
    # answer 404 where no identity provider is configured, as in these tests.
    "socialaccount_login_cancelled",
    "openid_connect_login",
    "openid_connect_callback",
}

# The admin is for staff and has its own login; walked separately below. Career-center pages
# exist only on a server: test_center_personas.py walks every URL there, as every part.
SEPARATELY_CHECKED_NAMESPACES = {"admin", "center"}

ROUTES = [r for r in all_routes() if r.namespace not in SEPARATELY_CHECKED_NAMESPACES]


def _url(route, objects) -> tuple[str, list]:
    kwargs, named_objects = {}, []
    for kwarg in route.kwarg_names:
        model = owned_model_for_kwarg(kwarg)
        if model is not None:
            kwargs[kwarg] = objects[model].pk
            named_objects.append(objects[model])
        elif kwarg in NON_OBJECT_KWARGS:
            kwargs[kwarg] = NON_OBJECT_KWARGS[kwarg]
        else:
            pytest.fail(
                f"{route.name} takes {kwarg!r}, which names no owned model; name object "
                f"arguments <model_name>_id or add it to NON_OBJECT_KWARGS."
            )
    return reverse(route.name, kwargs=kwargs), named_objects


def test_every_route_is_named_and_walked():
    unnamed = [route for route in ROUTES if not route.is_named]
    assert not unnamed, f"every URL pattern needs a name: {unnamed}"
    names = {route.name for route in ROUTES}
    # Spot-check that discovery reaches into every app.
    for expected in (
        "today:today",
        "search:search",
        "people:contact_detail",
        "research:organization_edit",
        "conversations:takeaway_delete",
        "followup:joblead_list",
        "outreach:message_create",
        "prepare:profile",
    ):
        assert expected in names


def visible_text(response) -> str:
    """What a response shows: its text, or for a ZIP download the text of every file in it."""
    if response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.content)) as zipped:
            return "\n".join(zipped.read(name).decode() for name in zipped.namelist())
    return response.getvalue().decode()


@pytest.fixture
def seekers_data(seeker):
    return make_one_of_everything(seeker, MARKER)


@pytest.mark.parametrize("persona", ["stranger", "coach"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_other_users_get_404_and_see_nothing(route, persona, request, client, seeker, seekers_data):
    other = request.getfixturevalue(persona)
    url, named_objects = _url(route, seekers_data)

    client.force_login(seeker)
    own = client.get(url)
    working = (200, 302, 405) + ((403, 404) if route.name in PUBLIC_ROUTES else ())
    assert own.status_code in working, f"{url} should work for its owner"

    client.force_login(other)
    if named_objects:
        assert client.get(url).status_code == 404, f"GET {url} as {persona}"
        assert client.post(url, {"title": "x", "name": "x"}).status_code == 404, f"POST {url}"
        for obj in named_objects:
            obj.refresh_from_db()  # still there: a stranger's POST changed nothing
    else:
        response = client.get(url, {"q": QUERY})
        assert response.status_code in working
        assert MARKER not in visible_text(response), f"{url} shows the seeker's data"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_visitors_are_sent_to_login(route, client, seekers_data):
    url, _ = _url(route, seekers_data)
    response = client.get(url)
    if route.name in PUBLIC_ROUTES:
        assert response.status_code in (200, 403, 404)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert MARKER not in visible_text(response)


def test_stranger_search_finds_nothing_of_the_seekers(stranger_client, seekers_data):
    response = stranger_client.get(reverse("search:search"), {"q": QUERY})
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


def test_owner_search_finds_own_rows(client, seeker, seekers_data):
    client.force_login(seeker)
    response = client.get(reverse("search:search"), {"q": QUERY})
    assert MARKER in response.content.decode()


def test_admin_is_closed_to_non_staff(stranger_client, seekers_data):
    contact = seekers_data[next(m for m in seekers_data if m.__name__ == "Contact")]
    url = reverse("admin:people_contact_change", args=[contact.pk])
    response = stranger_client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
