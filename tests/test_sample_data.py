"""Sample data: the demo story fills every part of the app, the same seed gives the same rows,
and an account with data of its own is never written into by accident."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from django.urls import reverse
from django.utils import timezone

from coffeechat.cli import cli
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.core.cli_support import EXIT_BAD_INPUT
from coffeechat.people.models import Contact, Source
from coffeechat.sample_data.fill import AccountHasData, _owned_models, fill_account
from coffeechat.search.query import search
from coffeechat.today.items import today_items
from tests.factories import make_contact, make_user

# What a row is, apart from its id, owner and timestamps (which differ between accounts).
SKIPPED = {"id", "owner", "created_at", "updated_at", "done_at"}


def _rows(user) -> dict[str, list[tuple]]:
    rows = {}
    for model in _owned_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name not in SKIPPED and not f.is_relation
        ]
        rows[model.__name__] = sorted(
            tuple(str(v) for v in row)
            for row in model.objects.filter(owner=user).values_list(*names)
        )
    return rows


@pytest.fixture
def demo(seeker):
    fill_account(seeker, "demo", seed=7)
    return seeker


def test_demo_fills_every_kind_of_row(demo):
    # Uploaded files (contact imports, documents) are not part of the story.
    story = [m for m in _owned_models() if not m._meta.model_name.endswith(("batch", "document"))]
    assert len(story) >= 14
    for model in story:
        assert model.objects.filter(owner=demo).exists(), f"no {model.__name__} in the demo"


def test_demo_is_a_few_dozen_rows_that_tell_a_story(demo):
    contacts = Contact.objects.filter(owner=demo)
    assert 10 <= contacts.count() <= 40
    # A referral chain three people long, and people from warm and cold sources alike.
    chained = contacts.filter(referred_by__referred_by__referred_by__isnull=False)
    assert chained.exists()
    assert {Source.PROFESSOR, Source.ALUMNI, Source.COLD} <= set(
        contacts.values_list("source", flat=True)
    )
    statuses = set(Conversation.objects.filter(owner=demo).values_list("status", flat=True))
    assert {"planned", "requested", "scheduled", "held", "thanked", "declined"} <= statuses
    assert Takeaway.objects.filter(owner=demo, answers__isnull=False).exists()
    assert any(not c.isascii() for c in contacts.values_list("last_name", flat=True))


def test_demo_gives_today_something_of_each_kind(demo):
    titles = [item.title for item in today_items(demo)]
    assert any(t.startswith("Thank ") and t.endswith("for the conversation") for t in titles)
    assert any(t.startswith("Follow up once") for t in titles)
    assert any(t.startswith("Meet ") for t in titles)
    assert any(t.startswith("Keep in touch") for t in titles)


def test_the_same_seed_gives_the_same_rows(seeker, coach):
    now = timezone.now()
    fill_account(seeker, "demo", seed=3, now=now)
    fill_account(coach, "demo", seed=3, now=now)
    assert _rows(seeker) == _rows(coach)


def test_another_seed_gives_other_rows(seeker, coach):
    now = timezone.now()
    fill_account(seeker, "demo", seed=3, now=now)
    fill_account(coach, "demo", seed=4, now=now)
    assert _rows(seeker) != _rows(coach)


def test_an_account_with_data_is_refused_and_left_alone(seeker):
    contact = make_contact(seeker, first_name="Mine")
    with pytest.raises(AccountHasData):
        fill_account(seeker, "demo")
    assert list(Contact.objects.filter(owner=seeker)) == [contact]


def test_replace_deletes_the_accounts_rows_first(seeker, stranger):
    make_contact(seeker, first_name="Mine")
    theirs = make_contact(stranger, first_name="Theirs")
    fill_account(seeker, "demo", replace=True)
    assert not Contact.objects.filter(owner=seeker, first_name="Mine").exists()
    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_demo_rows_are_searchable(demo):
    groups = {group["kind"] for group in search(demo, "harbor")}
    assert {"organization", "contact"} <= groups


@pytest.mark.parametrize(
    "name",
    [
        "today:today",
        "people:contact_list",
        "research:organization_list",
        "research:careerfield_list",
        "conversations:conversation_list",
        "followup:task_list",
        "followup:joblead_list",
        "outreach:message_list",
    ],
)
def test_demo_pages_render(demo, client, name):
    client.force_login(demo)
    assert client.get(reverse(name)).status_code == 200


def test_demo_detail_and_live_pages_render(demo, client):
    client.force_login(demo)
    for conversation in Conversation.objects.filter(owner=demo):
        assert client.get(conversation.get_absolute_url()).status_code == 200
        live = reverse("conversations:conversation_live", args=[conversation.pk])
        assert client.get(live).status_code == 200
    for contact in Contact.objects.filter(owner=demo):
        assert client.get(contact.get_absolute_url()).status_code == 200


def test_command_refuses_an_account_with_data_in_one_sentence(seeker, settings):
    settings.LOCAL_MODE = False
    make_contact(seeker)
    result = CliRunner().invoke(cli, ["sample-data", "--user", "seeker"], prog_name="coffeechat")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "already has data" in result.output
    assert "Traceback" not in result.output


def test_command_loads_the_demo(db, settings):
    settings.LOCAL_MODE = False
    make_user("newcomer")
    result = CliRunner().invoke(
        cli, ["sample-data", "--user", "newcomer", "--seed", "5"], prog_name="coffeechat"
    )
    assert result.exit_code == 0, result.output
    assert "Loaded the demo sample into 'newcomer'" in result.output
    assert Contact.objects.filter(owner__username="newcomer").count() > 10
    # Each kind counted in words: the demo's one pitch is "1 pitch", never "1 pitches".
    assert "1 pitch," in result.output
    assert re.search(r"\b1 \w+s\b", result.output.replace("1 news item", "")) is None
