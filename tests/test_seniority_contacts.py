"""A contact's seniority inferred from their job title: on save, at import, on the pages, and
for the contacts that existed before (the migration); a tier the person picks stays theirs."""

from __future__ import annotations

import importlib
import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from coffeechat.exports.json_export import dumps, export_json
from coffeechat.exports.restore import parse_document, restore_document
from coffeechat.lib import contact_files
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, Tier
from tests.factories import make_contact, make_organization

pytestmark = pytest.mark.django_db

INFERRED = "(inferred from the job title)"


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _seniority_shown(client, contact: Contact) -> str:
    soup = _soup(client.get(reverse("people:contact_detail", args=[contact.pk])))
    for row in soup.select("dl.fields > div"):
        if row.dt.get_text(strip=True) == "Seniority":
            return row.dd.get_text(" ", strip=True)
    raise AssertionError("the page shows no seniority")


def _form_data(contact: Contact, **changes) -> dict:
    """What the edit form posts when the person changes only `changes`."""
    data = {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "title": contact.title,
        "email": contact.email,
        "source": contact.source,
        "tier": contact.tier,
        "tag_names": "",
    }
    return {**data, **changes}


def _create(client, seeker, **fields) -> Contact:
    data = {"first_name": "Grace", "last_name": "Hopper", "source": "alumni", "tag_names": ""}
    response = client.post(reverse("people:contact_create"), {**data, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Contact.objects.get(owner=seeker, last_name="Hopper")


def _edit(client, contact: Contact, **changes) -> Contact:
    url = reverse("people:contact_edit", args=[contact.pk])
    response = client.post(url, _form_data(contact, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    contact.refresh_from_db()
    return contact


# Through the form and on the page -----------------------------------------------------------


def test_a_contact_saved_with_a_title_gets_its_tier_and_the_page_says_it_was_inferred(
    seeker_client, seeker
):
    contact = _create(seeker_client, seeker, title="VP, Product | Acme", tier="")
    assert (contact.tier, contact.tier_inferred) == (Tier.SENIOR, True)
    assert _seniority_shown(seeker_client, contact) == f"Senior {INFERRED}"


def test_the_list_notes_an_inferred_tier(seeker_client, seeker):
    _create(seeker_client, seeker, title="Software Engineer", tier="")
    soup = _soup(seeker_client.get(reverse("people:contact_list")))
    assert "Mid-career (inferred)" in soup.select_one("main table").get_text(" ", strip=True)


def test_an_inferred_tier_follows_the_title(seeker_client, seeker):
    contact = _create(seeker_client, seeker, title="Director of Sales", tier="")
    assert contact.tier == Tier.SENIOR
    # The edit form shows the inferred tier selected; posting it back is no choice of theirs.
    contact = _edit(seeker_client, contact, title="Data Analyst")
    assert (contact.tier, contact.tier_inferred) == (Tier.NEAR_PEER, True)
    assert _seniority_shown(seeker_client, contact) == (
        "Near-peer (a few years ahead; inferred from the job title)"
    )


def test_a_tier_picked_with_the_title_sticks_through_a_title_change(seeker_client, seeker):
    contact = _create(seeker_client, seeker, title="Analyst", tier="senior")
    assert (contact.tier, contact.tier_inferred) == (Tier.SENIOR, False)
    assert _seniority_shown(seeker_client, contact) == "Senior"
    contact = _edit(seeker_client, contact, title="Summer Intern")
    assert (contact.tier, contact.tier_inferred) == (Tier.SENIOR, False)


def test_picking_a_tier_over_an_inferred_one_keeps_it(seeker_client, seeker):
    contact = _create(seeker_client, seeker, title="Analyst", tier="")
    assert (contact.tier, contact.tier_inferred) == (Tier.NEAR_PEER, True)
    contact = _edit(seeker_client, contact, tier="mid")
    assert (contact.tier, contact.tier_inferred) == (Tier.MID, False)
    contact = _edit(seeker_client, contact, title="Chief Executive Officer")
    assert (contact.tier, contact.tier_inferred) == (Tier.MID, False)
    assert _seniority_shown(seeker_client, contact) == "Mid-career"


def test_clearing_the_tier_lets_coffeechat_infer_it_again(seeker_client, seeker):
    contact = _create(seeker_client, seeker, title="Head of Data", tier="near_peer")
    contact = _edit(seeker_client, contact, tier="")
    assert (contact.tier, contact.tier_inferred) == (Tier.SENIOR, True)


def test_an_unknown_title_leaves_the_tier_blank(seeker_client, seeker):
    contact = _create(seeker_client, seeker, title="Rear Admiral", tier="")
    assert (contact.tier, contact.tier_inferred) == ("", False)
    assert _seniority_shown(seeker_client, contact) == "—"


def test_the_form_says_how_the_tier_is_filled(seeker_client, seeker):
    page = _soup(seeker_client.get(reverse("people:contact_create")))
    assert "Left blank, coffeechat infers it from the job title." in page.get_text()
    contact = _create(seeker_client, seeker, title="Associate Director", tier="")
    page = _soup(seeker_client.get(reverse("people:contact_edit", args=[contact.pk])))
    assert "Inferred from the job title" in page.get_text()
    assert page.select_one("select[name=tier] option[selected]")["value"] == Tier.MID


def test_saving_in_code_infers_too(seeker):
    contact = make_contact(seeker, title="Praktikantin im Marketing", tier="")
    assert (contact.tier, contact.tier_inferred) == (Tier.NEAR_PEER, True)
    chosen = make_contact(seeker, title="Praktikantin im Marketing", tier=Tier.MID)
    assert (chosen.tier, chosen.tier_inferred) == (Tier.MID, False)


# At import ---------------------------------------------------------------------------------

LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Vera,Vice,https://www.linkedin.com/in/vera-vice,vera@example.com,Acme,"
    "Vice President,05 Mar 2024\r\n"
    "Ana,Lyst,https://www.linkedin.com/in/ana-lyst,ana@example.com,Acme,Analyst,05 Mar 2024\r\n"
    "Kim,Ono,https://www.linkedin.com/in/kim-ono,kim@example.com,Acme,営業部長,05 Mar 2024\r\n"
    "Noor,Title,https://www.linkedin.com/in/noor-title,noor@example.com,Acme,,05 Mar 2024\r\n"
).encode()


def _tiers(seeker) -> dict[str, tuple[str, bool]]:
    rows = Contact.objects.owned_by(seeker).values_list("first_name", "tier", "tier_inferred")
    return {name: (tier, inferred) for name, tier, inferred in rows}


def test_an_import_infers_the_tier_of_new_contacts(seeker):
    summary = import_contacts(seeker, contact_files.parse(LINKEDIN))
    assert summary.created == 4
    assert _tiers(seeker) == {
        "Vera": (Tier.SENIOR, True),
        "Ana": (Tier.NEAR_PEER, True),
        "Kim": (Tier.SENIOR, True),
        "Noor": ("", False),
    }


def test_an_import_infers_the_tier_when_it_fills_a_title_but_keeps_a_chosen_one(seeker):
    organization = make_organization(seeker, name="Acme")
    blank = make_contact(
        seeker, first_name="Vera", email="vera@example.com", title="", tier="", organization=None
    )
    chosen = make_contact(
        seeker, first_name="Ana", email="ana@example.com", title="", tier=Tier.MID
    )
    assert (blank.tier, chosen.tier_inferred) == ("", False)
    summary = import_contacts(seeker, contact_files.parse(LINKEDIN))
    assert (summary.created, summary.updated) == (2, 2)
    tiers = _tiers(seeker)
    assert tiers["Vera"] == (Tier.SENIOR, True)
    assert tiers["Ana"] == (Tier.MID, False)
    assert Contact.objects.get(pk=blank.pk).organization == organization


def test_importing_twice_changes_no_tier(seeker):
    import_contacts(seeker, contact_files.parse(LINKEDIN))
    before = _tiers(seeker)
    summary = import_contacts(seeker, contact_files.parse(LINKEDIN))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    assert _tiers(seeker) == before


# Export and restore ------------------------------------------------------------------------


def _restored(document: dict):
    fresh = get_user_model().objects.create_user("restored")
    restore_document(parse_document(dumps(document).encode()), fresh, take_identity=False)
    return {
        (c.first_name, c.tier, c.tier_inferred)
        for c in Contact.objects.owned_by(fresh).order_by("first_name")
    }


def test_a_restore_keeps_which_tiers_were_inferred(seeker):
    make_contact(seeker, first_name="Inferred", title="Stagiaire", tier="")
    make_contact(seeker, first_name="Chosen", title="Stagiaire", tier=Tier.SENIOR)
    document = export_json(seeker)
    assert {c["first_name"]: c["tier_inferred"] for c in document["contacts"]} == {
        "Inferred": True,
        "Chosen": False,
    }
    assert _restored(json.loads(dumps(document))) == {
        ("Inferred", Tier.NEAR_PEER, True),
        ("Chosen", Tier.SENIOR, False),
    }


def test_a_file_from_before_the_flag_infers_only_blank_tiers(seeker):
    make_contact(seeker, first_name="Blank", title="Gerente General", tier="")
    make_contact(seeker, first_name="Chosen", title="Gerente General", tier=Tier.MID)
    document = export_json(seeker)
    for row in document["contacts"]:
        del row["tier_inferred"]
        if row["first_name"] == "Blank":
            row["tier"] = ""
    assert _restored(document) == {
        ("Blank", Tier.SENIOR, True),
        ("Chosen", Tier.MID, False),
    }


# The contacts that existed before -----------------------------------------------------------


def test_the_migration_fills_blank_tiers_from_titles_and_leaves_chosen_ones(seeker):
    migration = importlib.import_module("coffeechat.people.migrations.0005_contact_tier_inferred")
    blank = make_contact(seeker, title="Geschäftsführer", tier=Tier.MID)
    chosen = make_contact(seeker, title="Intern", tier=Tier.SENIOR)
    untitled = make_contact(seeker, title="", tier=Tier.MID)
    # As the rows were before the migration: a blank tier, nothing inferred.
    Contact.objects.filter(pk__in=[blank.pk, untitled.pk]).update(tier="", tier_inferred=False)

    migration.infer_blank_tiers(apps, None)
    rows = Contact.objects.in_bulk([blank.pk, chosen.pk, untitled.pk])
    assert (rows[blank.pk].tier, rows[blank.pk].tier_inferred) == (Tier.SENIOR, True)
    assert (rows[chosen.pk].tier, rows[chosen.pk].tier_inferred) == (Tier.SENIOR, False)
    assert (rows[untitled.pk].tier, rows[untitled.pk].tier_inferred) == ("", False)

    migration.forget_inferred_tiers(apps, None)
    assert Contact.objects.get(pk=blank.pk).tier == ""
    assert Contact.objects.get(pk=chosen.pk).tier == Tier.SENIOR
