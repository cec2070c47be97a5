"""The LAMP target list (rank, advocacy, focus limit) and referral chains on contact pages."""

from __future__ import annotations

import contextlib
import signal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.people.models import Contact, Source, Tier
from coffeechat.research.models import Organization
from tests.factories import make_contact, make_field, make_organization

LIST_URL = reverse("research:organization_list")


# --- helpers ------------------------------------------------------------------------------


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def _lamp_rows(client) -> list[dict[str, str]]:
    """The organization list as a person reads it: one dict of column -> text per row."""
    soup = _soup(client.get(LIST_URL))
    table = soup.select_one("main table.list")
    assert table is not None, "the organization list shows no table"
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    return [
        dict(zip(headers, [td.get_text(" ", strip=True) for td in tr.find_all("td")], strict=True))
        for tr in table.select("tbody tr")
    ]


def _alerts(response) -> list[str]:
    return [el.get_text(" ", strip=True) for el in _soup(response).select("main [role=alert]")]


def _form_data(response) -> dict[str, str | list[str]]:
    """What submitting the page's form unchanged would send."""
    form = _soup(response).select_one("main form[method=post]")
    assert form is not None, "the page has no form"
    data: dict[str, str | list[str]] = {}
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if control.name == "textarea":
            data[name] = control.get_text()
        elif control.name == "select":
            chosen = [
                o.get("value", "") for o in control.find_all("option") if o.has_attr("selected")
            ]
            if control.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            else:
                first = control.find("option")
                data[name] = first.get("value", "") if first else ""
        elif control.get("type") in ("checkbox", "radio"):
            if control.has_attr("checked"):
                value = control.get("value", "on")
                if control.get("type") == "checkbox" and name in data:
                    previous = data[name]
                    data[name] = [*(previous if isinstance(previous, list) else [previous]), value]
                else:
                    data[name] = value
        elif control.get("type") not in ("submit", "button"):
            data[name] = control.get("value", "")
    return data


def _selected(soup: BeautifulSoup, name: str) -> list[str]:
    select = soup.select_one(f"main form select[name={name}]")
    assert select is not None, f"no <select name={name}> on the page"
    return [o.get("value", "") for o in select.find_all("option") if o.has_attr("selected")]


def _field_errors(soup: BeautifulSoup, name: str) -> list[str]:
    control = soup.select_one(f"main form [name={name}]")
    assert control is not None, f"no control named {name!r}"
    wrapper = control.find_parent("div", class_="field")
    assert wrapper is not None
    return [el.get_text(" ", strip=True) for el in wrapper.select(".error")]


