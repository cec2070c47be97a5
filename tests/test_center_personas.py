"""Private by default, in a career center: every URL of the project walked as each part a
person can play who is not the seeker — a coach the seeker does not share with, a coach of
another cohort (even holding a stale share), the coach they share only progress figures with,
an alumni volunteer, a center admin, a seeker of another cohort and a visitor. Each gets a
404 for every row not shared with them, on GET and POST, and the seeker's text appears on
none of the pages they can open.

Routes are discovered from the URL configuration, as in test_stranger.py: a page added later
is walked without touching this file, and a new kind of URL argument fails until taught.
"""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from coffeechat.center import reviews
from coffeechat.center.models import Invitation, Membership, Role
from coffeechat.outreach.models import Message
from tests.center_factories import (
    make_coach,
    make_cohort,
    make_member,
    make_share,
    make_volunteer,
    make_volunteer_request,
)
from tests.factories import make_one_of_everything
from tests.test_stranger import MARKER, NON_OBJECT_KWARGS, QUERY, visible_text
from tests.urlwalk import all_routes, owned_model_for_kwarg

ROUTES = [route for route in all_routes() if route.namespace != "admin"]

# URL arguments of career-center pages, and the center row each names in the world below.
CENTER_KWARGS = {
    "share_id": "share",
    "seeker_id": "seeker",
    "volunteerrequest_id": "volunteer_request",
    "cohort_id": "cohort",
    "invitation_id": "invitation",
    "membership_id": "membership",
    "review_id": "review",
    "volunteerprofile_id": "volunteer_profile",
}
# What a center admin may open: the center's own rows, never a seeker's.
ADMIN_KWARGS = {"cohort_id", "invitation_id", "membership_id"}

PERSONAS = [
    "unshared_coach",
    "other_cohort_coach",
    "progress_coach",
    "volunteer",
    "center_admin",
    "other_seeker",
    "visitor",
]


@pytest.fixture
def world(db, settings):
    settings.LOCAL_MODE = False
    cohort = make_cohort("Economics 2027")
    elsewhere = make_cohort("History 2028")
    seeker = make_member("seeker", Role.SEEKER, cohort)
    objects = make_one_of_everything(seeker, MARKER)
    people = {
        "seeker": seeker,
        "progress_coach": make_coach("progress_coach", cohort),
        "unshared_coach": make_coach("unshared_coach", cohort),
        "other_cohort_coach": make_coach("other_cohort_coach", elsewhere),
        "volunteer": make_volunteer("volunteer"),
        "center_admin": make_member("center_admin", Role.ADMIN),
        "other_seeker": make_member("other_seeker", Role.SEEKER, elsewhere),
    }
    share = make_share(seeker, people["progress_coach"], progress=True, plans=False)
    # A share left from a cohort the seeker was moved out of gives no sight, nor does a
    # request for review made through it.
    stale = make_share(seeker, people["other_cohort_coach"], progress=True, plans=True)
    review = reviews.ask(stale, objects[Message])
    asked = make_volunteer("asked_volunteer")
    invitation, _ = Invitation.issue(
        role=Role.SEEKER, cohort=cohort, created_by=people["center_admin"], max_uses=5
    )
    center_rows = {
        "share": share,
        "seeker": seeker,
        "volunteer_request": make_volunteer_request(seeker, asked, f"{MARKER} request"),
        "cohort": cohort,
        "invitation": invitation,
        "membership": Membership.objects.get(user=seeker),
        "review": review,
        "volunteer_profile": asked.volunteer_profile,
    }
    return objects, center_rows, people


def _url(route, objects, center_rows) -> tuple[str, set[str]]:
    kwargs, object_kwargs = {}, set()
    for kwarg in route.kwarg_names:
        model = owned_model_for_kwarg(kwarg)
        if model is not None:
            kwargs[kwarg] = objects[model].pk
            object_kwargs.add(kwarg)
        elif kwarg in CENTER_KWARGS:
            kwargs[kwarg] = center_rows[CENTER_KWARGS[kwarg]].pk
            object_kwargs.add(kwarg)
        elif kwarg in NON_OBJECT_KWARGS:
            kwargs[kwarg] = NON_OBJECT_KWARGS[kwarg]
        else:
            pytest.fail(f"{route.name} takes {kwarg!r}: teach CENTER_KWARGS what it names")
    return reverse(route.name, kwargs=kwargs), object_kwargs


def entitled(persona: str, route, object_kwargs: set[str]) -> bool:
    """A page naming a row that this persona may legitimately open."""
    if persona == "center_admin":
        return route.namespace == "center" and object_kwargs <= ADMIN_KWARGS
    if persona == "progress_coach":
        return route.name == "center:coach_seeker"
    if persona == "other_seeker":  # any seeker of the center may ask an alumni volunteer
        return route.namespace == "center" and object_kwargs == {"volunteerprofile_id"}
    return False


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_is_404_or_shows_nothing_private(persona, client, world):
    objects, center_rows, people = world
    if persona != "visitor":
        client.force_login(people[persona])
    problems = []
    for route in ROUTES:
        url, object_kwargs = _url(route, objects, center_rows)
        if object_kwargs and not entitled(persona, route, object_kwargs):
            for method in ("get", "post"):
                status = getattr(client, method)(url, {"title": "x", "name": "x"}).status_code
                expected = (404,) if persona != "visitor" else (302, 404, 410)
                if status not in expected:
                    problems.append(f"{method.upper()} {url}: {status}")
            continue
        response = client.get(url, {"q": QUERY})
        if response.status_code >= 500:
            problems.append(f"GET {url}: {response.status_code}")
        elif MARKER in visible_text(response):
            problems.append(f"GET {url} shows the seeker's text")
    for obj in list(objects.values()) + list(center_rows.values()):
        obj.refresh_from_db()  # nothing was deleted by anyone's POST
    assert not problems, f"as {persona}:\n" + "\n".join(problems)


def test_the_coach_shared_with_sees_the_seeker_and_no_text(client, world):
    _, _, people = world
    client.force_login(people["progress_coach"])
    url = reverse("center:coach_seeker", args=[people["seeker"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Step reached" in response.content.decode()
    assert MARKER not in response.content.decode()


def test_every_center_view_declares_its_methods(world):
    objects, center_rows, _ = world
    undeclared = []
    for route in ROUTES:
        if route.namespace != "center":
            continue
        url, _ = _url(route, objects, center_rows)
        methods = getattr(resolve(url).func, "http_methods", None)
        if not methods or not set(methods) <= {"GET", "HEAD", "POST"}:
            undeclared.append(f"{route.name}: {methods}")
    assert not undeclared, "decorate with require_methods or rows_first: " + ", ".join(undeclared)
