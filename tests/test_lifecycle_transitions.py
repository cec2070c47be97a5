"""Every move of a conversation's status, allowed and refused, and the side effects of each.

The table below is written out by hand from the practice the lifecycle module describes
(planned → requested → scheduled → held → thanked → keeping in touch; declined, no reply and
cancelled end without a meeting; a correction is one step back and clears the moment of the
step it undoes). It is not read from the module, so changing the module's rules without
changing this table fails here.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.clock import get_profile
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import Task
from coffeechat.people.models import Interaction
from tests.factories import make_conversation, make_task

Status = Conversation.Status
PLANNED, REQUESTED, SCHEDULED = Status.PLANNED, Status.REQUESTED, Status.SCHEDULED
HELD, THANKED, KEEPING_IN_TOUCH = Status.HELD, Status.THANKED, Status.KEEPING_IN_TOUCH
DECLINED, NO_REPLY, CANCELLED = Status.DECLINED, Status.NO_REPLY, Status.CANCELLED
THANK_YOU, FOLLOW_UP = Task.Kind.THANK_YOU, Task.Kind.FOLLOW_UP
SECOND_CONTACT, PREPARE = Task.Kind.SECOND_CONTACT, Task.Kind.PREPARE
MOMENTS = ("requested_at", "replied_at", "scheduled_at", "held_at", "thanked_at")
AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")

# F: allowed forward · C: allowed correction (one step back) · =: same, no move · .: refused
FORWARD, CORRECTION, SAME, REFUSED = "F", "C", "=", "."
COLUMNS = {
    "pla": PLANNED,
    "req": REQUESTED,
    "sch": SCHEDULED,
    "hel": HELD,
    "tha": THANKED,
    "kit": KEEPING_IN_TOUCH,
    "dec": DECLINED,
    "nor": NO_REPLY,
    "can": CANCELLED,
}
GRID = """
from \\ to        pla req sch hel tha kit dec nor can
planned           =   F   F   F   F   .   F   .   F
requested         C   =   F   F   F   .   F   F   F
scheduled         .   C   =   F   F   .   F   .   F
held              .   .   C   =   F   F   .   .   .
thanked           .   .   .   C   =   F   .   .   .
keeping_in_touch  .   .   .   .   C   =   .   .   .
declined          .   C   F   .   .   .   =   .   .
no_reply          .   C   F   F   F   .   F   =   .
cancelled         .   .   F   .   .   .   .   .   =
"""


def _table() -> dict[tuple[str, str], str]:
    header, *rows = GRID.strip().splitlines()
    columns = [COLUMNS[name] for name in header.split()[3:]]
    table = {}
    for row in rows:
        current, *marks = row.split()
        pairs = zip(columns, marks, strict=True)
        table.update({(Status(current), target): mark for target, mark in pairs})
    return table


TABLE = _table()

# What each correction clears: the moments of the step it undoes.
CLEARED_BY_CORRECTION = {
    (REQUESTED, PLANNED): {"requested_at", "replied_at", "scheduled_at"},
    (SCHEDULED, REQUESTED): {"scheduled_at"},  # the time fell through; their answer stays
    (HELD, SCHEDULED): {"held_at"},
    (THANKED, HELD): {"thanked_at"},
    (KEEPING_IN_TOUCH, THANKED): set(),
    (DECLINED, REQUESTED): {"replied_at"},
    (NO_REPLY, REQUESTED): set(),
}

# The moments a conversation that came as far as each status carries.
CARRIES = {
    PLANNED: (),
    REQUESTED: ("requested_at",),
    NO_REPLY: ("requested_at",),
    DECLINED: ("requested_at", "replied_at"),
    CANCELLED: ("requested_at", "replied_at", "scheduled_at"),
    SCHEDULED: ("requested_at", "replied_at", "scheduled_at"),
    HELD: ("requested_at", "replied_at", "scheduled_at", "held_at"),
    THANKED: MOMENTS,
    KEEPING_IN_TOUCH: MOMENTS,
}
# The tasks it has by then: (kind, done).
TASKS_BY_THEN = {
    REQUESTED: [(FOLLOW_UP, False)],
    NO_REPLY: [(FOLLOW_UP, False)],
    HELD: [(THANK_YOU, False)],
    THANKED: [(THANK_YOU, True)],
    KEEPING_IN_TOUCH: [(THANK_YOU, True)],
}


def _minute(delta: timedelta = timedelta()) -> datetime:
    """A moment relative to the frozen clock, whole minutes so the edit form keeps it as is."""
    return (timezone.now() + delta).replace(second=0, microsecond=0)


def _every_moment(took_place: bool = True) -> dict[str, datetime]:
    meeting = _minute(timedelta(days=-2) if took_place else timedelta(days=3))
    return {
        "requested_at": _minute(timedelta(days=-10)),
        "replied_at": _minute(timedelta(days=-8)),
        "scheduled_at": meeting,
        "held_at": meeting,
        "thanked_at": _minute(timedelta(days=-1)),
    }


def _task(conversation: Conversation, kind: str, done: bool = False) -> Task:
    return make_task(
        conversation.owner,
        title=f"{kind} for {conversation.contact}",
        kind=kind,
        done=done,
        contact=conversation.contact,
        conversation=conversation,
    )


def _conversation_at(owner, status: str) -> Conversation:
    """A conversation that came as far as `status`, with the moments and tasks it would have."""
    moments = _every_moment(took_place=status in (HELD, THANKED, KEEPING_IN_TOUCH))
    carried = {name: moments[name] if name in CARRIES[status] else None for name in MOMENTS}
    conversation = make_conversation(owner, status=status, **carried)
    for kind, done in TASKS_BY_THEN.get(status, []):
        _task(conversation, kind, done)
    return conversation


def _state(conversation: Conversation):
    """What the database holds: the conversation's status and moments, and every task."""
    row = Conversation.objects.values("status", *MOMENTS).get(pk=conversation.pk)
    tasks = set(Task.objects.values_list("pk", "kind", "done", "conversation_id"))
    return row, tasks