@contextlib.contextmanager
def _deadline(seconds: int):
    """Fail instead of hanging forever when a page loops."""

    def _expired(signum, frame):
        raise TimeoutError(f"the page did not answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _org(owner, name, motivation=1, posting=1, **kw) -> Organization:
    return make_organization(owner, name=name, motivation=motivation, posting=posting, **kw)


def _cold(owner, organization, **kw) -> Contact:
    return make_contact(owner, organization=organization, source=Source.COLD, **kw)


# --- LAMP order -----------------------------------------------------------------------------


def test_the_target_list_is_ranked_by_motivation_posting_advocacy_then_name(seeker_client, seeker):
    _org(seeker, "Beta", 3, 3)
    _org(seeker, "Alpha", 3, 3)
    gamma = _org(seeker, "Gamma", 3, 3)
    make_contact(seeker, organization=gamma, source=Source.ALUMNI)
    delta = _org(seeker, "Delta", 3, 2)
    make_contact(seeker, organization=delta, source=Source.ALUMNI)
    _org(seeker, "Epsilon", 2, 3)
    zeta = _org(seeker, "Zeta", 2, 1)
    referrer = _cold(seeker, _org(seeker, "Theta", 0, 1))
    _cold(seeker, zeta, referred_by=referrer)  # cold, but someone introduced them
    _org(seeker, "Eta", 2, 1)
    iota = _org(seeker, "Iota", 0, 1)
    make_contact(seeker, organization=iota, source=Source.FORMER_COWORKER)

    rows = _lamp_rows(seeker_client)

    assert [r["Organization"] for r in rows] == [
        "Gamma",  # 3/3 with an advocate beats 3/3 without, whatever the name
        "Alpha",
        "Beta",
        "Delta",  # an advocate does not lift a 3/2 above 3/3
        "Epsilon",
        "Zeta",  # 2/1 with a referral ranks above 2/1 "Eta" without
        "Eta",
        "Iota",  # 0/1 with a former coworker
        "Theta",
    ]
    assert [r["#"] for r in rows] == [str(n) for n in range(1, 10)]
    assert [r["Advocacy"] for r in rows] == [
        "Yes",
        "No",
        "No",
        "Yes",
        "No",
        "Yes",
        "No",
        "Yes",
        "No",
    ]


def test_equal_organizations_are_ordered_by_name_whatever_the_case(seeker_client, seeker):
    """A person reads "eBay" between "Acme" and "Globex", on SQLite as on PostgreSQL."""
    for name in ("Globex", "eBay", "Acme", "zuora"):
        _org(seeker, name, 2, 2)
    assert [r["Organization"] for r in _lamp_rows(seeker_client)] == [
        "Acme",
        "eBay",
        "Globex",
        "zuora",
    ]


def test_rank_numbers_continue_on_the_second_page(seeker_client, seeker):
    for n in range(55):
        _org(seeker, f"Org {n:02d}", 1, 1)
    soup = _soup(seeker_client.get(LIST_URL, {"page": 2}))
    ranks = [td.get_text(strip=True) for td in soup.select("main table.list tbody td.rank")]
    assert ranks == [str(n) for n in range(51, 56)]


# --- advocacy ---------------------------------------------------------------------------


def _advocacy_by_name(client) -> dict[str, str]:
    return {row["Organization"]: row["Advocacy"] for row in _lamp_rows(client)}


def test_advocacy_comes_from_warm_or_referred_contacts_only(seeker_client, seeker, stranger):
    cold = _org(seeker, "Coldwater")
    _cold(seeker, cold)
    _cold(seeker, cold, tier=Tier.SENIOR)
    alum = _org(seeker, "Alumni Works")
    _cold(seeker, alum)
    make_contact(seeker, organization=alum, source=Source.ALUMNI)
    referred = _org(seeker, "Referred Inc")
    introducer = _cold(seeker, cold)
    _cold(seeker, referred, referred_by=introducer)
    _org(seeker, "Nobody Yet")

    # The stranger knows an alum at their own "Coldwater": that is no advocate of the seeker's.
    theirs = _org(stranger, "Coldwater")
    make_contact(stranger, organization=theirs, source=Source.ALUMNI)

    shown = _advocacy_by_name(seeker_client)
    assert shown == {
        "Coldwater": "No",
        "Alumni Works": "Yes",
        "Referred Inc": "Yes",
        "Nobody Yet": "No",
    }
    # The same answer where the list's annotation is not used.
    assert Organization.objects.get(pk=cold.pk).advocacy is False
    assert Organization.objects.get(pk=alum.pk).advocacy is True
    assert Organization.objects.get(pk=referred.pk).advocacy is True
    assert Organization.objects.get(pk=theirs.pk).advocacy is True


def test_the_strangers_list_has_their_own_advocacy(client, seeker, stranger):
    mine = _org(seeker, "Coldwater")
    make_contact(seeker, organization=mine, source=Source.ALUMNI)
    _org(stranger, "Coldwater")
    client.force_login(stranger)
    assert _advocacy_by_name(client) == {"Coldwater": "No"}


# --- focus limit --------------------------------------------------------------------------


def _focus_orgs(owner, count: int, start: int = 0) -> list[Organization]:
    return [_org(owner, f"Focus {n}", in_focus=True) for n in range(start, start + count)]


def test_six_organizations_in_focus_warn_on_the_list(seeker_client, seeker, settings):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 6)
    _org(seeker, "Background Co")  # not in focus: does not count
    alerts = _alerts(seeker_client.get(LIST_URL))
    assert len(alerts) == 1, alerts
    assert "6" in alerts[0] and "5" in alerts[0], alerts[0]


