"""The account's mark of change (coffeechat.core.revisions), and the pages cached against it.

The insights pages and "who to ask next" keep what they computed until something of the
account changes. These tests write the ways the product writes (a form's save, a queryset
update, a bulk insert, a raw COPY/executemany as the importer does, a cascade of deletes, a
tag added) and check that the mark moves and the pages show the change at once."""

from __future__ import annotations

import pytest
import redis
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.center.models import VolunteerRequest
from coffeechat.conversations.models import Conversation
from coffeechat.core import revisions
from coffeechat.core.bulk import insert_rows
from coffeechat.people.models import Contact
from tests.center_factories import make_volunteer, make_volunteer_request
from tests.factories import make_contact, make_conversation, make_organization, make_tag

# Who to ask next counts business days from the seeker's date: a weekday evening in UTC.
pytestmark = pytest.mark.frozen_at("2026-12-02T23:30:00+00:00")

WHO_NEXT = reverse("people:who_next")
FUNNEL = reverse("insights:funnel")
CACHED_PAGES = [
    WHO_NEXT,
    FUNNEL,
    reverse("insights:fields"),
    reverse("insights:referrals"),
]


def _names(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        a.get_text(strip=True)
        for a in soup.select("main ol.suggestions > li a[href*='/people/contacts/']")
    ]


def _funnel_row(response, stage: str) -> str:
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for tr in soup.select("main table#funnel-table tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in tr(["th", "td"])]
        if cells[0] == stage:
            return cells[1]
    raise AssertionError(f"no {stage} row")


def _mark(user) -> int:
    return revisions.mark_of(user)[0]


def test_every_table_of_an_account_has_its_triggers(db):
    expected = revisions.expected_triggers()
    assert revisions.installed_triggers() == expected
    tables = {t.table for t in revisions.tracked_tables()}
    # The owner's own rows, their profile and the tags between rows; not the search index.
    assert {
        "people_contact",
        "conversations_conversation",
        "outreach_message",
        "accounts_seekerprofile",
        "people_contact_tags",
        "research_organization_fields",
        "center_volunteerrequest",
    } <= tables
    assert "search_searchentry" not in tables
    assert len(expected) == 3 * len(tables)


def test_migrate_puts_back_a_trigger_a_table_rebuild_dropped(db):
    name = f"{revisions.PREFIX}_people_contact_update"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER "{name}" ON people_contact')
        else:
            cursor.execute(f'DROP TRIGGER "{name}"')
    assert name not in revisions.installed_triggers()
    call_command("migrate", verbosity=0)
    assert revisions.installed_triggers() == revisions.expected_triggers()


def _orm_save(seeker, contact):
    contact.notes = "Changed on the person's page"
    contact.save()


def _queryset_update(seeker, contact):
    Contact.objects.filter(pk=contact.pk).update(do_not_contact=True)


def _bulk_create(seeker, contact):
    Contact.objects.bulk_create([Contact(owner=seeker, first_name="Bulk", last_name="Row")])


def _raw_insert(seeker, contact):
    # As the importer writes: COPY on PostgreSQL, executemany on SQLite, past the ORM.
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic():
        insert_rows(
            "people_tag",
            ["owner_id", "name", "created_at", "updated_at"],
            [[seeker.pk, "raw one", now, now], [seeker.pk, "raw two", now, now]],
        )


def _cascade_delete(seeker, contact):
    make_conversation(seeker, contact=contact)
    Conversation.objects.filter(contact=contact).delete()
    contact.delete()


def _tag_added(seeker, contact):
    contact.tags.add(make_tag(seeker))


# Each write its own transaction: on PostgreSQL the mark moves once per transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "write",
    [_orm_save, _queryset_update, _bulk_create, _raw_insert, _cascade_delete, _tag_added],
)
def test_every_way_of_writing_moves_the_owners_mark_and_no_one_elses(seeker, stranger, write):
    contact = make_contact(seeker)
    make_contact(stranger)
    before, strangers = _mark(seeker), _mark(stranger)
    write(seeker, contact)
    assert _mark(seeker) != before
    assert _mark(stranger) == strangers


@pytest.mark.django_db(transaction=True)
def test_a_tag_removed_through_the_relation_moves_the_mark(seeker):
    contact = make_contact(seeker)
    tag = make_tag(seeker)
    contact.tags.add(tag)
    before = _mark(seeker)
    contact.tags.remove(tag)
    assert _mark(seeker) != before


def test_looking_at_pages_changes_nothing(seeker_client, seeker):
    make_conversation(seeker, status=Conversation.Status.HELD, held_at=timezone.now())
    before = _mark(seeker)
    for url in [*CACHED_PAGES, reverse("today:today"), reverse("people:contact_list")]:
        assert seeker_client.get(url).status_code == 200
    assert _mark(seeker) == before


