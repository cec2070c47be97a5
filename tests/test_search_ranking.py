"""Which matches the search box shows first, and what each result costs to show: the same on
SQLite and PostgreSQL."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from coffeechat.search.backends import matching_entries
from coffeechat.search.indexing import Entry, bulk_index, registered
from coffeechat.search.query import search
from tests.factories import make_contact, make_one_of_everything


def _people(user, query) -> list[str]:
    groups = {g["kind"]: [str(r) for r in g["rows"]] for g in search(user, query)}
    return groups.get("contact", [])


def test_whole_words_come_first_then_shorter_titles_then_newer_ones(seeker):
    for first, last in [
        ("Chenoa", "Park"),  # "chen" starts a longer word
        ("Marisol", "Chen-Castellanos"),
        ("Wei", "Chen"),
        ("Al", "Chen"),
        ("Bo", "Chen"),  # as long as Al Chen's, and newer
    ]:
        make_contact(seeker, first_name=first, last_name=last)
    assert _people(seeker, "chen") == [
        "Bo Chen",
        "Al Chen",
        "Wei Chen",
        "Marisol Chen-Castellanos",
        "Chenoa Park",
    ]


def test_every_word_typed_whole_counts(seeker):
    make_contact(seeker, first_name="Obi", last_name="Brienne")  # both words only begin
    make_contact(seeker, first_name="Siobhan", last_name="O’Brien")  # a typographic apostrophe
    make_contact(seeker, first_name="Orla", last_name="Brien")  # one word whole
    assert _people(seeker, "o'brien") == ["Siobhan O’Brien", "Orla Brien", "Obi Brienne"]


def test_each_kind_keeps_its_best_matches_however_many_another_kind_has(seeker):
    bulk_index(
        [Entry.of(seeker.pk, "organization", 1, "Harborview Analytics", "")]
        + [Entry.of(seeker.pk, "contact", n, f"Harbor Person{n:03}", "") for n in range(1, 301)],
        new=True,
    )
    found = matching_entries(seeker.pk, "harbor", limit=20, per_kind=3)
    assert found == [("contact", 300), ("contact", 299), ("contact", 298), ("organization", 1)]


def _count(client, url: str) -> tuple[int, str]:
    client.get(url, HTTP_HX_REQUEST="true")  # the first request may fill caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_every_kind_of_result_shows_its_name_and_organization_with_one_query(seeker_client, seeker):
    make_one_of_everything(seeker, "quorra")
    groups = search(seeker, "quorra")
    assert {g["kind"] for g in groups} == {indexed.kind for indexed in registered()}
    nothing, _ = _count(seeker_client, reverse("search:search") + "?q=zzyzx")
    queries, html = _count(seeker_client, reverse("search:search") + "?q=quorra")
    assert queries == nothing + len(groups)  # one query for each kind found, nothing per row
    for group in groups:
        for row in group["rows"]:
            whole = type(row)._base_manager.get(pk=row.pk)  # every field loaded
            assert f'href="{whole.get_absolute_url()}">{escape(str(whole))}</a>' in html
            organization = getattr(whole, "organization", None)
            if organization is not None:
                assert f'<span class="meta">{escape(organization.name)}</span>' in html
