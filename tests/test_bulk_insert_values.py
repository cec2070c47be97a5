"""Rows written in bulk hold exactly the values given, whether a column differs from row to row
or holds the same value in every row (which SQLite's writer puts in the statement once)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.utils import timezone

from coffeechat.core.bulk import insert_rows
from coffeechat.lib.contact_files import parse
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact
from coffeechat.research.models import Organization

pytestmark = pytest.mark.django_db

# What a statement could misread if a value were pasted into it as text.
AWKWARD = [
    "50% done, 100%% sure, %s and %(name)s",
    'O\'Brien said "hello"; -- DROP TABLE people_contact',
    "? or ?1 or :name",
    "Ünïcödé 山田 太郎 مرحبا",
    "line one\nline two",
]


def _insert(model, owner, rows: list[dict]) -> None:
    """Rows of model through insert_rows, as the importer writes them: each row's named
    columns, the owner and the time, every other column at its default."""
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    named = [*rows[0], "owner_id", "created_at", "updated_at"]
    defaults = {
        field.attname: field.get_db_prep_save(field.get_default(), connection)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in named
    }
    with transaction.atomic():
        insert_rows(
            model._meta.db_table,
            [*named, *defaults],
            [[*row.values(), owner.pk, stamp, stamp, *defaults.values()] for row in rows],
        )


def _insert_organizations(owner, rows: list[dict]) -> None:
    _insert(
        Organization,
        owner,
        [{"name": r["name"], "normalized_name": r["key"], "location": r["location"]} for r in rows],
    )


@pytest.mark.parametrize("awkward", AWKWARD)
def test_a_value_in_every_row_is_written_as_given(seeker, awkward):
    rows = [{"name": awkward, "key": f"key {n}", "location": awkward} for n in range(5)]
    _insert_organizations(seeker, rows)
    written = Organization.objects.filter(owner=seeker).order_by("normalized_name")
    assert [(o.name, o.normalized_name, o.location) for o in written] == [
        (awkward, f"key {n}", awkward) for n in range(5)
    ]


def test_values_that_differ_row_to_row_stay_with_their_row(seeker):
    rows = [{"name": text, "key": f"key {n}", "location": ""} for n, text in enumerate(AWKWARD)]
    _insert_organizations(seeker, rows)
    written = Organization.objects.filter(owner=seeker).order_by("normalized_name")
    assert [o.name for o in written] == AWKWARD
    assert {o.location for o in written} == {""}


def _insert_contacts(owner, rows: list[tuple[str, str]]) -> None:
    """Contacts (first name, notes), every other column at its default."""
    _insert(Contact, owner, [{"first_name": name, "notes": notes} for name, notes in rows])


def test_one_row_and_identical_rows_are_all_written(seeker):
    _insert_contacts(seeker, [("Solo", "met in Lagos")])
    _insert_contacts(seeker, [("Twin", AWKWARD[0])] * 3)
    people = Contact.objects.filter(owner=seeker).order_by("pk")
    assert [(c.first_name, c.notes) for c in people] == [
        ("Solo", "met in Lagos"),
        *[("Twin", AWKWARD[0])] * 3,
    ]
    assert {(c.last_name, c.keep_in_touch_days, c.do_not_contact) for c in people} == {
        ("", None, False)
    }


def test_an_empty_generator_writes_nothing(seeker):
    with transaction.atomic():
        insert_rows(Organization._meta.db_table, ["owner_id", "name"], (r for r in []))
    assert not Organization.objects.filter(owner=seeker).exists()


def test_an_import_whose_rows_share_awkward_notes_keeps_them(seeker, stranger):
    # Every row of the file has the same department and notes; the names differ.
    header = "First Name,Last Name,E-mail Address,Department,Notes\n"
    notes = "50% sure, %s then ?; O'Brien's \"team\""
    lines = "".join(
        f'Ada,Lee{n},ada{n}@example.com,R&D 100%,"{notes.replace(chr(34), 2 * chr(34))}"\n'
        for n in range(4)
    )
    result = parse(
        (header + lines).encode(),
        "csv",
        {
            "First Name": "first_name",
            "Last Name": "last_name",
            "E-mail Address": "email",
            "Department": "department",
            "Notes": "notes",
        },
    )
    summary = import_contacts(seeker, result)
    assert summary.created == 4
    people = Contact.objects.filter(owner=seeker).order_by("last_name")
    assert [(c.last_name, c.email, c.department, c.notes) for c in people] == [
        (f"Lee{n}", f"ada{n}@example.com", "R&D 100%", notes) for n in range(4)
    ]
    assert {c.owner_id for c in people} == {seeker.pk}
    assert not Contact.objects.filter(owner=stranger).exists()
