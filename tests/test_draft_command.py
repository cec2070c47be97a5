"""`coffeechat draft` on the demo story: every kind of message on every channel, for everyone
it applies to, reads right and passes the checker; nothing is kept unless --save."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coffeechat.cli import cli
from coffeechat.core.cli_support import EXIT_BAD_INPUT
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact
from coffeechat.sample_data.fill import fill_account

KINDS = ["request", "follow-up", "thank-you", "keep-in-touch"]
CHANNELS = ["email", "linkedin-note", "linkedin-note-free", "inmail", "letter", "phone"]
# What the demo's notes and pitch used to leak into drafts.
GARBLE = (
    "exploring I'm", "about I'm", "Spoke at the", "Wrote the piece", "Like you, I studied",
    "I found you while reading", "Your advice to SQL", "As promised, I will send Aiko",
)  # fmt: skip


def draft(*args: str):
    return CliRunner().invoke(cli, ["draft", *args], prog_name="coffeechat")


@pytest.fixture
def demo(seeker):
    fill_account(seeker, "demo", seed=7)
    return seeker


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_every_kind_on_every_channel_drafts_the_demo_story(demo, kind, channel):
    result = draft("--all", "--json", "--kind", kind, "--channel", channel, "--user", "seeker")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows, f"no {kind} for anyone in the demo story"
    for row in rows:
        assert set(row) == {"contact_id", "contact", "kind", "channel", "subject", "body",
                            "findings"}  # fmt: skip
        assert (row["kind"], row["channel"]) == (kind, channel)
        assert row["body"].strip()
        assert not [f for f in row["findings"] if f["severity"] == "error"], row
        for garble in GARBLE:
            assert garble not in row["body"] + row["subject"], (garble, row)
    assert (
        not Message.objects.filter(owner=demo, status=Message.Status.DRAFT)
        .exclude(subject="Thank you for yesterday")
        .exists()
    ), "nothing is saved without --save"


def test_requests_go_to_everyone_who_may_be_contacted(demo):
    rows = json.loads(draft("--all", "--json", "--user", "seeker").output)
    reachable = Contact.objects.filter(owner=demo, do_not_contact=False)
    assert {row["contact_id"] for row in rows} == set(reachable.values_list("pk", flat=True))


def test_thank_yous_go_to_conversations_held_and_not_yet_thanked(demo):
    rows = json.loads(draft("--all", "--json", "--kind", "thank-you", "--user", "seeker").output)
    assert [row["contact"] for row in rows] == ["Thảo Nguyễn"]


def test_people_are_named_by_id_or_email_and_drafts_kept_with_save(demo):
    contact = Contact.objects.filter(owner=demo).exclude(email="").order_by("pk").first()
    other = Contact.objects.filter(owner=demo).exclude(pk=contact.pk).order_by("pk").first()
    result = draft(contact.email.upper(), str(other.pk), "--save", "--user", "seeker")
    assert result.exit_code == 0, result.output
    assert f"== {contact.name} ({contact.pk})" in result.output
    saved = Message.objects.filter(owner=demo, kind=Message.Kind.REQUEST, status="draft")
    assert set(saved.values_list("contact_id", flat=True)) == {contact.pk, other.pk}


@pytest.mark.parametrize("args", [("999999",), ("nobody@example.com",), ()])
def test_unknown_people_or_nobody_at_all_is_one_sentence(demo, args):
    result = draft(*args, "--user", "seeker")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
