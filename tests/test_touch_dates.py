"""Each person's latest conversation held and latest interaction, kept on the person by the
database (conversations.touch_dates) whatever writes the rows: a form or the lifecycle, a
queryset update, a bulk insert, a merge, a cascade of deletes. Today's keep-in-touch list
reads them; a stale copy of the person saved later never writes them back. SQLite and
PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from coffeechat.conversations import lifecycle, touch_dates
from coffeechat.conversations.models import Conversation
from coffeechat.people.merging import merge_contacts
from coffeechat.people.models import Contact, Interaction
from coffeechat.sample_data.fill import fill_account
from tests.factories import (
    make_contact,
    make_conversation,
    make_held_conversation,
    make_interaction,
)


def _kept(contact: Contact) -> tuple:
    contact = Contact.objects.get(pk=contact.pk)
    return contact.last_held_at, contact.last_touch_at


def _from_the_rows(contact: Contact) -> tuple:
    held = Conversation.objects.filter(contact=contact).aggregate(m=Max("held_at"))["m"]
    touched = Interaction.objects.filter(contact=contact).aggregate(m=Max("occurred_at"))["m"]
    return held, touched


def test_the_triggers_are_there_after_migrate(db):
    assert touch_dates.installed_triggers() == touch_dates.expected_triggers()
    touch_dates.install_triggers()  # again after a later migrate: nothing doubles
    assert touch_dates.installed_triggers() == touch_dates.expected_triggers()


def test_a_conversation_held_then_another_then_neither(seeker):
    now = timezone.now()
    ana = make_contact(seeker, first_name="Ana")
    assert _kept(ana) == (None, None)
    first = make_held_conversation(seeker, now - timedelta(days=30), contact=ana)
    assert _kept(ana) == (first.held_at, None)
    planned = make_conversation(seeker, contact=ana)  # not held: moves nothing
    assert _kept(ana) == (first.held_at, None)
    lifecycle.move(planned, Conversation.Status.HELD, at=now - timedelta(days=2))
    planned.refresh_from_db()
    assert _kept(ana)[0] == planned.held_at == now - timedelta(days=2)
    planned.delete()
    assert _kept(ana) == (first.held_at, None)
    Conversation.objects.filter(pk=first.pk).update(held_at=None)
    assert _kept(ana) == (None, None)


def test_interactions_logged_moved_in_time_and_deleted(seeker):
    now = timezone.now()
    ana = make_contact(seeker, first_name="Ana")
    older = make_interaction(seeker, contact=ana, occurred_at=now - timedelta(days=9))
    newer = make_interaction(seeker, contact=ana, occurred_at=now - timedelta(days=3))
    assert _kept(ana) == (None, newer.occurred_at)
    newer.occurred_at = now - timedelta(days=20)
    newer.save()
    assert _kept(ana) == (None, older.occurred_at)
    older.delete()
    newer.delete()
    assert _kept(ana) == (None, None)


def test_a_row_moved_to_another_person_moves_both_dates(seeker):
    now = timezone.now()
    ana, ben = make_contact(seeker, first_name="Ana"), make_contact(seeker, first_name="Ben")
    held = make_held_conversation(seeker, now - timedelta(days=5), contact=ana)
    note = make_interaction(seeker, contact=ana, occurred_at=now - timedelta(days=4))
    Conversation.objects.filter(pk=held.pk).update(contact=ben)
    Interaction.objects.filter(pk=note.pk).update(contact=ben)
    assert _kept(ana) == (None, None)
    assert _kept(ben) == (held.held_at, note.occurred_at)


def test_saving_an_older_copy_of_the_person_keeps_the_dates(seeker):
    ana = make_contact(seeker, first_name="Ana")
    copy = Contact.objects.get(pk=ana.pk)  # a form's copy, loaded before the meeting
    held = make_held_conversation(seeker, timezone.now() - timedelta(days=1), contact=ana)
    copy.title = "Data analyst"
    copy.save()
    assert _kept(ana) == (held.held_at, None)
    assert Contact.objects.get(pk=ana.pk).title == "Data analyst"


def test_merging_two_people_keeps_the_latest_of_both(seeker):
    now = timezone.now()
    keep = make_contact(seeker, first_name="Ana", last_name="Ruiz")
    other = make_contact(seeker, first_name="Ana", last_name="Ruiz", email="ana@example.com")
    make_held_conversation(seeker, now - timedelta(days=40), contact=keep)
    later = make_held_conversation(seeker, now - timedelta(days=6), contact=other)
    note = make_interaction(seeker, contact=other, occurred_at=now - timedelta(days=5))
    merged = merge_contacts(keep, other)
    assert (merged.last_held_at, merged.last_touch_at) == (later.held_at, note.occurred_at)


def test_bulk_inserted_rows_and_a_cascade(seeker):
    now = timezone.now()
    people = [make_contact(seeker, first_name=f"P{n}") for n in range(3)]
    Interaction.objects.bulk_create(
        Interaction(owner=seeker, contact=person, occurred_at=now - timedelta(days=n + 1))
        for n, person in enumerate(people)
        for _ in range(2)
    )
    for person in people:
        assert _kept(person) == _from_the_rows(person)
        assert _kept(person)[1] is not None
    held = make_held_conversation(seeker, now - timedelta(days=3), contact=people[0])
    held.delete()  # its interactions stay; the person's held date goes
    assert _kept(people[0]) == (None, now - timedelta(days=1))
    people[1].delete()  # a cascade of its interactions, then the person: nothing left over
    assert not Contact.objects.filter(pk=people[1].pk).exists()


def test_the_sample_account_matches_its_rows(seeker):
    fill_account(seeker, "demo", seed=3)
    contacts = list(Contact.objects.filter(owner=seeker))
    assert any(c.last_held_at for c in contacts) and any(c.last_touch_at for c in contacts)
    for contact in contacts:
        assert (contact.last_held_at, contact.last_touch_at) == _from_the_rows(contact)


def test_filling_in_gives_the_rows_dates_whatever_was_there(seeker):
    # Migration conversations 0005 runs touch_dates.FILL_IN once over the rows already there.
    now = timezone.now()
    ana = make_contact(seeker, first_name="Ana")
    held = make_held_conversation(seeker, now - timedelta(days=8), contact=ana)
    Contact.objects.filter(pk=ana.pk).update(last_held_at=None, last_touch_at=now)
    with connection.cursor() as cursor:
        cursor.execute(touch_dates.FILL_IN)
    assert _kept(ana) == (held.held_at, None)
