"""Today keeps its keep-in-touch list (who is due reads over everyone the seeker has met) until
something of the account changes or the seeker's day does: a write shows at once, and so does
a new day with nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import clock_for
from coffeechat.people.models import Interaction
from tests.factories import make_contact, make_held_conversation

# A weekday evening in UTC: the seeker's day and UTC's are the same for half an hour more.
pytestmark = pytest.mark.frozen_at("2026-12-02T23:30:00+00:00")


def _keep_in_touch(client) -> list[str]:
    response = client.get(reverse("today:today"))
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    titles = [li.get_text(" ", strip=True) for li in soup.select("ul.today-items > li .what")]
    return [title for title in titles if title.startswith("Keep in touch with")]


def _met(seeker, first_name: str, days_ago: int):
    contact = make_contact(seeker, first_name=first_name, last_name="Doe", organization=None)
    met_at = timezone.now() - timedelta(days=days_ago)
    make_held_conversation(seeker, met_at, contact=contact)
    return contact


# Each write its own transaction: on PostgreSQL a page read inside the transaction that
# changed the account is never kept, and these tests are about the pages that are.
@pytest.mark.django_db(transaction=True)
def test_a_second_look_reads_none_of_the_conversations_held_and_a_write_shows_at_once(
    seeker_client, seeker
):
    ana = _met(seeker, "Ana", 20)
    assert any("Ana Doe" in title for title in _keep_in_touch(seeker_client))
    with CaptureQueriesContext(connection) as queries:
        assert any("Ana Doe" in title for title in _keep_in_touch(seeker_client))
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "MAX(" not in read.upper()  # the aggregate over everyone met

    Interaction.objects.create(
        owner=seeker,
        contact=ana,
        direction=Interaction.Direction.OUTGOING,
        summary="Sent a note",
        occurred_at=timezone.now(),
    )

    assert not any("Ana Doe" in title for title in _keep_in_touch(seeker_client))


@pytest.mark.django_db(transaction=True)
def test_a_new_day_brings_the_people_due_on_it_with_nothing_written(
    seeker_client, seeker, frozen_clock
):
    assert clock_for(seeker).zone.key == "UTC"
    _met(seeker, "Bo", 6)  # the first note falls due a week after: tomorrow
    assert not any("Bo Doe" in title for title in _keep_in_touch(seeker_client))

    frozen_clock.shift(timedelta(minutes=31))  # past midnight where the seeker lives

    assert any("Bo Doe" in title for title in _keep_in_touch(seeker_client))