def _fresh(conversation: Conversation) -> Conversation:
    return Conversation.objects.get(pk=conversation.pk)


def _open_thank_yous(conversation: Conversation):
    return Task.objects.filter(conversation=conversation, kind=THANK_YOU, done=False)


# 1. The table --------------------------------------------------------------------------------


def test_the_table_has_every_pair_of_statuses_once():
    assert set(TABLE) == {(a, b) for a in Status.values for b in Status.values}
    assert len(TABLE) == 81
    assert {pair for pair, mark in TABLE.items() if mark == SAME} == {(s, s) for s in Status.values}
    assert {p for p, mark in TABLE.items() if mark == CORRECTION} == set(CLEARED_BY_CORRECTION)


@pytest.mark.parametrize(
    ("current", "target", "mark"),
    [(current, target, mark) for (current, target), mark in TABLE.items()],
    ids=[f"{current}->{target}" for current, target in TABLE],
)
def test_every_move_is_made_or_refused_as_the_table_says(seeker, current, target, mark):
    conversation = _conversation_at(seeker, current)
    before = _state(conversation)
    assert (lifecycle.refusal(current, target) == "") == (mark != REFUSED)
    if mark == REFUSED:
        with pytest.raises(lifecycle.TransitionRefused) as refused:
            lifecycle.move(conversation, target)
        sentence = str(refused.value)
        assert sentence == lifecycle.refusal(current, target)
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert _state(conversation) == before
        assert conversation.status == current
        return
    lifecycle.move(conversation, target)
    assert _fresh(conversation).status == target
    if mark == SAME:
        assert _state(conversation) == before
    elif mark == FORWARD:  # a step forward keeps every moment the conversation had
        had = {name: before[0][name] for name in MOMENTS if before[0][name]}
        after = _state(conversation)[0]
        assert {name: after[name] for name in had} == had


# 2. Side effects -----------------------------------------------------------------------------


@pytest.mark.parametrize("given", [True, False], ids=["at-given", "now"])
def test_requested_stamps_the_moment_the_request_went_out(seeker, given):
    conversation = _conversation_at(seeker, PLANNED)
    at = _minute(timedelta(hours=-3)) if given else None
    before = timezone.now()
    lifecycle.move(conversation, REQUESTED, at)
    stamped = _fresh(conversation).requested_at
    assert stamped == at if given else before <= stamped <= timezone.now()


def test_requested_keeps_a_request_time_already_set(seeker):
    first = _minute(timedelta(days=-4))
    conversation = make_conversation(seeker, status=PLANNED, requested_at=first)
    lifecycle.move(conversation, REQUESTED, _minute())
    assert _fresh(conversation).requested_at == first


