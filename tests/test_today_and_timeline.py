"""Today in the practice's order (page, `coffeechat today`, the daily digest) and the timeline
on a person's page."""

from __future__ import annotations

import io
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.accounts.local import ensure_owner
from coffeechat.cli import cli
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.lib.business_days import business_days_between
from coffeechat.outreach.models import Message
from coffeechat.people.models import Interaction
from coffeechat.today.commands import today_command
from tests.factories import (
    make_contact,
    make_conversation,
    make_held_conversation,
    make_interaction,
    make_message,
    make_task,
    make_user,
)

ZONE = "Pacific/Auckland"  # far from UTC, so a day counted in UTC would often be wrong
COUNTRY = "NZ"


# --- helpers -----------------------------------------------------------------------------------


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _set_profile(user, email: str = "") -> None:
    profile = get_profile(user)
    profile.time_zone = ZONE
    profile.holiday_country = COUNTRY
    profile.email = email
    profile.save()


def _local_now() -> datetime:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(ZONE))


def _local_today():
    return _local_now().date()


def _business_days_ago(days: int) -> datetime:
    """Noon, where the seeker lives, on the latest day `days` business days before today."""
    today = _local_today()
    day = today
    while business_days_between(day, today, COUNTRY) < days:
        day -= timedelta(days=1)
    return datetime.combine(day, time(12), zoneinfo.ZoneInfo(ZONE))


@dataclass
class Due:
    """One row expected on Today: a fragment of its title, its action link, overdue or not."""

    key: str
    title: str
    action: str
    url: str
    overdue: bool
    group: str = ""  # the id of the Today group it is listed under


def _one_of_each(owner, marker: str = "") -> dict:
    """One situation of each kind Today knows about; the rows it should give, in order."""
    now = timezone.now()
    today = _local_today()
    people = {
        key: make_contact(owner, first_name=key.capitalize(), last_name=f"{marker}Person")
        for key in ("thea", "rhys", "mina", "pia", "kit", "lou")
    }
    # Met yesterday; the thank-you task was due yesterday.
    met = make_conversation(
        owner,
        contact=people["thea"],
        status=Conversation.Status.HELD,
        scheduled_at=now - timedelta(days=1),
        held_at=now - timedelta(days=1),
    )
    thank_you = make_task(
        owner,
        title=f"Thank {people['thea']}",
        kind=Task.Kind.THANK_YOU,
        due_on=today - timedelta(days=1),
        contact=people["thea"],
        conversation=met,
    )
    # Asked 10 business days ago, no answer: both 3B7 steps are due.
    waiting = make_conversation(
        owner,
        contact=people["rhys"],
        status=Conversation.Status.REQUESTED,
        scheduled_at=None,
        requested_at=_business_days_ago(10),
    )
    # Meeting in two days, nothing planned yet.
    meeting = make_conversation(
        owner,
        contact=people["mina"],
        status=Conversation.Status.SCHEDULED,
        scheduled_at=now + timedelta(days=2),
    )
    promise = make_task(
        owner,
        title=f"Send {people['pia']} the {marker}article",
        kind=Task.Kind.PROMISE,
        due_on=today,
        contact=people["pia"],
    )
    # Met 30 days ago, thanked the day after, nothing since: the first update is overdue.
    kits = make_held_conversation(owner, now - timedelta(days=30), contact=people["kit"])
    make_interaction(
        owner,
        contact=people["kit"],
        kind=Interaction.Kind.EMAIL,
        direction=Interaction.Direction.OUTGOING,
        occurred_at=now - timedelta(days=29),
        summary="Thank-you",
    )
    # A promise kept 3 days ago that they have not heard about.
    kept = make_task(
        owner,
        title=f"Apply to the {marker}fellowship",
        kind=Task.Kind.PROMISE,
        due_on=today - timedelta(days=5),
        contact=people["lou"],
        done=True,
    )
    Task.objects.filter(pk=kept.pk).update(done_at=now - timedelta(days=3))
    other = make_task(owner, title=f"Renew the {marker}library card", kind=Task.Kind.OTHER)

    create = reverse("outreach:message_create")
    # Group by group as the page shows them; within a group, the order of the practice.
    rows = [
        Due(
            "thank_you",
            f"Thank {people['thea']}",
            "Draft the thank-you",
            f"{create}?contact={met.contact_id}&conversation={met.pk}&kind=thank_you&draft=1",
            True,
            "overdue",
        ),
        Due(
            "keep_in_touch",
            f"Keep in touch with {people['kit']}",
            "Draft an update",
            f"{create}?contact={people['kit'].pk}&conversation={kits.pk}&kind=update&draft=1",
            True,
            "overdue",
        ),
        Due("promise", promise.title, "Open", promise.get_absolute_url(), False, "today"),
        Due(
            "loop",
            f"Tell {people['lou']} you did it: {kept.title}",
            "Draft an update",
            f"{create}?contact={people['lou'].pk}&kind=update&draft=1",
            False,
            "today",
        ),
        Due("other", other.title, "Open", other.get_absolute_url(), False, "today"),
        # Both 3B7 steps are due: one row, the follow-up first, who to ask next beside it.
        Due(
            "follow_up",
            f"Follow up once with {people['rhys']}",
            "Draft the follow-up",
            f"{create}?contact={waiting.contact_id}&conversation={waiting.pk}"
            "&kind=follow_up&draft=1",
            True,
            "waiting",
        ),
        Due(
            "meeting",
            f"Meet {people['mina']}",
            "Plan the questions",
            reverse("conversations:conversation_plan", args=[meeting.pk]),
            False,
            "meetings",
        ),
        Due(
            "write_up",
            f"How did it go with {people['thea']}?",
            "How did it go?",
            reverse("conversations:conversation_wrap_up", args=[met.pk]),
            False,
            "write_up",
        ),
    ]
    return {
        "rows": rows,
        "people": people,
        "meeting": meeting,
        "thank_you": thank_you,
        "kept": kept,
    }