def test_five_organizations_in_focus_are_fine(seeker_client, seeker, settings):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 5)
    _org(seeker, "Background Co")
    _org(seeker, "Other Co")
    assert _alerts(seeker_client.get(LIST_URL)) == []


def test_the_strangers_focus_does_not_count(seeker_client, seeker, stranger, settings):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 3)
    _focus_orgs(stranger, 6)
    assert _alerts(seeker_client.get(LIST_URL)) == []


def test_saving_a_sixth_organization_in_focus_warns_on_the_next_page(
    seeker_client, seeker, settings
):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 5)
    sixth = _org(seeker, "Sixth Co", 2, 2)
    edit_url = reverse("research:organization_edit", args=[sixth.pk])
    data = _form_data(seeker_client.get(edit_url))
    assert "in_focus" not in data
    data["in_focus"] = "on"

    response = seeker_client.post(edit_url, data, follow=True)

    assert response.redirect_chain, "saving did not redirect"
    sixth.refresh_from_db()
    assert sixth.in_focus
    soup = _soup(response)
    warnings = [li.get_text(" ", strip=True) for li in soup.select("ul.flash li.warning")]
    assert len(warnings) == 1, soup.select_one("ul.flash")
    assert "6" in warnings[0] and "5" in warnings[0], warnings[0]


def test_saving_a_new_organization_in_focus_over_the_limit_warns(seeker_client, seeker, settings):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 5)
    create_url = reverse("research:organization_create")
    data = _form_data(seeker_client.get(create_url))
    data.update(name="Newcomer Ltd", in_focus="on")
    response = seeker_client.post(create_url, data, follow=True)
    soup = _soup(response)
    assert Organization.objects.filter(owner=seeker, in_focus=True).count() == 6
    warnings = [li.get_text(" ", strip=True) for li in soup.select("ul.flash li.warning")]
    assert len(warnings) == 1 and "6" in warnings[0], soup.select_one("ul.flash")


def test_saving_within_the_limit_gives_no_warning(seeker_client, seeker, settings):
    settings.FOCUS_LIMIT = 5
    _focus_orgs(seeker, 4)
    fifth = _org(seeker, "Fifth Co")
    edit_url = reverse("research:organization_edit", args=[fifth.pk])
    data = _form_data(seeker_client.get(edit_url))
    data["in_focus"] = "on"
    soup = _soup(seeker_client.post(edit_url, data, follow=True))
    assert soup.select("ul.flash li.warning") == []
    assert soup.select("ul.flash li.success"), "the save was not confirmed"


def test_the_focus_limit_is_configurable(seeker_client, seeker, settings):
    settings.FOCUS_LIMIT = 2
    _focus_orgs(seeker, 2)
    assert _alerts(seeker_client.get(LIST_URL)) == []
    _focus_orgs(seeker, 1, start=2)
    alerts = _alerts(seeker_client.get(LIST_URL))
    assert len(alerts) == 1
    assert "3" in alerts[0] and "2" in alerts[0], alerts[0]
    assert "5" not in alerts[0]


# --- referral chains ----------------------------------------------------------------------


@pytest.fixture
def chain(seeker):
    """A referred B, B referred C."""
    a = make_contact(seeker, first_name="Amara", last_name="Adeyemi", source=Source.ALUMNI)
    b = make_contact(
        seeker, first_name="Bruno", last_name="Becker", source=Source.REFERRAL, referred_by=a
    )
    c = make_contact(
        seeker, first_name="Chidi", last_name="Costa", source=Source.REFERRAL, referred_by=b
    )
    return a, b, c


def _detail(client, contact) -> BeautifulSoup:
    with _deadline(10):
        response = client.get(reverse("people:contact_detail", args=[contact.pk]))
    return _soup(response)


def _chain_up(soup: BeautifulSoup) -> tuple[str, list[str]]:
    section = soup.select_one("section.referrals")
    assert section is not None, "no referrals section"
    heading = next(
        (h.get_text(" ", strip=True) for h in section.find_all("h2") if "Who led you to" in h.text),
        "",
    )
    items = [li.get_text(" ", strip=True) for li in section.select("ol.chain li")]
    return heading, items


