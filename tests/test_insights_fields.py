"""The field comparison page and the fit scorecard: the numbers a seeker sees, exactly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.insights.comparison import TAKEAWAYS_SHOWN
from coffeechat.research.models import CareerField
from tests.factories import (
    make_contact,
    make_conversation,
    make_field,
    make_open_question,
    make_organization,
    make_takeaway,
)

URL = reverse("insights:fields")
HELD = Conversation.Status.HELD
Category = Takeaway.Category
WHEN = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _compare_table(soup) -> dict[str, list[str]]:
    """{row heading: [cell text per field]}, plus "Field": the column headings."""
    table = soup.select_one("main table.compare")
    rows = {"Field": [th.a.get_text(strip=True) for th in table.select("thead th")[1:]]}
    for tr in table.select("tbody tr"):
        rows[tr.th.get_text(strip=True)] = [td.get_text(" ", strip=True) for td in tr("td")]
    return rows


def _column(soup, field) -> BeautifulSoup:
    return soup.select_one(f"main section#field-{field.pk}")


def _takeaways(column) -> list[tuple[str, list[str]]]:
    return [
        (group.h5.get_text(" ", strip=True), [li.get_text(" ", strip=True) for li in group("li")])
        for group in column.select(".takeaway-group")
    ]


def _questions(column) -> list[str]:
    return [li.get_text(" ", strip=True) for li in column.select("ul.questions > li")]


@pytest.fixture
def fields(seeker):
    """Three fields; data science has the richest record, law is ruled out."""
    acme = make_organization(seeker, name="Acme Analytics")
    beta = make_organization(seeker, name="Beta School")
    ana = make_contact(seeker, first_name="Ana", last_name="Ito", organization=acme)
    ben = make_contact(seeker, first_name="Ben", last_name="Oye", organization=acme)
    cy = make_contact(seeker, first_name="Cy", last_name="Park", organization=beta)
    dee = make_contact(seeker, first_name="Dee", last_name="Ray", organization=None)

    data = make_field(
        seeker, name="Data science", fit_interest=4, fit_skills=3, fit_prospects=5, fit_note="Fun"
    )
    teaching = make_field(seeker, name="Teaching", status=CareerField.Status.PROMISING)
    law = make_field(seeker, name="Law", status=CareerField.Status.RULED_OUT, fit_interest=1)

    ana_1 = make_conversation(seeker, contact=ana, field=data, status=HELD, held_at=WHEN)
    ana_2 = make_conversation(seeker, contact=ana, field=data, status=HELD, held_at=WHEN)
    ben_1 = make_conversation(seeker, contact=ben, field=data, status=Conversation.Status.THANKED)
    # Marked held without a time: still a conversation that took place; Dee has no organization.
    make_conversation(seeker, contact=dee, field=data, status=HELD, held_at=None)
    cy_planned = make_conversation(seeker, contact=cy, field=data)  # scheduled, not held
    cy_teaching = make_conversation(seeker, contact=cy, field=teaching, status=HELD, held_at=WHEN)
    make_conversation(seeker, contact=ana, field=law, status=HELD, held_at=WHEN)

    junior = make_open_question(seeker, field=data, text="What does a junior do all day?")
    masters = make_open_question(seeker, field=data, text="Is a master's degree needed?")
    remote = make_open_question(seeker, field=data, text="Can it be done remotely?")
    make_open_question(seeker, field=teaching, text="How are summers spent?")

    make_takeaway(seeker, conversation=ana_1, category=Category.SKILLS, text="Learn SQL first")
    make_takeaway(
        seeker, conversation=ana_1, category=Category.TYPICAL_DAY, text="Meetings until ten"
    )
    make_takeaway(
        seeker, conversation=ana_2, category=Category.SKILLS, text="Statistics", answers=junior
    )
    make_takeaway(
        seeker,
        conversation=ana_2,
        category=Category.PATH,
        text="Started as analyst",
        answers=junior,
    )
    make_takeaway(seeker, conversation=ben_1, category=Category.FUTURE, text="AI", answers=junior)
    make_takeaway(seeker, conversation=cy_planned, category=Category.ADVICE, text="Portfolio")
    # Answered in a conversation about another field: still an answer to data science's question.
    make_takeaway(
        seeker, conversation=cy_teaching, category=Category.CULTURE, text="Hybrid", answers=remote
    )
    return {"data": data, "teaching": teaching, "law": law, "masters": masters}


def test_default_compares_every_field_not_ruled_out(seeker_client, fields):
    table = _compare_table(_soup(seeker_client.get(URL)))
    assert table["Field"] == ["Data science", "Teaching"]
    assert table["Fit, average"] == ["4 / 5", "not scored"]
    assert table["Interest"] == ["4 / 5", "not scored"]
    assert table["Skills match"] == ["3 / 5", "not scored"]
    assert table["Lifestyle"] == ["not scored", "not scored"]
    assert table["Prospects"] == ["5 / 5", "not scored"]
    assert table["People talked with"] == ["3", "1"]  # Ana once, Ben, Dee; Cy only planned
    assert table["Organizations"] == ["1", "1"]  # Ana's and Ben's Acme; Dee has none
    assert table["Takeaways"] == ["6", "1"]
    assert table["Open questions answered"] == ["2 of 3", "0 of 1"]


def test_takeaways_are_grouped_by_category_with_who_said_them(seeker_client, fields):
    soup = _soup(seeker_client.get(URL))
    assert _takeaways(_column(soup, fields["data"])) == [
        ("A typical day (1)", ["Meetings until ten — Ana Ito"]),
        ("Skills (2)", ["Statistics — Ana Ito", "Learn SQL first — Ana Ito"]),  # newest first
        ("Future prospects (1)", ["AI — Ben Oye"]),
        ("Career path (1)", ["Started as analyst — Ana Ito"]),
        ("Advice (1)", ["Portfolio — Cy Park"]),
    ]
    assert _takeaways(_column(soup, fields["teaching"])) == [("Culture (1)", ["Hybrid — Cy Park"])]


def test_only_the_newest_takeaways_of_a_category_are_listed(seeker_client, seeker):
    field = make_field(seeker, name="Nursing")
    talk = make_conversation(seeker, contact=make_contact(seeker, first_name="Ana"), field=field)
    for n in range(TAKEAWAYS_SHOWN + 3):
        make_takeaway(seeker, conversation=talk, category=Category.SKILLS, text=f"Tip {n}")
    make_takeaway(seeker, conversation=talk, category=Category.ADVICE, text="Rest")
    soup = _soup(seeker_client.get(URL))
    column = _column(soup, field)
    groups = _takeaways(column)
    newest = [f"Tip {n}" for n in range(TAKEAWAYS_SHOWN + 2, 2, -1)]
    assert [(label, [item.split(" —")[0] for item in items]) for label, items in groups] == [
        (f"Skills ({TAKEAWAYS_SHOWN + 3})", newest),
        ("Advice (1)", ["Rest"]),
    ]
    more = [p.get_text(strip=True) for p in column.select(".takeaway-group p.more")]
    assert more == ["and 3 more"]
    assert _compare_table(soup)["Takeaways"] == [str(TAKEAWAYS_SHOWN + 4)]


def test_open_questions_say_who_answered_them(seeker_client, fields):
    column = _column(_soup(seeker_client.get(URL)), fields["data"])
    assert _questions(column) == [
        "What does a junior do all day? Answered by Ana Ito , Ben Oye",
        "Is a master's degree needed? Not answered yet",
        "Can it be done remotely? Answered by Cy Park",
    ]
    assert column.select_one("p.fit-note").get_text(" ", strip=True) == "Your fit note: Fun"


def test_the_selector_picks_the_fields_to_compare(seeker_client, fields):
    data, law = fields["data"], fields["law"]
    soup = _soup(seeker_client.get(URL, {"field": [law.pk, data.pk]}))
    table = _compare_table(soup)
    assert table["Field"] == ["Data science", "Law"]
    assert table["Interest"] == ["4 / 5", "1 / 5"]
    assert table["People talked with"] == ["3", "1"]
    boxes = soup.select("form.field-picker input[name=field]")
    assert {box.parent.get_text(" ", strip=True): box.has_attr("checked") for box in boxes} == {
        "Data science": True,
        "Law (ruled out)": True,
        "Teaching": False,
    }


def test_another_users_field_in_the_selector_is_ignored(seeker_client, fields, stranger):
    theirs = make_field(stranger, name="Their secret field")
    soup = _soup(seeker_client.get(URL, {"field": [theirs.pk, fields["teaching"].pk]}))
    assert _compare_table(soup)["Field"] == ["Teaching"]
    assert "Their secret field" not in soup.get_text()


def test_a_stranger_sees_none_of_the_seekers_fields(stranger_client, fields):
    soup = _soup(stranger_client.get(URL, {"field": [fields["data"].pk]}))
    assert "Data science" not in soup.get_text()
    assert soup.select_one("main p.empty")


# The fit scorecard ---------------------------------------------------------------------------


def _fit_url(field) -> str:
    return reverse("insights:field_fit", kwargs={"careerfield_id": field.pk})


def test_every_scorecard_control_has_a_label(seeker_client, seeker):
    field = make_field(seeker, name="Nursing")
    soup = _soup(seeker_client.get(_fit_url(field)))
    controls = soup.select("main form select, main form textarea")
    assert [c["name"] for c in controls] == [
        *CareerField.FIT_DIMENSIONS,
        "fit_note",
    ]
    for control in controls:
        label = soup.select_one(f"label[for={control['id']}]")
        assert label is not None and label.get_text(strip=True)


def test_saving_the_scorecard_redirects_and_the_comparison_shows_it(seeker_client, seeker):
    field = make_field(seeker, name="Nursing", fit_lifestyle=2)
    data = {"fit_interest": "5", "fit_skills": "2", "fit_lifestyle": "", "fit_prospects": "4"}
    response = seeker_client.post(_fit_url(field), {**data, "fit_note": "Night shifts"})
    assert response.status_code == 302 and response["Location"] == _fit_url(field)
    field.refresh_from_db()
    assert (field.fit_interest, field.fit_skills, field.fit_lifestyle, field.fit_prospects) == (
        5,
        2,
        None,
        4,
    )
    assert field.fit_note == "Night shifts"
    page = _soup(seeker_client.get(_fit_url(field)))
    assert "Saved the fit scorecard for “Nursing”." in page.select_one(".flash").get_text()
    assert page.select_one("#id_fit_interest option[selected]")["value"] == "5"
    table = _compare_table(_soup(seeker_client.get(URL)))
    assert table["Fit, average"] == ["3.7 / 5"]  # (5 + 2 + 4) / 3


def test_an_out_of_range_score_is_refused_with_a_message(seeker_client, seeker):
    field = make_field(seeker, name="Nursing", fit_interest=3)
    response = seeker_client.post(_fit_url(field), {"fit_interest": "9", "fit_skills": "0"})
    soup = _soup(response)
    errors = [p.get_text(strip=True) for p in soup.select("main .field.has-error .error")]
    assert len(errors) == 2 and all("Select a valid choice" in e for e in errors)
    field.refresh_from_db()
    assert field.fit_interest == 3 and field.fit_skills is None


@pytest.mark.parametrize("persona", ["stranger", "coach"])
def test_another_users_scorecard_is_a_404(persona, request, client, seeker):
    field = make_field(seeker, name="Nursing", fit_interest=3)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_fit_url(field)).status_code == 404
    assert client.post(_fit_url(field), {"fit_interest": "1"}).status_code == 404
    field.refresh_from_db()
    assert field.fit_interest == 3


# Query counts --------------------------------------------------------------------------------


def _add_fields(owner, count: int) -> None:
    for n in range(count):
        field = make_field(owner, fit_interest=3)
        contact = make_contact(owner)
        conversation = make_conversation(
            owner, contact=contact, field=field, status=HELD, held_at=WHEN
        )
        question = make_open_question(owner, field=field, text=f"Question {n}?")
        make_takeaway(owner, conversation=conversation, answers=question)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_comparison_queries_do_not_grow_with_fields(
    seeker_client, seeker, django_assert_num_queries
):
    _add_fields(seeker, 2)
    with_two = _count(seeker_client, URL)
    _add_fields(seeker, 48)
    with django_assert_num_queries(with_two):
        seeker_client.get(URL)


def test_scorecard_page_queries_are_constant(seeker_client, seeker, django_assert_num_queries):
    _add_fields(seeker, 2)
    field = CareerField.objects.filter(owner=seeker).first()
    with_two = _count(seeker_client, _fit_url(field))
    _add_fields(seeker, 48)
    with django_assert_num_queries(with_two):
        seeker_client.get(_fit_url(field))