def test_scheduled_after_a_request_stamps_the_reply_and_closes_only_its_reminders(seeker):
    conversation = _conversation_at(seeker, REQUESTED)  # with an open follow-up task
    second_contact = _task(conversation, SECOND_CONTACT)
    prepare = _task(conversation, PREPARE)
    elsewhere = _conversation_at(seeker, REQUESTED)  # with an open follow-up task
    _task(elsewhere, SECOND_CONTACT)
    at = _minute(timedelta(hours=-1))
    lifecycle.move(conversation, SCHEDULED, at)
    assert _fresh(conversation).replied_at == at
    assert Task.objects.get(pk=second_contact.pk).done
    assert not conversation.tasks.filter(kind__in=(FOLLOW_UP, SECOND_CONTACT), done=False)
    assert not Task.objects.get(pk=prepare.pk).done
    assert elsewhere.tasks.filter(done=False).count() == 2


def test_scheduled_keeps_a_reply_already_received(seeker):
    conversation = _conversation_at(seeker, REQUESTED)
    replied = _minute(timedelta(days=-1))
    lifecycle.reply_received(conversation, replied)
    lifecycle.move(conversation, SCHEDULED, _minute())
    assert _fresh(conversation).replied_at == replied


def test_scheduled_without_a_request_stamps_no_reply_time(seeker):
    conversation = _conversation_at(seeker, PLANNED)
    lifecycle.move(conversation, SCHEDULED, _minute())
    assert _fresh(conversation).replied_at is None


def test_held_is_stamped_at_the_scheduled_time_once_it_has_passed(seeker):
    conversation = make_conversation(seeker, scheduled_at=_minute(timedelta(hours=-2)))
    lifecycle.move(conversation, HELD)
    assert _fresh(conversation).held_at == conversation.scheduled_at


@pytest.mark.parametrize("scheduled_in", [timedelta(hours=2), None], ids=["ahead", "no-time"])
def test_held_is_stamped_now_when_the_scheduled_time_has_not_passed(seeker, scheduled_in):
    scheduled_at = _minute(scheduled_in) if scheduled_in else None
    conversation = make_conversation(seeker, scheduled_at=scheduled_at)
    before = timezone.now()
    lifecycle.move(conversation, HELD)
    assert before <= _fresh(conversation).held_at <= timezone.now()


@pytest.fixture
def in_auckland(seeker):
    """A seeker in Auckland: at the suite's moment (23:30 UTC) it is already their next day."""
    profile = get_profile(seeker)
    profile.time_zone = "Pacific/Auckland"
    profile.save()
    return seeker


@pytest.mark.parametrize(
    "scheduled_in", [timedelta(hours=-12), timedelta(hours=2)], ids=["passed", "ahead"]
)
def test_held_opens_one_thank_you_task_due_in_two_of_the_seekers_days(in_auckland, scheduled_in):
    conversation = make_conversation(in_auckland, scheduled_at=_minute(scheduled_in))
    lifecycle.move(conversation, HELD)
    held_at = _fresh(conversation).held_at
    (task,) = Task.objects.filter(kind=THANK_YOU)
    assert task.due_on == held_at.astimezone(AUCKLAND).date() + timedelta(days=2)
    assert (task.conversation, task.contact, task.owner) == (
        conversation,
        conversation.contact,
        in_auckland,
    )
    assert not task.done


def test_moving_to_held_twice_opens_one_thank_you_task(seeker):
    conversation = _conversation_at(seeker, SCHEDULED)
    lifecycle.move(conversation, HELD)
    lifecycle.move(conversation, HELD)
    lifecycle.held(conversation)
    assert Task.objects.filter(conversation=conversation, kind=THANK_YOU).count() == 1


def _thanked_then_marked_held(conversation: Conversation) -> None:
    lifecycle.thank_you_sent(conversation, _minute(timedelta(hours=-1)))
    lifecycle.held(conversation)


def _thanked_for_a_late_answer_then_held(conversation: Conversation) -> None:
    lifecycle.move(conversation, NO_REPLY)
    lifecycle.thank_you_sent(conversation, _minute(timedelta(hours=-1)))
    lifecycle.held(conversation)


