"""Every list page runs the same number of queries for 2 rows as for 50 (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from coffeechat.core.crud import registry
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization
from tests.factories import (
    BUILDERS,
    make_conversation,
    make_field,
    make_message,
    make_tag,
    make_task,
)

get_resolver().url_patterns  # noqa: B018 — importing the URLconf registers every entity
ENTITIES = sorted(registry.values(), key=lambda e: f"{e.namespace}:{e.model_name}")


def _make_rows(entity, owner, count: int) -> None:
    build = BUILDERS[entity.model]
    for _ in range(count):
        row = build(owner)
        # Fill many-to-many columns so their lookups are exercised too.
        if isinstance(row, Contact):
            row.tags.add(make_tag(owner))
        if isinstance(row, Organization):
            row.fields.add(make_field(owner))


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: f"{e.namespace}:{e.model_name}")
def test_list_page_queries_do_not_grow_with_rows(entity, seeker_client, seeker):
    url = reverse(entity.url_name("list"))
    _make_rows(entity, seeker, 2)
    with_two = _count_queries(seeker_client, url)
    _make_rows(entity, seeker, 48)
    with_fifty = _count_queries(seeker_client, url)
    assert with_fifty == with_two, f"{url}: {with_two} queries for 2 rows, {with_fifty} for 50"


def _fill_today(owner, count: int) -> None:
    for _ in range(count):
        conversation = make_conversation(owner)
        make_task(owner, contact=conversation.contact, conversation=conversation)
        make_message(owner, contact=conversation.contact)


@pytest.mark.parametrize(
    "url", [reverse("today:today"), reverse("search:search") + "?q=Ada"], ids=["today", "search"]
)
def test_home_and_search_queries_do_not_grow(url, seeker_client, seeker, django_assert_num_queries):
    _fill_today(seeker, 2)
    with_two = _count_queries(seeker_client, url)
    _fill_today(seeker, 20)
    with django_assert_num_queries(with_two):
        seeker_client.get(url)
