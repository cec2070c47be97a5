"""An organization's page gathers what its people taught the seeker: the takeaways of the
conversations about it, grouped by category, each with who said it; never another user's, and
at the same cost however many there are."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.conversations.models import Takeaway
from coffeechat.conversations.organization_page import TAKEAWAYS_SHOWN
from tests.factories import make_contact, make_conversation, make_organization, make_takeaway

Category = Takeaway.Category


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _page(organization) -> str:
    return reverse("research:organization_detail", args=[organization.pk])


def _section(client, organization):
    section = _soup(client.get(_page(organization))).select_one(".org-learning")
    assert section is not None
    return section


@pytest.fixture
def harbor(seeker):
    organization = make_organization(seeker, name="Harbor Health")
    grace = make_contact(seeker, first_name="Grace", last_name="Hopper", organization=organization)
    alan = make_contact(seeker, first_name="Alan", last_name="Turing", organization=organization)
    with_grace = make_conversation(seeker, contact=grace)
    with_alan = make_conversation(seeker, contact=alan)
    make_takeaway(seeker, conversation=with_grace, category=Category.SKILLS, text="SQL daily")
    make_takeaway(seeker, conversation=with_alan, category=Category.SKILLS, text="Learn R too")
    make_takeaway(seeker, conversation=with_alan, category=Category.CULTURE, text="Quiet Fridays")
    return {"organization": organization, "grace": with_grace, "alan": with_alan}


def test_takeaways_from_two_people_are_grouped_by_category_with_who_said_them(
    seeker_client, harbor
):
    section = _section(seeker_client, harbor["organization"])
    skills = section.select_one("#learned-skills")
    culture = section.select_one("#learned-culture")
    assert "Skills" in skills.h3.get_text() and "(2)" in skills.h3.get_text()
    lines = {li.contents[0].strip(): li.a for li in skills.select("li")}
    assert set(lines) == {"SQL daily", "Learn R too"}
    assert lines["SQL daily"]["href"] == harbor["grace"].get_absolute_url()
    assert lines["SQL daily"].get_text() == "Grace Hopper"
    assert lines["Learn R too"]["href"] == harbor["alan"].get_absolute_url()
    assert "Quiet Fridays" in culture.get_text()
    # Categories in the order the takeaway form offers them.
    order = [group["id"] for group in section.select(".takeaway-group")]
    assert order == ["learned-skills", "learned-culture"]


def test_the_section_links_to_the_field_comparison(seeker_client, harbor):
    section = _section(seeker_client, harbor["organization"])
    assert section.select_one(f"a[href='{reverse('insights:fields')}']")


def test_a_conversation_about_another_organization_counts_there(seeker_client, seeker, harbor):
    elsewhere = make_organization(seeker, name="Elsewhere Inc")
    grace = harbor["grace"].contact
    visit = make_conversation(seeker, contact=grace, organization=elsewhere)
    make_takeaway(seeker, conversation=visit, category=Category.PATH, text="Moved twice")
    assert "Moved twice" not in _section(seeker_client, harbor["organization"]).get_text()
    assert "Moved twice" in _section(seeker_client, elsewhere).get_text()


def test_a_conversation_without_an_organization_counts_for_the_persons(
    seeker_client, seeker, harbor
):
    no_org = make_contact(seeker, organization=None)
    talk = make_conversation(seeker, contact=no_org)
    assert talk.organization_id is None
    no_org.organization = harbor["organization"]  # they joined later
    no_org.save()
    make_takeaway(seeker, conversation=talk, category=Category.ADVICE, text="Ask for a project")
    assert "Ask for a project" in _section(seeker_client, harbor["organization"]).get_text()


def test_another_users_takeaways_never_appear(seeker_client, stranger, harbor):
    # The stranger's own organization of the same name, their own people and conversations.
    theirs = make_organization(stranger, name="Harbor Health")
    person = make_contact(stranger, organization=theirs)
    talk = make_conversation(stranger, contact=person)
    make_takeaway(stranger, conversation=talk, category=Category.SKILLS, text="Stranger secret")
    # Even a stranger's conversation pointed at the seeker's organization stays out.
    wrong = make_conversation(stranger, contact=person, organization=harbor["organization"])
    make_takeaway(stranger, conversation=wrong, category=Category.SKILLS, text="Cross-owner")
    section = _section(seeker_client, harbor["organization"])
    assert "Stranger secret" not in section.get_text()
    assert "Cross-owner" not in section.get_text()
    assert "(2)" in section.select_one("#learned-skills").h3.get_text()


def test_the_stranger_cannot_open_the_page(stranger_client, harbor):
    assert stranger_client.get(_page(harbor["organization"])).status_code == 404


def test_an_organization_without_takeaways_says_how_to_get_some(seeker_client, seeker):
    empty = make_organization(seeker)
    assert "No takeaways yet" in _section(seeker_client, empty).get_text()


def test_only_the_newest_few_per_category_are_listed_and_the_rest_counted(
    seeker_client, seeker, harbor
):
    for index in range(TAKEAWAYS_SHOWN + 3):
        make_takeaway(
            seeker, conversation=harbor["alan"], category=Category.FUTURE, text=f"Trend {index}"
        )
    future = _section(seeker_client, harbor["organization"]).select_one("#learned-future")
    shown = [li.contents[0].strip() for li in future.select("li")]
    assert shown == [f"Trend {index}" for index in range(TAKEAWAYS_SHOWN + 2, 2, -1)]
    assert future.select_one(".more").get_text(strip=True) == "and 3 more"
    assert f"({TAKEAWAYS_SHOWN + 3})" in future.h3.get_text()


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_takeaways_or_people(seeker_client, seeker, harbor):
    organization = harbor["organization"]
    small = _count(seeker_client, _page(organization))
    for index in range(30):
        person = make_contact(seeker, first_name=f"P{index}", organization=organization)
        talk = make_conversation(seeker, contact=person)
        for category in (Category.SKILLS, Category.ADVICE, Category.TYPICAL_DAY):
            make_takeaway(seeker, conversation=talk, category=category, text=f"{category} {index}")
    assert _count(seeker_client, _page(organization)) == small