@pytest.mark.parametrize("steps", [_thanked_then_marked_held, _thanked_for_a_late_answer_then_held])
def test_held_after_thanks_were_sent_opens_no_thank_you_task(seeker, steps):
    conversation = make_conversation(
        seeker, status=REQUESTED, requested_at=_minute(timedelta(days=-9)), scheduled_at=None
    )
    steps(conversation)
    assert _fresh(conversation).thanked_at is not None
    assert not Task.objects.filter(conversation=conversation, kind=THANK_YOU).exists()


def test_thanked_stamps_the_thanks_and_closes_the_open_thank_you_task(seeker):
    conversation = _conversation_at(seeker, HELD)  # with its open thank-you task
    at = _minute(timedelta(hours=-1))
    lifecycle.move(conversation, THANKED, at)
    assert _fresh(conversation).thanked_at == at
    assert Task.objects.get(conversation=conversation, kind=THANK_YOU).done


@pytest.mark.parametrize(
    ("current", "target", "cleared"),
    [(current, target, cleared) for (current, target), cleared in CLEARED_BY_CORRECTION.items()],
    ids=[f"{current}->{target}" for current, target in CLEARED_BY_CORRECTION],
)
def test_a_correction_clears_exactly_the_moments_of_the_step_it_undoes(
    seeker, current, target, cleared
):
    moments = _every_moment()  # every moment set, so what is kept shows as well
    conversation = make_conversation(seeker, status=current, **moments)
    lifecycle.move(conversation, target)
    row = Conversation.objects.values(*MOMENTS).get(pk=conversation.pk)
    assert row == {name: None if name in cleared else moments[name] for name in MOMENTS}


def test_held_corrected_to_scheduled_deletes_the_open_thank_you_task_but_keeps_a_done_one(seeker):
    conversation = _conversation_at(seeker, HELD)  # with its open thank-you task
    done = _task(conversation, THANK_YOU, done=True)
    elsewhere = _conversation_at(seeker, HELD)
    lifecycle.move(conversation, SCHEDULED)
    assert list(Task.objects.filter(conversation=conversation)) == [done]
    assert _open_thank_yous(elsewhere).count() == 1


@pytest.mark.parametrize("status", [PLANNED, REQUESTED, SCHEDULED, HELD, NO_REPLY])
def test_thank_you_sent_moves_to_thanked_and_implies_the_conversation_took_place(seeker, status):
    conversation = _conversation_at(seeker, status)
    before = _fresh(conversation)
    at = _minute(timedelta(hours=-1))
    lifecycle.thank_you_sent(conversation, at)
    after = _fresh(conversation)
    assert (after.status, after.thanked_at) == (THANKED, at)
    assert after.held_at == (before.held_at or at)
    assert (after.replied_at is not None) == (before.requested_at is not None)
    assert not _open_thank_yous(conversation).exists()


def test_thank_you_sent_after_thanks_keeps_keeping_in_touch_and_the_first_thanks(seeker):
    conversation = _conversation_at(seeker, KEEPING_IN_TOUCH)
    lifecycle.thank_you_sent(conversation, _minute(timedelta(hours=-1)))
    after = _fresh(conversation)
    assert (after.status, after.thanked_at) == (KEEPING_IN_TOUCH, conversation.thanked_at)


@pytest.mark.parametrize("status", [DECLINED, CANCELLED])
def test_thanks_for_a_kind_refusal_record_no_meeting(seeker, status):
    conversation = _conversation_at(seeker, status)
    lifecycle.thank_you_sent(conversation, _minute(timedelta(hours=-1)))
    lifecycle.held(conversation)  # the wrap-up page of a conversation that never happened
    after = _fresh(conversation)
    assert (after.status, after.held_at, after.thanked_at) == (status, None, None)
    assert not Task.objects.filter(conversation=conversation, kind=THANK_YOU).exists()


def test_a_late_reply_brings_a_conversation_without_a_reply_back_to_waiting(seeker):
    conversation = _conversation_at(seeker, NO_REPLY)
    at = _minute(timedelta(hours=-1))
    lifecycle.reply_received(conversation, at)
    after = _fresh(conversation)
    assert (after.status, after.replied_at) == (REQUESTED, at)
    assert not conversation.tasks.filter(kind__in=(FOLLOW_UP, SECOND_CONTACT), done=False)