def _led_to(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(depth class, name) for each person in the 'whom they led you to' tree."""
    rows = []
    for li in soup.select("section.referrals ul.tree li"):
        depth = next(c for c in li.get("class", []) if c.startswith("depth-"))
        rows.append((depth, li.a.get_text(strip=True)))
    return rows


def test_the_chain_up_shows_who_led_to_whom_earliest_first(seeker_client, chain):
    a, b, c = chain
    soup = _detail(seeker_client, c)
    heading, items = _chain_up(soup)
    assert heading.startswith("Who led you to Chidi")
    assert items == ["Amara Adeyemi", "Bruno Becker", "Chidi Costa"]
    links = [li.a["href"] for li in soup.select("section.referrals ol.chain li") if li.a]
    assert links == [a.get_absolute_url(), b.get_absolute_url()]


def test_the_tree_down_shows_descendants_indented(seeker_client, chain, seeker):
    a, b, c = chain
    make_contact(seeker, first_name="Dagny", last_name="Dubois", referred_by=a)
    soup = _detail(seeker_client, a)
    assert _chain_up(soup) == ("", [])  # nobody led to Amara
    assert _led_to(soup) == [
        ("depth-1", "Bruno Becker"),
        ("depth-2", "Chidi Costa"),  # right under the person who introduced them
        ("depth-1", "Dagny Dubois"),
    ]
    heading = soup.select_one("section.referrals h2").get_text(" ", strip=True)
    assert heading.startswith("Whom Amara led you to") and heading.endswith("3")


def test_a_middle_person_shows_both_directions(seeker_client, chain):
    _, b, _ = chain
    soup = _detail(seeker_client, b)
    assert _chain_up(soup)[1] == ["Amara Adeyemi", "Bruno Becker"]
    assert _led_to(soup) == [("depth-1", "Chidi Costa")]


def test_a_cycle_in_the_data_does_not_hang_the_page(seeker_client, chain):
    a, b, c = chain
    Contact.objects.filter(pk=a.pk).update(referred_by=c)  # A <- C <- B <- A
    for person in (a, b, c):
        soup = _detail(seeker_client, person)
        _, items = _chain_up(soup)
        names = [*items, *(name for _, name in _led_to(soup))]
        assert len(names) == len(set(names)), names  # nobody twice
        assert len(items) <= 3
    soup = _detail(seeker_client, c)
    assert _chain_up(soup)[1] == ["Amara Adeyemi", "Bruno Becker", "Chidi Costa"]


def test_a_self_referral_in_the_data_does_not_hang_the_page(seeker_client, seeker):
    loner = make_contact(seeker, first_name="Lone", last_name="Loop")
    Contact.objects.filter(pk=loner.pk).update(referred_by=loner)
    soup = _detail(seeker_client, loner)
    assert _chain_up(soup) == ("", [])
    assert _led_to(soup) == []


def test_the_chain_never_shows_another_users_contact(seeker_client, seeker, stranger, chain):
    a, b, c = chain
    outsider = make_contact(stranger, first_name="Ulrich", last_name="Outsider")
    below = make_contact(stranger, first_name="Vesna", last_name="Vanished")
    # Links no form allows, made directly: one above A, one below C.
    Contact.objects.filter(pk=a.pk).update(referred_by=outsider)
    Contact.objects.filter(pk=below.pk).update(referred_by=c)
    for person in (a, b, c):
        text = _detail(seeker_client, person).select_one("section.referrals").get_text()
        assert "Ulrich" not in text and "Outsider" not in text
        assert "Vesna" not in text and "Vanished" not in text
    assert _chain_up(_detail(seeker_client, c))[1] == [
        "Amara Adeyemi",
        "Bruno Becker",
        "Chidi Costa",
    ]


def test_the_form_refuses_a_referral_loop(seeker_client, chain):
    a, _, c = chain
    edit_url = reverse("people:contact_edit", args=[a.pk])
    data = _form_data(seeker_client.get(edit_url))
    data["referred_by"] = str(c.pk)
    response = seeker_client.post(edit_url, data)
    assert response.status_code == 200, "a loop was saved"
    errors = _field_errors(_soup(response), "referred_by")
    assert errors, "no error next to 'referred by'"
    a.refresh_from_db()
    assert a.referred_by_id is None


def test_the_form_accepts_a_referrer_outside_the_chain(seeker_client, seeker, chain):
    a, _, _ = chain
    other = make_contact(seeker, first_name="Olu", last_name="Okafor")
    edit_url = reverse("people:contact_edit", args=[a.pk])
    data = _form_data(seeker_client.get(edit_url))
    data["referred_by"] = str(other.pk)
    response = seeker_client.post(edit_url, data)
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.referred_by_id == other.pk


def test_add_someone_they_mentioned_prefills_the_referrer_and_source(seeker_client, chain):
    _, b, _ = chain
    soup = _detail(seeker_client, b)
    link = next(
        (a for a in soup.select("section.referrals a") if "mentioned" in a.get_text()), None
    )
    assert link is not None, "no 'Add someone … mentioned' link"
    assert "Bruno" in link.get_text()
    form = _soup(seeker_client.get(link["href"]))
    assert _selected(form, "referred_by") == [str(b.pk)]
    assert _selected(form, "source") == [Source.REFERRAL]
    assert _selected(form, "organization") == [str(b.organization_id)]


def test_the_create_form_without_a_referrer_defaults_to_cold(seeker_client, seeker):
    soup = _soup(seeker_client.get(reverse("people:contact_create")))
    assert _selected(soup, "source") == [Source.COLD]


def test_someone_elses_contact_as_referrer_is_not_prefilled(seeker_client, stranger):
    theirs = make_contact(stranger, first_name="Ulrich", last_name="Outsider")
    url = reverse("people:contact_create") + f"?referred_by={theirs.pk}"
    response = seeker_client.get(url)
    soup = _soup(response)
    assert _selected(soup, "referred_by") in ([], [""])
    assert _selected(soup, "source") != [Source.REFERRAL]
    assert "Outsider" not in response.content.decode()


# --- query counts -------------------------------------------------------------------------


def _detail_queries(client, contact) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:contact_detail", args=[contact.pk]))
    assert response.status_code == 200
    return len(queries)


def test_contact_page_queries_do_not_grow_with_the_people_they_led_to(seeker_client, seeker):
    grandparent = make_contact(seeker, first_name="Gus", last_name="Grand")
    hub = make_contact(seeker, first_name="Hana", last_name="Hub", referred_by=grandparent)
    for _ in range(5):
        make_contact(seeker, referred_by=hub, source=Source.REFERRAL)
    with_five = _detail_queries(seeker_client, hub)
    for _ in range(25):
        make_contact(seeker, referred_by=hub, source=Source.REFERRAL)
    with_thirty = _detail_queries(seeker_client, hub)
    assert with_thirty == with_five, f"{with_five} queries for 5 referrals, {with_thirty} for 30"
    assert len(_led_to(_detail(seeker_client, hub))) == 30


# --- what each cell shows ----------------------------------------------------------------------


def test_a_row_shows_names_as_typed_and_empty_cells_as_a_dash(seeker_client, seeker):
    # Markup a person typed into a name is shown as text, in a linked cell and in a plain
    # one alike; a blank cell reads "—", a yes/no one "Yes" or "No".
    organization = _org(seeker, "<b>Fish & Chips</b> Co", 3, 2, in_focus=True)
    organization.fields.add(make_field(seeker, name="<i>Data</i> & AI"))
    _org(seeker, "Plain Org", 1, 1)
    response = seeker_client.get(LIST_URL)
    html = response.content.decode()
    assert "<b>Fish" not in html and "<i>Data" not in html
    rows = _lamp_rows(seeker_client)
    assert rows[0]["Organization"] == "<b>Fish & Chips</b> Co"
    assert rows[0]["Fields"] == "<i>Data</i> & AI"
    assert rows[0]["In focus"] == "Yes"
    assert rows[1]["Organization"] == "Plain Org"
    assert rows[1]["Fields"] == "—"
    assert rows[1]["In focus"] == "No"
    link = _soup(response).select_one("main table.list tbody tr a")
    assert link["href"] == organization.get_absolute_url()
    assert link.get_text() == "<b>Fish & Chips</b> Co"