@pytest.mark.django_db(transaction=True)
def test_a_second_look_at_an_unchanged_account_reads_none_of_its_rows(seeker_client, seeker):
    make_contact(seeker, first_name="Noor", organization=make_organization(seeker, name="Acme"))
    for url in CACHED_PAGES:
        seeker_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert seeker_client.get(url).status_code == 200
        read = " ".join(q["sql"] for q in queries.captured_queries)
        assert "people_contact" not in read, url
        assert "conversations_conversation" not in read, url


@pytest.mark.django_db(transaction=True)
def test_pages_show_a_change_written_past_the_orm_at_once(seeker_client, seeker):
    acme = make_organization(seeker, name="Acme")
    noor = make_contact(seeker, first_name="Noor", last_name="Haddad", organization=acme)
    talked = make_contact(seeker, first_name="Lena")  # elsewhere: Acme is not waiting
    conversation = make_conversation(
        seeker,
        contact=talked,
        status=Conversation.Status.REQUESTED,
        requested_at=timezone.now(),
        scheduled_at=None,
    )
    assert "Noor Haddad" in _names(seeker_client.get(WHO_NEXT))
    assert _funnel_row(seeker_client.get(FUNNEL), "Conversations") == "0"

    Contact.objects.filter(pk=noor.pk).update(do_not_contact=True)
    Conversation.objects.filter(pk=conversation.pk).update(
        status=Conversation.Status.HELD, held_at=timezone.now()
    )

    assert "Noor Haddad" not in _names(seeker_client.get(WHO_NEXT))
    assert _funnel_row(seeker_client.get(FUNNEL), "Conversations") == "1"


@pytest.mark.django_db(transaction=True)
def test_a_page_read_inside_a_transaction_sees_its_later_writes(seeker_client, seeker):
    acme = make_organization(seeker, name="Acme")
    with transaction.atomic():
        noor = make_contact(seeker, first_name="Noor", last_name="Haddad", organization=acme)
        assert "Noor Haddad" in _names(seeker_client.get(WHO_NEXT))
        Contact.objects.filter(pk=noor.pk).update(do_not_contact=True)
        assert "Noor Haddad" not in _names(seeker_client.get(WHO_NEXT))
    assert "Noor Haddad" not in _names(seeker_client.get(WHO_NEXT))


@pytest.mark.django_db(transaction=True)
def test_each_account_gets_its_own_results(client, seeker, stranger):
    make_contact(seeker, first_name="Noor", last_name="Haddad")
    client.force_login(seeker)
    assert "Noor Haddad" in _names(client.get(WHO_NEXT))
    client.force_login(stranger)
    assert _names(client.get(WHO_NEXT)) == []


SHARED_REDIS = "redis://127.0.0.1:6379/15"


def test_figures_never_go_to_the_shared_cache(seeker_client, seeker, settings):
    """A server's REDIS_URL cache is shared by every process; an account's figures (names,
    what people said) stay in the process that computed them."""
    client = redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHARED_REDIS,
        },
    }
    make_contact(seeker, first_name="Noor", last_name="Haddad")
    for url in CACHED_PAGES:
        assert seeker_client.get(url).status_code == 200
    assert "Noor Haddad" in _names(seeker_client.get(WHO_NEXT))
    leaked = [key for key in client.scan_iter() if b"who-next" in key or b"insights-" in key]
    assert leaked == []


def test_deleting_an_account_deletes_its_mark(seeker):
    make_contact(seeker)
    pk = seeker.pk
    seeker.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {revisions.TABLE} WHERE owner_id = %s", [pk])
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_a_request_to_a_volunteer_moves_the_seekers_mark_and_not_the_volunteers(seeker):
    volunteer = make_volunteer("vera")
    before, volunteers = _mark(seeker), _mark(volunteer)
    sent = make_volunteer_request(seeker, volunteer, "Hello")
    assert _mark(seeker) != before
    answered = _mark(seeker)
    VolunteerRequest.objects.filter(pk=sent.pk).update(status=VolunteerRequest.Status.ACCEPTED)
    assert _mark(seeker) != answered
    assert _mark(volunteer) == volunteers


@pytest.mark.django_db(transaction=True)
def test_the_marks_of_many_accounts_come_in_one_query(seeker, stranger, coach):
    make_contact(seeker)
    make_contact(stranger)
    with CaptureQueriesContext(connection) as queries:
        marks, cacheable = revisions.marks_of([stranger.pk, seeker.pk, coach.pk, seeker.pk])
    assert len(queries.captured_queries) == 1
    assert cacheable
    assert [owner for owner, _ in marks] == sorted([seeker.pk, stranger.pk, coach.pk])
    assert dict(marks)[seeker.pk] == _mark(seeker)
    assert dict(marks)[stranger.pk] == _mark(stranger)


@pytest.mark.django_db(transaction=True)
def test_marks_read_inside_the_transaction_that_moved_one_may_not_be_kept(seeker, stranger):
    with transaction.atomic():
        make_contact(stranger)
        _, cacheable = revisions.marks_of([seeker.pk, stranger.pk])
    # SQLite holds one writer at a time, so no other connection's page can read mid-change.
    assert cacheable is (connection.vendor != "postgresql")