@pytest.mark.parametrize("target", [NO_REPLY, CANCELLED])
def test_giving_up_on_a_request_closes_its_follow_up_reminders(seeker, target):
    conversation = _conversation_at(seeker, REQUESTED)  # with an open follow-up task
    lifecycle.move(conversation, target)
    assert not conversation.tasks.filter(kind__in=(FOLLOW_UP, SECOND_CONTACT), done=False)


def test_thanks_corrected_to_held_make_the_thank_you_due_again(seeker):
    conversation = _conversation_at(seeker, HELD)  # with its open thank-you task
    lifecycle.move(conversation, THANKED)
    lifecycle.move(conversation, HELD)
    assert _open_thank_yous(conversation).count() == 1
    went_straight_to_thanks = _conversation_at(seeker, SCHEDULED)
    lifecycle.move(went_straight_to_thanks, THANKED)
    lifecycle.move(went_straight_to_thanks, HELD)
    assert _open_thank_yous(went_straight_to_thanks).count() == 1


def test_a_correction_back_to_requested_keeps_a_request_time(seeker):
    skipped_the_request = make_conversation(seeker, status=PLANNED, scheduled_at=None)
    lifecycle.move(skipped_the_request, SCHEDULED)
    lifecycle.move(skipped_the_request, REQUESTED)
    assert _fresh(skipped_the_request).requested_at is not None


@pytest.mark.parametrize(
    ("current", "target", "sentence"),
    [
        (HELD, PLANNED, "The conversation already took place, so it cannot be marked “Planned”."),
        (SCHEDULED, NO_REPLY, "They already answered, so it cannot be marked “No reply”."),
        (CANCELLED, PLANNED, "To plan it again, start a new conversation with them."),
        (DECLINED, HELD, "A conversation declined cannot be marked “Held”."),
    ],
)
def test_a_refusal_says_why_in_plain_words(current, target, sentence):
    assert lifecycle.refusal(current, target) == sentence


def test_request_sent_moves_a_planned_conversation_to_requested(seeker):
    conversation = _conversation_at(seeker, PLANNED)
    at = _minute(timedelta(hours=-1))
    lifecycle.request_sent(conversation, at)
    assert (_fresh(conversation).status, _fresh(conversation).requested_at) == (REQUESTED, at)


@pytest.mark.parametrize("status", [REQUESTED, SCHEDULED, DECLINED])
def test_request_sent_later_keeps_the_status_and_the_first_request_time(seeker, status):
    missing = make_conversation(seeker, status=status, requested_at=None)
    first = _minute(timedelta(days=-5))
    kept = make_conversation(seeker, status=status, requested_at=first)
    at = _minute(timedelta(hours=-1))
    lifecycle.request_sent(missing, at)
    lifecycle.request_sent(kept, at)
    assert (_fresh(missing).status, _fresh(missing).requested_at) == (status, at)
    assert (_fresh(kept).status, _fresh(kept).requested_at) == (status, first)


def test_reply_received_stamps_the_reply_and_ends_the_reminders_but_keeps_the_status(seeker):
    conversation = _conversation_at(seeker, REQUESTED)  # with an open follow-up task
    _task(conversation, SECOND_CONTACT)
    at = _minute(timedelta(hours=-1))
    lifecycle.reply_received(conversation, at)
    assert (_fresh(conversation).status, _fresh(conversation).replied_at) == (REQUESTED, at)
    assert not conversation.tasks.filter(done=False).exists()


def test_reply_received_keeps_the_first_reply(seeker):
    conversation = _conversation_at(seeker, REQUESTED)
    first = _minute(timedelta(days=-2))
    lifecycle.reply_received(conversation, first)
    lifecycle.reply_received(conversation, _minute())
    assert _fresh(conversation).replied_at == first


@pytest.mark.parametrize("status", [HELD, THANKED])
def test_update_sent_after_the_conversation_moves_to_keeping_in_touch(seeker, status):
    conversation = _conversation_at(seeker, status)
    lifecycle.update_sent(conversation, _minute())
    assert _fresh(conversation).status == KEEPING_IN_TOUCH


@pytest.mark.parametrize("status", [PLANNED, SCHEDULED, KEEPING_IN_TOUCH, DECLINED, CANCELLED])
def test_update_sent_leaves_any_other_status_as_it_is(seeker, status):
    conversation = _conversation_at(seeker, status)
    before = _state(conversation)
    lifecycle.update_sent(conversation, _minute())
    assert _state(conversation) == before


