"""An import moves its account's mark of change once, whatever the number of rows, and leaves
every trigger of the mark in place whether it commits or fails."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from coffeechat.core import revisions
from coffeechat.lib.contact_files import parse
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization
from tests.factories import make_contact

pytestmark = pytest.mark.frozen_at("2026-12-02T15:00:00+00:00")

FILE = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Amara,Okafor,https://www.linkedin.com/in/amara-okafor,,Juniper Labs,Data Analyst,"
    "02 Dec 2026\n"
    "Tomás,Núñez,https://www.linkedin.com/in/tomas-nunez,,Harbor Health,Nurse,01 Dec 2026\n"
).encode()


def _mark(user) -> int:
    return revisions.mark_of(user)[0]


@pytest.mark.django_db(transaction=True)
def test_an_import_moves_its_owners_mark_and_puts_every_trigger_back(seeker, stranger):
    make_contact(stranger)
    before, strangers = _mark(seeker), _mark(stranger)
    summary = import_contacts(seeker, parse(FILE))
    assert summary.created == 2
    assert _mark(seeker) != before
    assert _mark(stranger) == strangers
    assert revisions.installed_triggers() == revisions.expected_triggers()
    # The next row written after the import moves the mark again, through its trigger.
    after = _mark(seeker)
    make_contact(seeker)
    assert _mark(seeker) != after


@pytest.mark.django_db(transaction=True)
def test_a_failed_bulk_insert_changes_nothing_and_keeps_the_triggers(seeker):
    make_contact(seeker)
    before = _mark(seeker)
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        revisions.one_move_for_bulk_inserts(seeker.pk, Contact, Organization),
    ):
        Organization.objects.create(owner=seeker, name="Juniper Labs")
        # A contact without a name breaks the table's check.
        Contact.objects.bulk_create([Contact(owner=seeker)])
    assert _mark(seeker) == before
    assert not Organization.objects.filter(owner=seeker, name="Juniper Labs").exists()
    assert revisions.installed_triggers() == revisions.expected_triggers()


@pytest.mark.django_db(transaction=True)
def test_an_error_caught_inside_the_transaction_still_commits_the_triggers(seeker):
    before = _mark(seeker)
    with transaction.atomic():
        try:
            with revisions.one_move_for_bulk_inserts(seeker.pk, Contact):
                raise ValueError("a file the importer gave up on")
        except ValueError:
            pass
    assert revisions.installed_triggers() == revisions.expected_triggers()
    make_contact(seeker)
    assert _mark(seeker) != before


def test_outside_a_transaction_it_refuses(transactional_db, seeker):
    with (
        pytest.raises(RuntimeError, match="inside transaction.atomic"),
        revisions.one_move_for_bulk_inserts(seeker.pk, Contact),
    ):
        pass
    assert revisions.installed_triggers() == revisions.expected_triggers()
