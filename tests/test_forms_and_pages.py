"""The pages a seeker works in: creating, editing and deleting rows, and what the forms accept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.core.crud import PAGE_SIZE, registry
from coffeechat.core.models import OwnedModel
from coffeechat.outreach.models import Message
from coffeechat.people.models import Contact, Tag
from coffeechat.prepare.models import Pitch
from coffeechat.research.models import Organization
from tests.factories import (
    make_contact,
    make_conversation,
    make_one_of_everything,
    make_organization,
    make_pitch,
    make_tag,
)

get_resolver().url_patterns  # noqa: B018 — importing the URLconf registers every entity
ENTITY_NAMES = sorted(registry)


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _main_form(response):
    form = _soup(response).select_one("main form[method=post]")
    assert form is not None, "the page has no form to fill in"
    return form


def _created_pk(response) -> int:
    assert response.status_code == 302, _form_errors(response)
    match = resolve(response["Location"])
    return next(iter(match.kwargs.values()))


def _form_errors(response) -> list[str]:
    if response.status_code != 200:
        return []
    soup = _soup(response)
    return [el.get_text(" ", strip=True) for el in soup.select("main .error, main .errors")]


def _field_errors(response, name: str) -> list[str]:
    """The errors shown next to the control named `name`."""
    control = _soup(response).select_one(f"main form [name={name}]")
    assert control is not None, f"no control named {name!r} on the page"
    wrapper = control.find_parent("div", class_="field")
    return [el.get_text(" ", strip=True) for el in wrapper.select(".error")]


def _detail_values(response) -> dict[str, str]:
    """Label -> value of the detail page's field table."""
    rows = _soup(response).select("dl.fields > div")
    return {row.dt.get_text(" ", strip=True): row.dd.get_text(" ", strip=True) for row in rows}


def _select_values(response, name: str) -> set[str]:
    select = _soup(response).select_one(f"main form select[name={name}]")
    assert select is not None, f"no <select name={name}> on the page"
    return {option["value"] for option in select.find_all("option") if option["value"]}


def _selected_value(response, name: str) -> str | None:
    select = _soup(response).select_one(f"main form select[name={name}]")
    selected = select.find("option", selected=True)
    return selected["value"] if selected is not None else None


# Create, show, edit, delete ------------------------------------------------------------------


@dataclass
class Case:
    entity: str
    data: Callable[[object], dict]  # owner -> the form's POST data
    stored: dict  # attribute -> value expected on the saved row
    shown: dict[str, str]  # label -> value on the detail page
    change: dict  # what the edit changes
    changed_stored: dict
    changed_shown: dict[str, str]


def _contact_data(owner) -> dict:
    organization = make_organization(owner, name="Harbour Analytics")
    return {
        "first_name": "Grace",
        "last_name": "Hopper",
        "title": "Rear Admiral",
        "organization": organization.pk,
        "email": "grace@example.com",
        "source": "alumni",
        "tier": "senior",
        "tag_names": "",
    }


def _conversation_data(owner) -> dict:
    contact = make_contact(owner, first_name="Linus", last_name="Pauling")
    return {
        "contact": contact.pk,
        "status": "scheduled",
        "agreed_minutes": "30",
        "medium": "coffee",
        "scheduled_at": "2026-12-03T09:30",
        "time_zone": "Europe/Berlin",
        "place": "Café Einstein",
        "goals": "Learn how the team hires",
    }


def _message_data(owner) -> dict:
    contact = make_contact(owner, first_name="Rosalind", last_name="Franklin")
    return {
        "contact": contact.pk,
        "kind": "request",
        "channel": "email",
        "subject": "Twenty minutes of advice?",
        "body": "Dear Dr Franklin, ...",
        "status": "draft",
    }