@pytest.mark.parametrize("with_conversation", [True, False], ids=["conversation", "contact"])
def test_touched_logs_the_interaction_with_the_person(seeker, with_conversation):
    conversation = _conversation_at(seeker, REQUESTED)
    about = conversation if with_conversation else None
    at = _minute(timedelta(hours=-1))
    touch = lifecycle.Touch(
        kind=Interaction.Kind.EMAIL,
        direction=Interaction.Direction.INCOMING,
        summary="Happy to talk on Tuesday",
    )
    logged = lifecycle.touched(conversation.contact, about, at, touch)
    stored = Interaction.objects.get(pk=logged.pk)
    assert (stored.owner, stored.contact, stored.conversation) == (
        seeker,
        conversation.contact,
        about,
    )
    assert (stored.kind, stored.direction, stored.summary, stored.occurred_at) == (
        Interaction.Kind.EMAIL,
        Interaction.Direction.INCOMING,
        "Happy to talk on Tuesday",
        at,
    )


# 3. The status groups ------------------------------------------------------------------------


def test_open_took_place_and_ended_without_meeting_partition_every_status():
    groups = (lifecycle.OPEN, lifecycle.TOOK_PLACE, lifecycle.ENDED_WITHOUT_MEETING)
    assert sum(len(group) for group in groups) == len(Status.values)
    assert set().union(*groups) == set(Status.values) == lifecycle.STATUSES


@pytest.mark.parametrize(
    ("group", "statuses"),
    [
        ("OPEN", {PLANNED, REQUESTED, SCHEDULED}),
        ("TOOK_PLACE", {HELD, THANKED, KEEPING_IN_TOUCH}),
        ("ENDED_WITHOUT_MEETING", {DECLINED, NO_REPLY, CANCELLED}),
        ("ANSWERED", {SCHEDULED, DECLINED}),
        ("ASKED", {REQUESTED, NO_REPLY}),
    ],
)
def test_each_status_group_holds_exactly_its_statuses(group, statuses):
    assert getattr(lifecycle, group) == statuses


# 4. The edit form goes through the lifecycle -------------------------------------------------


def _form_data(page: BeautifulSoup) -> dict[str, str]:
    """What a browser submits for the page's own form as rendered."""
    (form,) = page.select("main form.form[method=post]")
    data = {}
    for field in form.select("input[name]"):
        kind = field.get("type", "text").lower()
        if kind in ("submit", "button", "reset", "file"):
            continue
        if kind not in ("checkbox", "radio") or field.has_attr("checked"):
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    for select in form.select("select[name]"):
        option = select.select_one("option[selected]") or select.find("option")
        data[select["name"]] = option.get("value", "") if option else ""
    for area in form.select("textarea[name]"):
        data[area["name"]] = area.get_text().removeprefix("\n")
    return data


def _post_edit(client, conversation: Conversation, status: str):
    url = reverse("conversations:conversation_edit", kwargs={"conversation_id": conversation.pk})
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    return client.post(url, {**_form_data(page), "status": status})


@pytest.mark.parametrize(
    ("current", "target"),
    [(HELD, PLANNED), (SCHEDULED, NO_REPLY), (KEEPING_IN_TOUCH, SCHEDULED), (CANCELLED, HELD)],
    ids=lambda status: str(status),
)
def test_the_edit_form_shows_a_refused_move_as_an_error_of_the_status_field(
    seeker_client, seeker, current, target
):
    conversation = _conversation_at(seeker, current)
    before = _state(conversation)
    response = _post_edit(seeker_client, conversation, target)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    status_field = page.select_one("select[name=status]").find_parent(class_="field")
    errors = [error.get_text(strip=True) for error in status_field.select(".error")]
    assert errors == [lifecycle.refusal(current, target)] and errors != [""]
    assert _state(conversation) == before


def test_the_edit_form_makes_an_allowed_move_with_its_side_effects(seeker_client, seeker):
    conversation = _conversation_at(seeker, SCHEDULED)
    response = _post_edit(seeker_client, conversation, HELD)
    assert response.status_code == 302
    assert _fresh(conversation).status == HELD
    assert _open_thank_yous(conversation).count() == 1