def _today(client) -> list:
    return _soup(client.get(reverse("today:today"))).select("ul.today-items > li")


def _titles(rows) -> list[str]:
    return [li.select_one(".what strong").get_text(" ", strip=True) for li in rows]


def _same_link(href: str, expected: str) -> bool:
    got, want = urlsplit(href), urlsplit(expected)
    return got.path == want.path and parse_qs(got.query) == parse_qs(want.query)


def _fill(client, url: str, **changes) -> dict[str, object]:
    """The page's own form as a browser would submit it, with the user's changes."""
    soup = _soup(client.get(url))
    (form,) = soup.select("main form.form[method=post]")
    data: dict[str, object] = {}
    for field in form.select("input[name]"):
        kind = field.get("type", "text").lower()
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        elif kind not in ("submit", "button", "file"):
            data[field["name"]] = field.get("value", "")
    for select in form.select("select[name]"):
        option = select.select_one("option[selected]") or select.find("option")
        data[select["name"]] = option.get("value", "") if option else ""
    for area in form.select("textarea[name]"):
        data[area["name"]] = area.get_text().removeprefix("\n")
    data.update(changes)
    return data


def _log_interaction(client, contact, direction: str) -> None:
    url = reverse("people:interaction_create") + f"?contact={contact.pk}"
    data = _fill(client, url, kind="email", direction=direction, summary="Wrote to them")
    assert data["contact"] == str(contact.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


@pytest.fixture
def seeker_zone(seeker):
    _set_profile(seeker, "sam@example.com")
    return seeker


# --- Today: the order of the practice ----------------------------------------------------------


def test_today_lists_one_of_each_in_the_practices_order(seeker_client, seeker_zone):
    built = _one_of_each(seeker_zone)
    expected = built["rows"]
    rows = _today(seeker_client)

    assert len(rows) == len(expected), _titles(rows)
    for li, due in zip(rows, expected, strict=True):
        text = li.get_text(" ", strip=True)
        assert due.title in text, (due.key, _titles(rows))
        assert li.find_parent("section")["id"] == f"today-{due.group}", due.key
        link = li.select_one("a.button")
        assert link.get_text(strip=True) == due.action, due.key
        assert _same_link(link["href"], due.url), (due.key, link["href"], due.url)
        assert ("overdue" in li.get("class", [])) is due.overdue, due.key
        assert ("overdue" in text) is due.overdue, due.key

    # The thank-you link opens a thank-you draft for that conversation.
    thanks_url = rows[0].select_one("a.button")["href"]
    draft = _soup(seeker_client.get(thanks_url))
    assert draft.select_one("#id_kind option[selected]")["value"] == "thank_you"
    assert draft.select_one("#id_body").get_text().strip().startswith("Hi Thea,")


def test_a_meeting_links_to_the_prep_sheet_once_questions_are_planned(seeker_client, seeker_zone):
    built = _one_of_each(seeker_zone)
    meeting = built["meeting"]
    (row,) = [li for li in _today(seeker_client) if f"Meet {meeting.contact}" in li.get_text()]
    assert "no questions planned yet" in row.get_text(" ", strip=True)

    plan = reverse("conversations:conversation_plan", args=[meeting.pk])
    for text in ("How did you get started?", "What would you do differently?"):
        seeker_client.post(plan, {"action": "add", "text": text})
    assert meeting.agenda_items.count() == 2

    (row,) = [li for li in _today(seeker_client) if f"Meet {meeting.contact}" in li.get_text()]
    link = row.select_one("a.button")
    assert link.get_text(strip=True) == "Prep sheet"
    assert link["href"] == reverse("conversations:conversation_prep", args=[meeting.pk])
    assert "2 questions planned" in row.get_text(" ", strip=True)
    assert seeker_client.get(link["href"]).status_code == 200


def test_a_meeting_with_one_question_says_question_in_the_singular(seeker_client, seeker_zone):
    meeting = _one_of_each(seeker_zone)["meeting"]
    plan = reverse("conversations:conversation_plan", args=[meeting.pk])
    seeker_client.post(plan, {"action": "add", "text": "How did you get started?"})
    (row,) = [li for li in _today(seeker_client) if f"Meet {meeting.contact}" in li.get_text()]
    text = row.get_text(" ", strip=True)
    assert "1 question planned" in text, text


def test_the_close_the_loop_row_dates_the_promise_where_the_seeker_lives(
    seeker_client, seeker_zone
):
    lou = _one_of_each(seeker_zone)["people"]["lou"]
    # Kept at 8 in the morning, three days ago, in Auckland: the evening before in UTC.
    kept_on = _local_today() - timedelta(days=3)
    kept_at = datetime.combine(kept_on, time(8), zoneinfo.ZoneInfo(ZONE))
    Task.objects.filter(contact=lou, kind=Task.Kind.PROMISE).update(done_at=kept_at)
    (row,) = [li for li in _today(seeker_client) if f"Tell {lou} you did it" in li.get_text()]
    shown = row.select_one(".meta").get_text(" ", strip=True)
    assert f"{kept_on:%a} {kept_on.day} {kept_on:%b %Y}" in shown, shown


def test_logging_an_interaction_resets_the_keep_in_touch_rhythm(seeker_client, seeker_zone):
    kit = _one_of_each(seeker_zone)["people"]["kit"]
    keep = f"Keep in touch with {kit}"
    assert any(keep in title for title in _titles(_today(seeker_client)))

    _log_interaction(seeker_client, kit, "outgoing")

    titles = _titles(_today(seeker_client))
    assert not any(keep in title for title in titles)
    assert len(titles) == 7  # everything else is still due


def test_telling_them_closes_the_loop_but_their_message_does_not(seeker_client, seeker_zone):
    built = _one_of_each(seeker_zone)
    lou = built["people"]["lou"]
    loop = f"Tell {lou} you did it"
    assert any(loop in title for title in _titles(_today(seeker_client)))

    _log_interaction(seeker_client, lou, "incoming")
    assert any(loop in title for title in _titles(_today(seeker_client)))

    _log_interaction(seeker_client, lou, "outgoing")
    titles = _titles(_today(seeker_client))
    assert not any(loop in title for title in titles)
    assert len(titles) == 7


def test_sending_the_update_from_today_moves_the_conversation_on(seeker_client, seeker_zone):
    """Today's "Draft an update" → save → "I sent it": Kit is off Today and the conversation with
    Kit (thanked) is now keeping in touch, as sending an update does from the conversation."""
    kit = _one_of_each(seeker_zone)["people"]["kit"]
    conversation = Conversation.objects.get(contact=kit)
    (row,) = [li for li in _today(seeker_client) if f"Keep in touch with {kit}" in li.get_text()]
    draft_url = row.select_one("a.button")["href"]
    data = _fill(seeker_client, draft_url)
    assert data["kind"] == "update" and data["contact"] == str(kit.pk)
    response = seeker_client.post(reverse("outreach:message_create"), data)
    assert response.status_code == 302
    update = Message.objects.get(contact=kit, kind=Message.Kind.UPDATE)
    seeker_client.post(reverse("outreach:message_act", args=[update.pk]), {"action": "mark_sent"})

    assert not [li for li in _today(seeker_client) if f"Keep in touch with {kit}" in li.get_text()]
    page = _soup(seeker_client.get(conversation.get_absolute_url()))
    (status,) = [dt for dt in page.select("dl.fields dt") if dt.get_text(strip=True) == "Status"]
    assert status.find_next_sibling("dd").get_text(strip=True) == "Keeping in touch"


def test_keep_in_touch_reaches_the_latest_people_met_however_many_came_before(
    seeker_client, seeker_zone
):
    now = timezone.now()
    for _ in range(210):  # met a month ago, wrote ten days ago: nobody here is due
        contact = make_contact(seeker_zone, organization=None)
        make_held_conversation(seeker_zone, now - timedelta(days=30), contact=contact)
        make_interaction(seeker_zone, contact=contact, occurred_at=now - timedelta(days=10))
    newest = make_contact(seeker_zone, first_name="Newest", organization=None)
    make_held_conversation(seeker_zone, now - timedelta(days=30), contact=newest)
    titles = _titles(_today(seeker_client))
    assert titles == [f"Keep in touch with {newest}"]


def test_a_strangers_rows_never_show_on_the_seekers_today(
    seeker_client, client, seeker_zone, stranger
):
    _set_profile(stranger, "stranger@example.com")
    theirs = _one_of_each(stranger, marker="Zzyzx")
    mine = _one_of_each(seeker_zone)

    rows = _today(seeker_client)
    html = "".join(str(li) for li in rows)
    assert "Zzyzx" not in html
    hrefs = [a["href"] for li in rows for a in li.select("a[href]")]
    for due in theirs["rows"]:
        if due.url != reverse("people:who_next"):  # the same page for everyone
            assert not any(_same_link(href, due.url) for href in hrefs), due.key
    for due in mine["rows"]:
        assert any(_same_link(href, due.url) for href in hrefs), due.key
    assert len(rows) == len(mine["rows"])

    # The stranger sees their own list (so the comparison above means something).
    client.force_login(stranger)
    stranger_titles = " ".join(_titles(_today(client)))
    assert stranger_titles.count("Zzyzx") >= 6
    assert f"Thank {mine['people']['thea']}" not in stranger_titles


def _count_today_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = _today(client)
    return len(queries), len(rows)


def test_today_queries_do_not_grow_with_rows(seeker_client, seeker_zone):
    for _ in range(2):
        _one_of_each(seeker_zone)
    with_two, rows_two = _count_today_queries(seeker_client)
    for _ in range(10):
        _one_of_each(seeker_zone)
    with_twelve, rows_twelve = _count_today_queries(seeker_client)
    assert rows_twelve > rows_two  # more rows were really shown
    assert with_twelve == with_two, f"{with_two} queries for 2 of each, {with_twelve} for 12"


# --- `coffeechat today` ------------------------------------------------------------------------


@pytest.fixture
def local_owner(db, settings):
    settings.LOCAL_MODE = True
    owner = ensure_owner()
    _set_profile(owner)
    return owner


def _run_today():
    # Through the `coffeechat` group, as a person runs it: invoked on its own, click would
    # cache the command's --help option without the group's -h, and docs/cli.md would differ.
    assert cli.get_command(None, "today") is today_command
    result = CliRunner().invoke(cli, ["today"], prog_name="coffeechat")
    assert result.exit_code == 0, result.output
    return result.output


def test_coffeechat_today_prints_the_list_in_order(local_owner, seeker):
    expected = _one_of_each(local_owner)["rows"]
    _set_profile(seeker)
    _one_of_each(seeker, marker="Seekerside")  # someone else's list is not printed

    output = _run_today()
    assert "Seekerside" not in output
    titles = [line for line in output.splitlines() if line.startswith("- ")]
    assert len(titles) == len(expected), output
    for line, due in zip(titles, expected, strict=True):
        assert due.title in line, (due.key, output)
        assert line.startswith("- OVERDUE ") is due.overdue, (due.key, line)
    details = [line.strip() for line in output.splitlines() if line.startswith("    ")]
    assert [d.rsplit("→ ", 1)[-1] for d in details] == [due.action for due in expected]


def test_coffeechat_today_with_nothing_due(local_owner):
    make_task(
        local_owner, title="Much later", due_on=_local_today() + timedelta(days=30)
    )  # not due yet
    assert _run_today().strip() == "Nothing is due today."


# --- The daily digest --------------------------------------------------------------------------


@pytest.fixture
def accounts(seeker_zone, stranger):
    """Two accounts with something due and an address, and three that get no digest."""
    _set_profile(stranger)
    quiet = make_user("quiet", email="quiet@example.com")  # nothing due
    _set_profile(quiet)
    nameless = make_user("nameless")  # no address
    _set_profile(nameless)
    gone = make_user("gone", email="gone@example.com", is_active=False)
    _set_profile(gone)
    return {
        "seeker": _one_of_each(seeker_zone),
        "stranger": _one_of_each(stranger, marker="Zzyzx"),
        "nameless": _one_of_each(nameless, marker="Nameless"),
        "gone": _one_of_each(gone, marker="Gone"),
    }


def _digest_blocks(output: str) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("To "):
            current = blocks.setdefault(line.removeprefix("To ").rstrip(":"), [])
        elif current is not None and line.startswith("- "):
            current.append(line)
    return blocks


def _assert_in_order(lines: list[str], expected: list[Due]) -> None:
    assert len(lines) == len(expected), lines
    for line, due in zip(lines, expected, strict=True):
        assert due.title in line, (due.key, lines)


def test_digest_dry_run_prints_each_accounts_list(accounts, settings):
    settings.EMAIL_HOST = ""
    out = io.StringIO()
    call_command("send_digest", "--dry-run", stdout=out)
    output = out.getvalue()
    blocks = _digest_blocks(output)
    assert set(blocks) == {"seeker@example.com", "stranger@example.com"}
    _assert_in_order(blocks["seeker@example.com"], accounts["seeker"]["rows"])
    _assert_in_order(blocks["stranger@example.com"], accounts["stranger"]["rows"])
    assert "Zzyzx" not in "\n".join(blocks["seeker@example.com"])
    assert "2 digests shown." in output
    assert mail.outbox == []


def test_digest_without_smtp_refuses_to_send(accounts, settings):
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(CommandError, match="SMTP"):
        call_command("send_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_digest_sends_one_email_per_account_with_something_due(accounts, settings):
    settings.EMAIL_HOST = "smtp.example.com"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_digest", stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["seeker@example.com", "stranger@example.com"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    (to_seeker,) = [m for m in mail.outbox if m.to == ["seeker@example.com"]]
    lines = [line for line in to_seeker.body.splitlines() if line.startswith("- ")]
    _assert_in_order(lines, accounts["seeker"]["rows"])
    assert "Zzyzx" not in to_seeker.body
    assert "2 digests sent." in out.getvalue()


# --- The timeline on a person's page -----------------------------------------------------------


def _timeline(client, contact) -> list:
    return _soup(client.get(contact.get_absolute_url())).select("ol.timeline > li")


def test_timeline_shows_everything_newest_first_with_links(seeker_client, seeker_zone):
    seeker = seeker_zone
    now = timezone.now().replace(microsecond=0)
    contact = make_contact(seeker, first_name="Tess")
    conversation = make_conversation(
        seeker,
        contact=contact,
        status=Conversation.Status.HELD,
        scheduled_at=now - timedelta(days=10),
        held_at=now - timedelta(days=10) + timedelta(minutes=40),
        goals="Learn how newsrooms hire",
    )
    Conversation.objects.filter(pk=conversation.pk).update(created_at=now - timedelta(days=30))
    sent = make_message(
        seeker,
        contact=contact,
        conversation=conversation,
        kind=Message.Kind.REQUEST,
        subject="Twenty minutes of your advice?",
        status=Message.Status.SENT,
        sent_at=now - timedelta(days=25),
    )
    called = make_interaction(
        seeker,
        contact=contact,
        kind=Interaction.Kind.CALL,
        direction=Interaction.Direction.INCOMING,
        occurred_at=now - timedelta(days=20),
        summary="She called back to set a time",
    )
    wrote = make_interaction(
        seeker,
        contact=contact,
        kind=Interaction.Kind.EMAIL,
        direction=Interaction.Direction.OUTGOING,
        occurred_at=now - timedelta(days=5),
        summary="Sent the article she mentioned",
    )
    draft = make_message(
        seeker, contact=contact, kind=Message.Kind.UPDATE, subject="What came of your advice"
    )
    Message.objects.filter(pk=draft.pk).update(created_at=now - timedelta(days=1))
    # Someone else's events stay on their own page.
    other = make_contact(seeker, first_name="Otis")
    make_interaction(seeker, contact=other, summary="Otis-only interaction")
    make_message(seeker, contact=other, subject="Otis-only message")
    make_conversation(seeker, contact=other, goals="Otis-only goals")

    rows = _timeline(seeker_client, contact)
    expected = [
        (draft.get_absolute_url(), "Keep-in-touch update (draft)", "What came of your advice"),
        (wrote.get_absolute_url(), "Email · From me", "Sent the article she mentioned"),
        (conversation.get_absolute_url(), "Conversation held", "Learn how newsrooms hire"),
        (conversation.get_absolute_url(), "Conversation scheduled for", ""),
        (called.get_absolute_url(), "Phone call · From them", "She called back to set a time"),
        (sent.get_absolute_url(), "Request for a conversation (sent)", sent.subject),
        (conversation.get_absolute_url(), "Conversation planned", ""),
    ]
    assert len(rows) == len(expected), [li.get_text(" ", strip=True) for li in rows]
    for li, (url, what, text) in zip(rows, expected, strict=True):
        link = li.find("a")
        assert link["href"] == url, li
        assert link.get_text(strip=True) == what, li
        assert text in li.get_text(" ", strip=True)
    page_text = " ".join(li.get_text(" ", strip=True) for li in rows)
    assert "Otis-only" not in page_text

    # Times are shown where the seeker lives.
    local = wrote.occurred_at.astimezone(zoneinfo.ZoneInfo(ZONE))
    shown = rows[1].find("time").get_text(strip=True)
    assert shown.startswith(f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}")


def _add_events(owner, contact, count: int) -> None:
    for n in range(count):
        make_interaction(owner, contact=contact, summary=f"Event {n}")
        make_message(owner, contact=contact, subject=f"Message {n}")
        make_conversation(owner, contact=contact, goals=f"Conversation {n}")


def _count_contact_page_queries(client, contact) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = _timeline(client, contact)
    return len(queries), len(rows)


def test_contact_page_queries_do_not_grow_with_the_timeline(seeker_client, seeker_zone):
    contact = make_contact(seeker_zone)
    _add_events(seeker_zone, contact, 1)  # 3 events and conversation moments
    few, few_rows = _count_contact_page_queries(seeker_client, contact)
    _add_events(seeker_zone, contact, 19)  # 20 of each
    many, many_rows = _count_contact_page_queries(seeker_client, contact)
    assert many_rows > few_rows
    assert many == few, f"{few} queries for 3 events, {many} for 20 of each"
