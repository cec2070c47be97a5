"""Merging two contacts into one: nothing linked to either is lost, and only the owner may."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from coffeechat.conversations.models import Conversation
from coffeechat.followup.models import JobLead, Task
from coffeechat.outreach.models import Message
from coffeechat.people.merging import merge_contacts
from coffeechat.people.models import Contact, Interaction, Source
from coffeechat.prepare.models import Pitch
from coffeechat.search.query import search
from tests.factories import (
    make_contact,
    make_contact_address,
    make_conversation,
    make_interaction,
    make_job_lead,
    make_message,
    make_organization,
    make_pitch,
    make_tag,
    make_task,
)

# Until people/urls.py includes coffeechat.people.merge_urls; then delete this line.


def _linked(owner, contact) -> dict:
    """Every kind of row that can point at a contact, built for `contact`."""
    return {
        "interaction": make_interaction(owner, contact=contact),
        "message": make_message(owner, contact=contact),
        "conversation": make_conversation(owner, contact=contact),
        "task": make_task(owner, contact=contact),
        "job lead": make_job_lead(owner, contact=contact),
        "pitch": make_pitch(owner, contact=contact),
        "referral": make_contact(owner, first_name="Referred", referred_by=contact),
        "address": make_contact_address(owner, contact=contact),
    }


@pytest.fixture
def pair(seeker):
    org = make_organization(seeker, name="Initech")
    keep = make_contact(
        seeker,
        first_name="Jon",
        last_name="Smith",
        organization=org,
        email="jon@initech.com",
        title="Analyst",
        phone="",
        notes="Met at the alumni dinner.",
        background="Studied economics.",
    )
    other = make_contact(
        seeker,
        first_name="John",
        last_name="Smyth",
        organization=None,
        email="john.smith@gmail.com",
        title="Senior analyst",
        phone="+1 555 0100",
        source=Source.REFERRAL,
        notes="Prefers Thursday mornings; ask about Quokkaproject.",
        background="Worked at a bank.",
    )
    return keep, other


# merge_contacts ----------------------------------------------------------------------------


def test_merge_keeps_everything_linked_to_both(seeker, pair):
    keep, other = pair
    kept_rows, other_rows = _linked(seeker, keep), _linked(seeker, other)

    merged = merge_contacts(keep, other, {})

    assert not Contact.objects.filter(pk=other.pk).exists()
    for rows in (kept_rows, other_rows):
        for kind, row in rows.items():
            row.refresh_from_db()  # none was deleted with the other contact
            attribute = "referred_by" if kind == "referral" else "contact"
            assert getattr(row, f"{attribute}_id") == merged.pk, kind
    assert merged.interactions.count() == 2
    assert merged.messages.count() == 2
    assert merged.conversations.count() == 2
    assert merged.tasks.count() == 2
    assert merged.job_leads.count() == 2
    assert merged.pitches.count() == 2
    assert merged.referrals.count() == 2


def test_merge_moves_rows_of_every_model_that_points_at_contacts(seeker, pair):
    """Discovered from the models: a model added later that points at Contact must move too."""
    keep, other = pair
    _linked(seeker, other)
    relations = [r for r in Contact._meta.related_objects if not r.many_to_many]
    missing = [
        r.related_model.__name__
        for r in relations
        if not r.related_model._base_manager.filter(**{r.field.name: other}).exists()
    ]
    assert not missing, f"teach _linked() to build these rows: {missing}"

    merge_contacts(keep, other, {})

    for relation in relations:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: keep})
        assert rows.exists(), relation.related_model.__name__


def test_merge_applies_the_chosen_fields_and_fills_empty_ones(seeker, pair):
    keep, other = pair
    merged = merge_contacts(keep, other, {"email": "other", "last_name": "keep", "title": "other"})
    assert merged.email == "john.smith@gmail.com"
    assert merged.title == "Senior analyst"
    assert merged.last_name == "Smith"
    assert merged.first_name == "Jon"  # not chosen: the kept contact's value
    assert merged.organization.name == "Initech"  # not chosen, and the other had none
    assert merged.phone == "+1 555 0100"  # not chosen, and the kept contact had none
    assert merged.source == Source.ALUMNI


def test_merge_can_take_an_organization_from_the_other(seeker, pair):
    keep, other = pair
    other.organization = make_organization(seeker, name="Globex")
    other.save()
    merged = merge_contacts(keep, other, {"organization": "other"})
    assert merged.organization.name == "Globex"


def test_merge_keeps_the_notes_and_background_of_both(seeker, pair):
    keep, other = pair
    merged = merge_contacts(keep, other, {"notes": "keep", "background": "other"})
    for text in ("Met at the alumni dinner.", "Prefers Thursday mornings"):
        assert text in merged.notes
    for text in ("Studied economics.", "Worked at a bank."):
        assert text in merged.background


def test_merge_does_not_repeat_identical_notes(seeker, pair):
    keep, other = pair
    other.notes = keep.notes
    other.save()
    assert merge_contacts(keep, other, {}).notes == "Met at the alumni dinner."


def test_merge_unites_the_tags(seeker, pair):
    keep, other = pair
    shared, mine, theirs = make_tag(seeker), make_tag(seeker), make_tag(seeker)
    keep.tags.add(shared, mine)
    other.tags.add(shared, theirs)
    merged = merge_contacts(keep, other, {})
    assert set(merged.tags.all()) == {shared, mine, theirs}


def test_merge_never_makes_a_contact_refer_to_itself(seeker, pair):
    keep, other = pair
    other.referred_by = keep
    other.save()
    merged = merge_contacts(keep, other, {"referred_by": "other"})
    assert merged.referred_by_id is None


def test_merge_follows_the_other_referrer_when_one_referred_the_other(seeker, pair):
    keep, other = pair
    friend = make_contact(seeker, first_name="Friend")
    keep.referred_by = other
    keep.save()
    other.referred_by = friend
    other.save()
    merged = merge_contacts(keep, other, {})
    assert merged.referred_by == friend


def test_merged_away_contact_is_no_longer_found_by_search(seeker, pair):
    keep, other = pair
    make_message(seeker, contact=other, subject="Hello")
    assert [row.pk for g in search(seeker, "Smyth") for row in g["rows"] if g["kind"] == "contact"]

    merge_contacts(keep, other, {})

    contacts_found = [row for g in search(seeker, "Smyth") for row in g["rows"]]
    assert contacts_found == [], "nothing still carries the merged-away name"
    people = [g for g in search(seeker, "Quokkaproject") if g["kind"] == "contact"]
    assert [row.pk for row in people[0]["rows"]] == [keep.pk], "the other's notes now find keep"


def test_merge_refuses_contacts_of_different_owners(seeker, stranger):
    mine, theirs = make_contact(seeker), make_contact(stranger)
    make_interaction(stranger, contact=theirs)
    with pytest.raises(ValueError, match="same owner"):
        merge_contacts(mine, theirs, {})
    assert Contact.objects.filter(pk=theirs.pk).exists()
    assert theirs.interactions.count() == 1


def test_merge_refuses_a_contact_with_itself(seeker):
    contact = make_contact(seeker)
    with pytest.raises(ValueError, match="itself"):
        merge_contacts(contact, Contact.objects.get(pk=contact.pk), {})
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_merge_rejects_unknown_choices_and_changes_nothing(seeker, pair):
    keep, other = pair
    make_interaction(seeker, contact=other)
    for choices in ({"email": "both"}, {"owner": "other"}):
        with pytest.raises(ValueError):
            merge_contacts(keep, other, choices)
    assert Contact.objects.filter(pk=other.pk).exists()
    assert other.interactions.count() == 1


# The merge page ----------------------------------------------------------------------------


def _merge_url(keep, other=None) -> str:
    url = reverse("people:contact_merge", args=[keep.pk])
    return f"{url}?with={other.pk}" if other is not None else url


def test_merge_page_shows_both_side_by_side_with_labelled_choices(seeker_client, seeker, pair):
    keep, other = pair
    _linked(seeker, other)
    make_interaction(seeker, contact=keep)

    response = seeker_client.get(_merge_url(keep, other))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", method="post", action=None)
    assert form.find("input", attrs={"name": "with"})["value"] == str(other.pk)
    for control in form.find_all(["input", "select", "textarea"]):
        if control.get("type") == "hidden":
            continue
        assert soup.find("label", attrs={"for": control["id"]}), control

    def checked(name: str) -> str:
        return form.find("input", attrs={"name": name, "checked": True})["value"]

    assert checked("email") == "keep"
    assert checked("title") == "keep"
    assert checked("phone") == "other"  # the kept contact has none
    assert checked("organization") == "keep"
    assert checked("first_name") == "keep"
    assert not form.find("input", attrs={"name": "department"}), "both empty: nothing to choose"
    text = soup.get_text(" ")
    assert "john.smith@gmail.com" in text and "jon@initech.com" in text
    counts = {
        row.find_all("td")[0].get_text(strip=True): [
            td.get_text(strip=True) for td in row.find_all("td")[1:]
        ]
        for row in soup.find(id="linked-heading").find_parent("section").find_all("tr")[1:]
    }
    assert counts["Interactions"] == ["1", "1"]
    assert counts["Messages"] == ["0", "1"]
    assert counts["Conversations"] == ["0", "1"]
    assert counts["Tasks"] == ["0", "1"]


def test_merge_page_get_changes_nothing(seeker_client, seeker, pair):
    keep, other = pair
    seeker_client.get(_merge_url(keep, other))
    assert Contact.objects.filter(pk__in=[keep.pk, other.pk]).count() == 2


def test_posting_the_merge_form_merges_and_shows_the_kept_contact(seeker_client, seeker, pair):
    keep, other = pair
    rows = _linked(seeker, other)
    response = seeker_client.post(
        reverse("people:contact_merge", args=[keep.pk]),
        {"with": other.pk, "email": "other", "title": "keep", "last_name": "other"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == keep.get_absolute_url()
    assert "Merged “John Smyth” into “Jon Smyth”" in response.content.decode()
    keep.refresh_from_db()
    assert keep.email == "john.smith@gmail.com"
    assert keep.title == "Analyst"
    assert keep.last_name == "Smyth"
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert Interaction.objects.get(pk=rows["interaction"].pk).contact_id == keep.pk
    assert Conversation.objects.get(pk=rows["conversation"].pk).contact_id == keep.pk


def test_merging_a_contact_with_itself_is_refused(seeker_client, seeker):
    contact = make_contact(seeker)
    make_interaction(seeker, contact=contact)
    for method in ("get", "post"):
        response = getattr(seeker_client, method)(
            _merge_url(contact, contact), {"with": contact.pk} if method == "post" else None
        )
        assert response.status_code == 302
        page = seeker_client.get(response["Location"]).content.decode()
        assert "A contact cannot be merged with itself" in page
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert contact.interactions.count() == 1


def test_merge_page_without_a_second_contact_points_to_the_duplicates(seeker_client, seeker):
    contact = make_contact(seeker)
    response = seeker_client.get(_merge_url(contact))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:duplicates")


def test_merge_page_with_a_malformed_second_id_is_404(seeker_client, seeker):
    contact = make_contact(seeker)
    url = reverse("people:contact_merge", args=[contact.pk])
    assert seeker_client.get(url, {"with": "abc"}).status_code == 404


# Strangers ---------------------------------------------------------------------------------


def _snapshot(*contacts) -> list:
    return [
        (
            Contact.objects.filter(pk=c.pk).values_list("email", "title", "notes").first(),
            Interaction.objects.filter(contact=c).count(),
            Message.objects.filter(contact=c).count(),
            Task.objects.filter(contact=c).count(),
            JobLead.objects.filter(contact=c).count(),
            Pitch.objects.filter(contact=c).count(),
        )
        for c in contacts
    ]


def test_a_stranger_cannot_merge_the_seekers_contacts(client, seeker, stranger, pair):
    keep, other = pair
    _linked(seeker, other)
    theirs = make_contact(stranger, first_name="Mallory")
    before = _snapshot(keep, other, theirs)
    client.force_login(stranger)
    attempts = [(keep, other), (keep, theirs), (theirs, keep)]
    for first, second in attempts:
        url = reverse("people:contact_merge", args=[first.pk])
        assert client.get(url, {"with": second.pk}).status_code == 404, (first, second)
        assert client.post(url, {"with": second.pk}).status_code == 404, (first, second)
    assert _snapshot(keep, other, theirs) == before


def test_the_seeker_cannot_merge_a_strangers_contact(seeker_client, seeker, stranger, pair):
    keep, _ = pair
    theirs = make_contact(stranger, first_name="Mallory", notes="stranger notes")
    make_interaction(stranger, contact=theirs)
    before = _snapshot(keep, theirs)
    url = reverse("people:contact_merge", args=[keep.pk])
    get = seeker_client.get(url, {"with": theirs.pk})
    assert get.status_code == 404
    assert "Mallory" not in get.content.decode()
    assert seeker_client.post(url, {"with": theirs.pk, "notes": "other"}).status_code == 404
    assert _snapshot(keep, theirs) == before


def test_anonymous_visitors_cannot_merge(client, seeker, pair):
    keep, other = pair
    url = reverse("people:contact_merge", args=[keep.pk])
    response = client.post(url, {"with": other.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert Contact.objects.filter(pk=other.pk).exists()
