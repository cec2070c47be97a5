"""Markdown notes (per conversation, per field, all in a ZIP) and the calendar as one ICS file."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from click.testing import CliRunner
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.cli import cli
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.exports.notes_markdown import inline, slug
from tests.factories import (
    make_agenda_item,
    make_contact,
    make_conversation,
    make_field,
    make_open_question,
    make_organization,
    make_takeaway,
    make_task,
)

MEETING = datetime(2026, 9, 23, 2, 0, tzinfo=UTC)  # 22 September, 21:00 in Chicago


@pytest.fixture
def story(seeker):
    field = make_field(
        seeker,
        name="Data analytics",
        fit_interest=5,
        fit_skills=3,
        fit_lifestyle=4,
        fit_note="Good **hours**.",
    )
    question = make_open_question(seeker, field=field, text="Is a master's degree expected?")
    unanswered = make_open_question(seeker, field=field, text="How remote is the work?")
    organization = make_organization(seeker, name="Harbor Health")
    organization.fields.add(field)
    referrer = make_contact(seeker, first_name="Ngozi", last_name="Okafor", organization=None)
    jonas = make_contact(
        seeker,
        first_name="Jonas",
        last_name="Brandt",
        title="Senior Analyst",
        organization=organization,
        referred_by=referrer,
    )
    conversation = make_conversation(
        seeker,
        contact=jonas,
        field=field,
        organization=organization,
        status=Conversation.Status.HELD,
        scheduled_at=MEETING,
        time_zone="America/Chicago",
        goals="Learn how the first year goes.",
        notes="They use *dbt*.\r\nAnd Looker.",
    )
    make_agenda_item(
        seeker,
        conversation=conversation,
        text="What does a first week look like?",
        minutes=5,
        asked=True,
        notes="Mostly learning who owns which data.",
    )
    make_takeaway(
        seeker,
        conversation=conversation,
        category=Takeaway.Category.PATH,
        text="A master's helped later but was not needed.",
        answers=question,
    )
    make_takeaway(
        seeker,
        conversation=conversation,
        category=Takeaway.Category.SKILLS,
        text="SQL every day.",
        will_act_on=True,
    )
    make_task(
        seeker, title="Take the SQL course", conversation=conversation, due_on=date(2026, 12, 1)
    )
    return {"field": field, "conversation": conversation, "unanswered": unanswered}


def _download(client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    return response.content.decode("utf-8"), response["Content-Disposition"]


def test_a_conversations_notes_read_as_its_page(seeker_client, story):
    conversation = story["conversation"]
    text, disposition = _download(
        seeker_client, reverse("exports:conversation_notes", args=[conversation.pk])
    )

    assert f'filename="2026-09-22-jonas-brandt-{conversation.pk}.md"' in disposition
    assert text.startswith("# Informational interview with Jonas Brandt\n")
    assert "- **When:** Tuesday 22 September 2026, 21:00 (America/Chicago)" in text
    assert "- **Referred by:** Ngozi Okafor" in text
    assert "## Goals\n\nLearn how the first year goes.\n" in text
    assert "1. What does a first week look like? — 5 min\n\n   Mostly learning who owns" in text
    assert "## Notes\n\nThey use *dbt*.\nAnd Looker.\n" in text  # their Markdown, as written
    assert "### Career path\n\n- A master's helped later but was not needed. *(answers “Is a" in (
        text
    )
    assert "- SQL every day. *(I will act on this)*" in text
    assert "- [ ] Take the SQL course (due 2026-12-01)" in text
    assert "\r" not in text


def test_a_fields_notes_gather_fit_questions_and_what_was_learned(seeker_client, seeker, story):
    field = story["field"]
    make_conversation(seeker, field=field, status=Conversation.Status.PLANNED)
    text, disposition = _download(seeker_client, reverse("exports:field_notes", args=[field.pk]))

    assert f'filename="field-data-analytics-{field.pk}.md"' in disposition
    assert "- **People talked with:** 1" in text  # held only, as on the insights pages
    assert "| Interest | 5 |\n| Skills match | 3 |\n| Lifestyle | 4 |\n| Prospects | — |" in text
    assert "| **Average** | **4.0** |" in text
    assert "Good **hours**." in text
    assert "- [x] Is a master's degree expected?\n  - Jonas Brandt: A master's helped" in text
    assert "- [ ] How remote is the work?" in text
    assert "*(from Jonas Brandt; I will act on this)*" in text
    assert "- Harbor Health" in text


def test_names_cannot_inject_markdown(seeker_client, seeker):
    contact = make_contact(seeker, first_name="[click](javascript:alert(1))", last_name="<b>x</b>")
    conversation = make_conversation(seeker, contact=contact)
    text, _ = _download(
        seeker_client, reverse("exports:conversation_notes", args=[conversation.pk])
    )
    assert "\\[click\\](javascript:alert(1)) \\<b\\>x\\</b\\>" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("- item", "\\- item"), ("1. first", "\\1. first"), ("a\nb", "a b"), ("*x*", "\\*x\\*")],
)
def test_inline_values_stay_plain_text(value, expected):
    assert inline(value) == expected


def test_file_names_are_plain_letters():
    assert slug("Søren Kjær", "x") == "soren-kjaer"
    assert slug("Zoë O'Brien-Ñúñez", "x") == "zoe-o-brien-nunez"
    assert slug("名前", "conversation") == "conversation"


def test_all_notes_come_as_one_zip_with_an_index(seeker_client, seeker, story):
    make_field(seeker, name="UX research")
    response = seeker_client.get(reverse("exports:notes_zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as zipped:
        names = sorted(zipped.namelist())
        readme = zipped.read("README.md").decode()
    conversation = story["conversation"]
    assert names == [
        "README.md",
        f"conversations/2026-09-22-jonas-brandt-{conversation.pk}.md",
        f"fields/field-data-analytics-{story['field'].pk}.md",
        f"fields/field-ux-research-{story['field'].pk + 1}.md",
    ]
    assert f"- [Jonas Brandt](conversations/2026-09-22-jonas-brandt-{conversation.pk}.md)" in readme


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("exports:notes_zip")).status_code == 200
    return len(queries)


def test_the_notes_zip_does_not_query_per_conversation(seeker_client, seeker, story):
    few = _queries(seeker_client)
    for _ in range(6):
        conversation = make_conversation(seeker, field=story["field"])
        make_takeaway(seeker, conversation=conversation, answers=story["unanswered"])
        make_agenda_item(seeker, conversation=conversation)
        make_task(seeker, conversation=conversation)
    assert _queries(seeker_client) == few


def test_the_calendar_file_holds_every_meeting_and_open_dated_follow_up(seeker_client, seeker):
    long_ago = make_conversation(seeker, scheduled_at=datetime.now(UTC) - timedelta(days=400))
    soon = make_conversation(seeker)
    make_conversation(seeker, scheduled_at=None, status=Conversation.Status.PLANNED)
    make_task(seeker, title="Send the thank-you", due_on=date.today())
    make_task(seeker, title="Done already", due_on=date.today(), done=True)

    response = seeker_client.get(reverse("exports:calendar"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [component for component in calendar.walk("VEVENT")]
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert len(events) == 3  # both meetings, even the one over 90 days old, and the open task
    assert any("Send the thank-you" in summary for summary in summaries)
    uids = {str(event["UID"]) for event in events}
    assert any(f"conversation-{long_ago.pk}-" in uid for uid in uids)
    assert any(f"conversation-{soon.pk}-" in uid for uid in uids)


def test_export_command_writes_calendar_and_notes(seeker, story, tmp_path, settings):
    settings.LOCAL_MODE = False
    runner = CliRunner()
    calendar = runner.invoke(cli, ["export", "ics", "--user", "seeker"])
    assert calendar.exit_code == 0, calendar.output
    assert calendar.stdout.startswith("BEGIN:VCALENDAR")

    refused = runner.invoke(cli, ["export", "markdown", "--user", "seeker"])
    assert refused.exit_code != 0
    assert "name it with --output" in refused.output

    target = tmp_path / "notes.zip"
    written = runner.invoke(cli, ["export", "markdown", "--user", "seeker", "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert "Wrote 2 notes files" in written.output
    with zipfile.ZipFile(target) as zipped:
        assert len(zipped.namelist()) == 3