CASES = [
    Case(
        entity="research:organization",
        data=lambda owner: {
            "name": "Acme Robotics",
            "website": "acme.example",
            "industry": "Robotics",
            "location": "Berlin",
            "motivation": "2",
            "posting": "3",
        },
        stored={"name": "Acme Robotics", "website": "https://acme.example", "motivation": 2},
        shown={
            "Name": "Acme Robotics",
            "Website": "https://acme.example",
            "Industry": "Robotics",
            "Location": "Berlin",
            "Motivation": "2 · strong interest",
            "Posting": "3 · postings that fit me",
        },
        change={"location": "Munich"},
        changed_stored={"location": "Munich"},
        changed_shown={"Location": "Munich", "Name": "Acme Robotics"},
    ),
    Case(
        entity="research:careerfield",
        data=lambda owner: {
            "name": "Product management",
            "status": "promising",
            "industry": "Software",
        },
        stored={"name": "Product management", "status": "promising"},
        shown={"Name": "Product management", "Status": "Promising", "Industry": "Software"},
        change={"status": "ruled_out"},
        changed_stored={"status": "ruled_out"},
        changed_shown={"Status": "Ruled out"},
    ),
    Case(
        entity="people:contact",
        data=_contact_data,
        stored={"first_name": "Grace", "last_name": "Hopper", "title": "Rear Admiral"},
        shown={
            "First name": "Grace",
            "Last name": "Hopper",
            "Job title": "Rear Admiral",
            "Organization": "Harbour Analytics",
            "How you know them": "Alumni",
            "Seniority": "Senior",
        },
        change={"title": "Commodore"},
        changed_stored={"title": "Commodore"},
        changed_shown={"Job title": "Commodore"},
    ),
    Case(
        entity="conversations:conversation",
        data=_conversation_data,
        stored={"place": "Café Einstein", "agreed_minutes": 30, "status": "scheduled"},
        shown={
            "Contact": "Linus Pauling",
            "Place": "Café Einstein",
            "Goals": "Learn how the team hires",
            "Medium": "Coffee",
            "Status": "Scheduled",
            "Agreed minutes": "30",
        },
        change={"place": "Café Central"},
        changed_stored={"place": "Café Central"},
        changed_shown={"Place": "Café Central"},
    ),
    Case(
        entity="outreach:message",
        data=_message_data,
        stored={"subject": "Twenty minutes of advice?", "status": "draft"},
        shown={
            "Contact": "Rosalind Franklin",
            "Subject": "Twenty minutes of advice?",
            "Status": "Draft",
            "Channel": "Email",
        },
        change={"subject": "Fifteen minutes of advice?"},
        changed_stored={"subject": "Fifteen minutes of advice?"},
        changed_shown={"Subject": "Fifteen minutes of advice?"},
    ),
    Case(
        entity="followup:task",
        data=lambda owner: {"title": "Send a thank-you card", "kind": "thank_you"},
        stored={"title": "Send a thank-you card", "done": False},
        shown={
            "Title": "Send a thank-you card",
            "Kind": "Send a thank-you",
            "Done": "No",
            "Due on": "—",
        },
        change={"due_on": "2026-05-04", "done": "on"},
        changed_stored={"done": True},
        changed_shown={"Done": "Yes", "Due on": "Mon 4 May 2026"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.entity)
def test_create_show_edit_and_delete_through_the_pages(case, seeker_client, seeker):
    entity = registry[case.entity]
    model = entity.model
    data = case.data(seeker)

    response = seeker_client.post(reverse(entity.url_name("create")), data)
    pk = _created_pk(response)
    obj = model.objects.get(pk=pk)
    assert obj.owner == seeker
    for attr, value in case.stored.items():
        assert getattr(obj, attr) == value, attr

    detail = seeker_client.get(response["Location"])
    assert detail.status_code == 200
    shown = _detail_values(detail)
    for label, value in case.shown.items():
        assert shown.get(label) == value, label

    edit_url = reverse(entity.url_name("edit"), args=[pk])
    response = seeker_client.post(edit_url, {**data, **case.change})
    assert _created_pk(response) == pk
    obj.refresh_from_db()
    for attr, value in case.changed_stored.items():
        assert getattr(obj, attr) == value, attr
    shown = _detail_values(seeker_client.get(response["Location"]))
    for label, value in case.changed_shown.items():
        assert shown.get(label) == value, label

    delete_url = reverse(entity.url_name("delete"), args=[pk])
    confirm = seeker_client.get(delete_url)
    assert confirm.status_code == 200
    assert model.objects.filter(pk=pk).exists(), "opening the delete page must not delete"

    response = seeker_client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == reverse(entity.url_name("list"))
    assert not model.objects.filter(pk=pk).exists()
    assert seeker_client.get(reverse(entity.url_name("detail"), args=[pk])).status_code == 404


def test_edit_page_shows_the_saved_values(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Grace", last_name="Hopper", title="Rear Admiral")
    make_tag(seeker, name="unused")
    contact.tags.add(make_tag(seeker, name="navy"), make_tag(seeker, name="computing"))

    page = seeker_client.get(reverse("people:contact_edit", args=[contact.pk]))

    form = _main_form(page)
    assert form.find("input", attrs={"name": "first_name"})["value"] == "Grace"
    assert form.find("input", attrs={"name": "title"})["value"] == "Rear Admiral"
    tags = [t.strip() for t in form.find("input", attrs={"name": "tag_names"})["value"].split(",")]
    assert sorted(tags) == ["computing", "navy"]


# Related rows are the owner's own ------------------------------------------------------------


def test_contact_with_someone_elses_organization_is_refused(seeker_client, seeker, stranger):
    theirs = make_organization(stranger, name="Their Corp")

    response = seeker_client.post(
        reverse("people:contact_create"),
        {"first_name": "Ada", "last_name": "Byron", "source": "cold", "organization": theirs.pk},
    )

    assert response.status_code == 200
    assert any("valid choice" in e for e in _field_errors(response, "organization"))
    assert not Contact.objects.exists()


def test_organization_choices_are_the_owners_own(seeker_client, seeker, stranger):
    mine = {make_organization(seeker, name=f"Mine {n}").pk for n in range(3)}
    theirs = make_organization(stranger, name="Their Corp")

    page = seeker_client.get(reverse("people:contact_create"))

    assert page.status_code == 200
    assert _select_values(page, "organization") == {str(pk) for pk in mine}
    assert "Their Corp" not in page.content.decode()
    assert str(theirs.pk) not in _select_values(page, "organization")


def test_parent_prefill_only_with_the_owners_row(seeker_client, seeker, stranger):
    mine = make_organization(seeker, name="Mine Inc")
    theirs = make_organization(stranger, name="Their Corp")
    url = reverse("people:contact_create")

    page = seeker_client.get(url, {"organization": theirs.pk})
    assert page.status_code == 200
    assert _selected_value(page, "organization") in (None, "")
    assert "Their Corp" not in page.content.decode()

    page = seeker_client.get(url, {"organization": mine.pk})
    assert _selected_value(page, "organization") == str(mine.pk)


def _related_fields(entity_name: str) -> list[tuple[str, str]]:
    entity = registry[entity_name]
    fields = entity.form_class.base_fields
    return [
        (entity_name, name)
        for name, form_field in fields.items()
        if isinstance(form_field, forms.ModelChoiceField)
        and issubclass(form_field.queryset.model, OwnedModel)
    ]


RELATED_FIELDS = [pair for name in ENTITY_NAMES for pair in _related_fields(name)]


@pytest.mark.parametrize(
    ("entity_name", "field_name"), RELATED_FIELDS, ids=[f"{e}.{f}" for e, f in RELATED_FIELDS]
)
def test_every_related_choice_refuses_someone_elses_row(
    seeker_client, seeker, stranger, entity_name, field_name
):
    entity = registry[entity_name]
    mine = make_one_of_everything(seeker, "Mine")
    theirs = make_one_of_everything(stranger, "Theirs")
    related_model = entity.form_class.base_fields[field_name].queryset.model
    before = entity.model.objects.count()

    page = seeker_client.get(reverse(entity.url_name("create")))
    offered = {
        control["value"]
        for control in _main_form(page).select(f"[name={field_name}] option, [name={field_name}]")
        if control.get("value")
    }
    assert str(mine[related_model].pk) in offered
    assert str(theirs[related_model].pk) not in offered

    response = seeker_client.post(
        reverse(entity.url_name("create")), {field_name: theirs[related_model].pk}
    )
    assert response.status_code == 200
    assert any("valid choice" in e for e in _field_errors(response, field_name))
    assert entity.model.objects.count() == before


# Contacts and organizations ------------------------------------------------------------------


def _create_contact(client: Client, **data):
    return client.post(
        reverse("people:contact_create"), {"source": "cold", "tag_names": "", **data}
    )


def test_tags_are_split_deduplicated_and_reused(seeker_client, seeker, stranger):
    make_tag(stranger, name="alumni")  # someone else's tag of the same name is not reused

    first = Contact.objects.get(
        pk=_created_pk(
            _create_contact(seeker_client, first_name="Ada", tag_names="alumni, Fintech, alumni")
        )
    )
    mine = Tag.objects.owned_by(seeker)
    assert sorted(mine.values_list("name", flat=True)) == ["Fintech", "alumni"]
    assert set(first.tags.all()) == set(mine)

    second = Contact.objects.get(
        pk=_created_pk(_create_contact(seeker_client, first_name="Bob", tag_names="ALUMNI,fintech"))
    )
    assert Tag.objects.owned_by(seeker).count() == 2
    assert set(second.tags.all()) == set(mine)
    assert Tag.objects.owned_by(stranger).count() == 1


def test_tags_with_accents_are_reused_case_insensitively(seeker_client, seeker):
    first = _created_pk(_create_contact(seeker_client, first_name="Ada", tag_names="Économie"))
    second = _created_pk(_create_contact(seeker_client, first_name="Bob", tag_names="économie"))

    assert list(Tag.objects.owned_by(seeker).values_list("name", flat=True)) == ["Économie"]
    assert list(Contact.objects.get(pk=first).tags.all()) == list(
        Contact.objects.get(pk=second).tags.all()
    )


def test_contact_needs_a_first_or_last_name(seeker_client):
    response = _create_contact(seeker_client, first_name="  ", last_name="", title="Engineer")

    assert response.status_code == 200
    assert any("first or a last name" in e for e in _form_errors(response))
    assert not Contact.objects.exists()


@pytest.mark.parametrize("names", [{"first_name": "Ada"}, {"last_name": "Lovelace"}])
def test_contact_with_one_name_is_enough(seeker_client, seeker, names):
    _created_pk(_create_contact(seeker_client, **names))
    assert Contact.objects.owned_by(seeker).count() == 1


def test_contact_email_is_stored_lower_case(seeker_client):
    pk = _created_pk(_create_contact(seeker_client, first_name="Ada", email="Ada.L@Example.COM"))
    assert Contact.objects.get(pk=pk).email == "ada.l@example.com"


def _create_organization(client: Client, name: str):
    return client.post(
        reverse("research:organization_create"), {"name": name, "motivation": "1", "posting": "1"}
    )


def test_same_organization_twice_is_refused(seeker_client, seeker):
    seeker_client.raise_request_exception = False  # a crash should fail the assertions below
    _created_pk(_create_organization(seeker_client, "Acme LLC"))

    response = _create_organization(seeker_client, "acme")

    assert response.status_code == 200
    assert _form_errors(response), "the duplicate should be explained on the form"
    assert Organization.objects.owned_by(seeker).count() == 1


def test_same_organization_name_is_fine_for_two_owners(seeker, stranger):
    for user in (seeker, stranger):
        client = Client()
        client.force_login(user)
        _created_pk(_create_organization(client, "Acme LLC"))
    assert Organization.objects.filter(normalized_name="acme").count() == 2


# Conversations -------------------------------------------------------------------------------


def _conversation_post(client: Client, contact, **changes):
    data = {
        "contact": contact.pk,
        "status": "scheduled",
        "agreed_minutes": "20",
        "medium": "video",
        "time_zone": "UTC",
        **changes,
    }
    return client.post(reverse("conversations:conversation_create"), data)


@pytest.mark.parametrize("server_zone", ["UTC", "America/New_York"])
def test_meeting_time_is_read_and_shown_in_the_meetings_time_zone(
    seeker_client, seeker, settings, server_zone
):
    settings.TIME_ZONE = server_zone
    contact = make_contact(seeker)

    response = _conversation_post(
        seeker_client, contact, scheduled_at="2026-12-03T09:30", time_zone="Asia/Tokyo"
    )

    conversation = Conversation.objects.get(pk=_created_pk(response))
    assert conversation.scheduled_at == datetime(2026, 12, 3, 0, 30, tzinfo=UTC)
    assert conversation.time_zone == "Asia/Tokyo"
    edit = seeker_client.get(reverse("conversations:conversation_edit", args=[conversation.pk]))
    form = _main_form(edit)
    assert form.find("input", attrs={"name": "scheduled_at"})["value"] == "2026-12-03T09:30"
    assert form.find("input", attrs={"name": "time_zone"})["value"] == "Asia/Tokyo"
    # The pages that show the meeting show it on the seeker's clock (their profile's zone,
    # UTC here), with the time that was typed as the meeting's own.
    shown = "Thu 3 Dec 2026, 00:30 UTC (meeting time: 09:30 JST)"
    detail = seeker_client.get(conversation.get_absolute_url())
    assert _detail_values(detail)["When"] == shown
    listing = _soup(seeker_client.get(reverse("conversations:conversation_list")))
    cell = listing.select_one("#entity-rows tbody td[data-label=When]")
    assert cell.get_text(strip=True) == shown


def test_saving_the_edit_form_unchanged_keeps_the_meeting_time(seeker_client, seeker):
    contact = make_contact(seeker)
    pk = _created_pk(
        _conversation_post(
            seeker_client, contact, scheduled_at="2026-12-03T09:30", time_zone="Asia/Tokyo"
        )
    )
    edit_url = reverse("conversations:conversation_edit", args=[pk])
    form = _main_form(seeker_client.get(edit_url))
    data = {
        control["name"]: control.get("value", "")
        for control in form.find_all("input")
        if control.get("type") not in ("checkbox", "submit")
    }
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""

    _created_pk(seeker_client.post(edit_url, data))

    assert Conversation.objects.get(pk=pk).scheduled_at == datetime(2026, 12, 3, 0, 30, tzinfo=UTC)


def test_unknown_time_zone_is_refused(seeker_client, seeker):
    response = _conversation_post(
        seeker_client, make_contact(seeker), scheduled_at="2026-12-03T09:30", time_zone="Mars/Base"
    )

    assert response.status_code == 200
    errors = _field_errors(response, "time_zone")
    assert errors
    assert "Mars/Base" in errors[0]
    assert "time zone" in errors[0]
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(("minutes", "accepted"), [(9, False), (10, True), (60, True), (61, False)])
def test_agreed_minutes_must_be_between_10_and_60(seeker_client, seeker, minutes, accepted):
    response = _conversation_post(seeker_client, make_contact(seeker), agreed_minutes=str(minutes))

    if accepted:
        assert Conversation.objects.get(pk=_created_pk(response)).agreed_minutes == minutes
    else:
        assert response.status_code == 200
        assert _field_errors(response, "agreed_minutes")
        assert not Conversation.objects.exists()


def test_agreed_minutes_default_to_20(seeker_client, seeker):
    page = seeker_client.get(reverse("conversations:conversation_create"))
    assert _main_form(page).find("input", attrs={"name": "agreed_minutes"})["value"] == "20"
    assert Conversation(contact=make_contact(seeker)).agreed_minutes == 20


# Pitches -------------------------------------------------------------------------------------


def _pitch_data(pitch: Pitch, **changes) -> dict:
    data = {
        name: getattr(pitch, name)
        for name in (
            "who_i_am",
            "what_i_have_done",
            "what_i_am_exploring",
            "why_this_person",
            "what_i_am_asking",
            "text",
        )
    }
    data["contact"] = pitch.contact_id or ""
    return {**data, **changes}


def test_editing_a_pitch_keeps_the_old_version(seeker_client, seeker):
    old = make_pitch(seeker, who_i_am="I study economics.", text="Version one.")
    old_updated_at = old.updated_at

    response = seeker_client.post(
        reverse("prepare:pitch_edit", args=[old.pk]),
        _pitch_data(old, who_i_am="I build data tools.", text="Version two."),
    )

    new_pk = _created_pk(response)
    assert new_pk != old.pk
    assert Pitch.objects.owned_by(seeker).count() == 2
    old.refresh_from_db()
    assert (old.who_i_am, old.text, old.updated_at) == (
        "I study economics.",
        "Version one.",
        old_updated_at,
    )
    new = Pitch.objects.get(pk=new_pk)
    assert (new.who_i_am, new.text, new.owner) == ("I build data tools.", "Version two.", seeker)
    listing = seeker_client.get(reverse("prepare:pitch_list")).content.decode()
    assert "Version one." in listing
    assert "Version two." in listing


def test_saving_a_pitch_unchanged_adds_no_version(seeker_client, seeker):
    pitch = make_pitch(seeker, text="Version one.")

    response = seeker_client.post(
        reverse("prepare:pitch_edit", args=[pitch.pk]), _pitch_data(pitch)
    )

    assert _created_pk(response) == pitch.pk
    assert Pitch.objects.owned_by(seeker).count() == 1


# Messages ------------------------------------------------------------------------------------


def _message_post(client: Client, contact, **changes):
    data = {
        "contact": contact.pk,
        "kind": "request",
        "channel": "email",
        "subject": "Advice?",
        "body": "Hello",
        "status": "draft",
        **changes,
    }
    return client.post(reverse("outreach:message_create"), data)


def test_sent_message_without_a_date_gets_one(seeker_client, seeker):
    before = timezone.now()
    response = _message_post(seeker_client, make_contact(seeker), status="sent")
    after = timezone.now()

    message = Message.objects.get(pk=_created_pk(response))
    assert message.status == "sent"
    assert message.sent_at is not None
    assert before <= message.sent_at <= after


def test_sent_message_keeps_the_date_given(seeker_client, seeker):
    response = _message_post(
        seeker_client, make_contact(seeker), status="sent", sent_at="2026-01-05T08:15"
    )
    message = Message.objects.get(pk=_created_pk(response))
    assert message.sent_at == datetime(2026, 1, 5, 8, 15, tzinfo=UTC)


def test_message_conversation_must_be_with_the_same_person(seeker_client, seeker):
    to = make_contact(seeker, first_name="Ada")
    someone_else = make_contact(seeker, first_name="Bob")
    conversation = make_conversation(seeker, contact=someone_else)

    response = _message_post(seeker_client, to, conversation=conversation.pk)

    assert response.status_code == 200
    assert any("someone else" in e for e in _field_errors(response, "conversation"))
    assert not Message.objects.exists()


# Every list and create page ------------------------------------------------------------------


@pytest.mark.parametrize("entity_name", ENTITY_NAMES)
def test_list_page_shows_the_owners_rows(seeker_client, seeker, entity_name):
    entity = registry[entity_name]
    make_one_of_everything(seeker, "Listed")

    response = seeker_client.get(reverse(entity.url_name("list")))

    assert response.status_code == 200
    rows = _soup(response).select("#entity-rows tbody tr")
    count = entity.model.objects.owned_by(seeker).count()
    assert count >= 1
    assert len(rows) == min(count, PAGE_SIZE)  # one page at a time


@pytest.mark.parametrize("entity_name", ENTITY_NAMES)
def test_every_form_control_has_a_label(seeker_client, seeker, entity_name):
    entity = registry[entity_name]
    make_one_of_everything(seeker, "Labelled")

    page = seeker_client.get(reverse(entity.url_name("create")))
    assert page.status_code == 200
    soup = _soup(page)
    form = _main_form(page)

    controls = [
        control
        for control in form.find_all(["input", "select", "textarea"])
        if control.name != "input" or control.get("type") not in ("hidden", "submit", "button")
    ]
    assert controls
    unlabelled = [
        control.get("name")
        for control in controls
        if control.find_parent("label") is None
        and not (control.get("id") and soup.find("label", attrs={"for": control["id"]}))
    ]
    assert not unlabelled, f"controls without a label: {unlabelled}"


# Search --------------------------------------------------------------------------------------


def test_search_as_htmx_returns_only_the_results(seeker_client, seeker, stranger):
    contact = make_contact(seeker, first_name="Quillon", last_name="Marsh")
    make_contact(stranger, first_name="Quillonia", last_name="Other")

    response = seeker_client.get(
        reverse("search:search"), {"q": "Quillon"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "<body" not in html
    soup = _soup(response)
    top = [el for el in soup.contents if getattr(el, "name", None)]
    assert [el.get("id") for el in top] == ["search-results"]
    links = [a["href"] for a in soup.select("#search-results a")]
    assert contact.get_absolute_url() in links
    assert "Quillonia" not in html


def test_search_without_htmx_is_a_full_page(seeker_client, seeker):
    contact = make_contact(seeker, first_name="Quillon", last_name="Marsh")

    response = seeker_client.get(reverse("search:search"), {"q": "Quillon"})

    assert response.status_code == 200
    soup = _soup(response)
    assert soup.find("html") is not None
    assert soup.find("title") is not None
    assert soup.select_one("nav.steps") is not None
    links = [a["href"] for a in soup.select("#search-results a")]
    assert contact.get_absolute_url() in links
