"""Finding people entered twice: exact groups, likely pairs, and the page that lists them."""

from __future__ import annotations

import random
import string

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coffeechat.people.duplicates import exact_duplicate_groups, likely_duplicate_pairs
from coffeechat.people.models import Contact
from tests.factories import make_contact, make_organization

# Until people/urls.py includes coffeechat.people.merge_urls; then delete this line.


def _group_ids(owner) -> list[set[int]]:
    return [{c.pk for c in group} for group in exact_duplicate_groups(owner)]


def _pair_ids(owner, **kw) -> set[frozenset[int]]:
    return {frozenset((p.first.pk, p.second.pk)) for p in likely_duplicate_pairs(owner, **kw)}


# Exact duplicates --------------------------------------------------------------------------


def test_contacts_sharing_an_email_form_a_group(seeker):
    a = make_contact(seeker, first_name="Sam", last_name="Lee", email="Sam.Lee@Example.com")
    b = make_contact(seeker, first_name="Samuel", last_name="Lee", email="sam.lee@example.com ")
    make_contact(seeker, first_name="Other", last_name="Person")
    assert _group_ids(seeker) == [{a.pk, b.pk}]


def test_linkedin_urls_differing_only_in_formatting_form_a_group(seeker):
    a = make_contact(seeker, linkedin_url="https://www.linkedin.com/in/Grace-Hopper/")
    b = make_contact(seeker, linkedin_url="https://linkedin.com/in/grace-hopper")
    make_contact(seeker, linkedin_url="https://www.linkedin.com/in/grace-hopper-2/")
    assert _group_ids(seeker) == [{a.pk, b.pk}]


def test_groups_are_merged_transitively(seeker):
    a = make_contact(seeker, email="one@example.com")
    b = make_contact(
        seeker, email="one@example.com", linkedin_url="https://www.linkedin.com/in/x-y"
    )
    c = make_contact(seeker, email="", linkedin_url="https://linkedin.com/in/X-Y/")
    d = make_contact(seeker, email="two@example.com")
    e = make_contact(seeker, email="two@example.com")
    groups = _group_ids(seeker)
    assert sorted(groups, key=min) == [{a.pk, b.pk, c.pk}, {d.pk, e.pk}]


def test_empty_emails_and_profiles_are_not_shared_values(seeker):
    make_contact(seeker, email="", linkedin_url="")
    make_contact(seeker, email="", linkedin_url="")
    assert exact_duplicate_groups(seeker) == []


def test_another_users_contacts_are_never_grouped(seeker, stranger):
    make_contact(seeker, email="shared@example.com")
    make_contact(stranger, email="shared@example.com")
    assert exact_duplicate_groups(seeker) == []
    assert exact_duplicate_groups(stranger) == []


# Likely duplicates -------------------------------------------------------------------------


def test_similar_names_at_the_same_organization_are_a_likely_pair(seeker):
    org = make_organization(seeker, name="Acme")
    jon = make_contact(seeker, first_name="Jon", last_name="Smith", organization=org)
    john = make_contact(seeker, first_name="John", last_name="Smith", organization=org, email="")
    make_contact(seeker, first_name="Jane", last_name="Doe", organization=org)
    pairs = likely_duplicate_pairs(seeker)
    assert [frozenset((p.first.pk, p.second.pk)) for p in pairs] == [frozenset((jon.pk, john.pk))]
    assert pairs[0].score >= 88
    assert "Acme" in pairs[0].reason


def test_accents_case_and_word_order_do_not_hide_a_pair(seeker):
    org = make_organization(seeker)
    a = make_contact(seeker, first_name="José", last_name="Núñez", organization=org)
    b = make_contact(seeker, first_name="NUNEZ", last_name="jose", organization=org, email="")
    assert _pair_ids(seeker) == {frozenset((a.pk, b.pk))}


def test_same_name_with_different_emails_is_never_a_pair(seeker):
    org = make_organization(seeker)
    make_contact(seeker, first_name="Maria", last_name="Garcia", organization=org, email="m@a.com")
    make_contact(seeker, first_name="Maria", last_name="Garcia", organization=org, email="m@b.com")
    assert likely_duplicate_pairs(seeker) == []


def test_same_name_with_different_linkedin_profiles_is_never_a_pair(seeker):
    org = make_organization(seeker)
    common = {"first_name": "Wei", "last_name": "Zhang", "organization": org, "email": ""}
    make_contact(seeker, linkedin_url="https://linkedin.com/in/wei-zhang-1", **common)
    make_contact(seeker, linkedin_url="https://linkedin.com/in/wei-zhang-2", **common)
    assert likely_duplicate_pairs(seeker) == []


def test_same_name_at_different_organizations_is_not_a_pair(seeker):
    make_contact(seeker, first_name="Alex", last_name="Kim", email="")
    make_contact(seeker, first_name="Alex", last_name="Kim", email="")
    assert likely_duplicate_pairs(seeker) == []


def test_someone_without_an_organization_pairs_with_a_similar_surname(seeker):
    at_org = make_contact(seeker, first_name="Priya", last_name="Patel", email="")
    no_org = make_contact(seeker, first_name="Priya", last_name="Patil", organization=None)
    both_without = make_contact(seeker, first_name="Tom", last_name="Baker", organization=None)
    also_without = make_contact(
        seeker, first_name="Tom", last_name="Baker", organization=None, email=""
    )
    assert _pair_ids(seeker) == {
        frozenset((at_org.pk, no_org.pk)),
        frozenset((both_without.pk, also_without.pk)),
    }


def test_exact_duplicates_are_not_repeated_as_likely_pairs(seeker):
    org = make_organization(seeker)
    make_contact(seeker, first_name="Kim", last_name="Lee", organization=org, email="k@l.com")
    make_contact(seeker, first_name="Kim", last_name="Lee", organization=org, email="k@l.com")
    assert len(exact_duplicate_groups(seeker)) == 1
    assert likely_duplicate_pairs(seeker) == []


def test_another_users_contacts_are_never_paired(seeker, stranger):
    make_contact(seeker, first_name="Ola", last_name="Nordmann", organization=None, email="")
    make_contact(stranger, first_name="Ola", last_name="Nordmann", organization=None, email="")
    assert likely_duplicate_pairs(seeker) == []


def test_limit_keeps_the_best_pairs(seeker):
    org = make_organization(seeker)
    exact = [
        make_contact(seeker, first_name="Ann", last_name="Berg", organization=org, email=e)
        for e in ("", "ann@berg.com")
    ]
    for n in range(3):
        make_contact(seeker, first_name="Bob", last_name=f"Marley{n}", organization=org, email="")
    pairs = likely_duplicate_pairs(seeker, limit=1)
    assert [frozenset((p.first.pk, p.second.pk)) for p in pairs] == [frozenset(c.pk for c in exact)]
    assert pairs[0].score == 100


def _random_word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(low, high)))


def test_thousands_of_contacts_find_exactly_the_planted_pairs(seeker):
    rng = random.Random(20240501)
    orgs = [make_organization(seeker) for _ in range(40)]
    rows = []

    def add(first, last, org, email="", linkedin_key=""):
        rows.append(
            Contact(
                owner=seeker,
                first_name=first,
                last_name=last,
                organization=org,
                email=email,
                linkedin_key=linkedin_key,
            )
        )
        return len(rows) - 1

    # Background: unrelated random names, spread over organizations and none.
    for n in range(2900):
        org = rng.choice(orgs) if rng.random() < 0.7 else None
        first = _random_word(rng, 5, 8).capitalize()
        last = _random_word(rng, 6, 10).capitalize()
        add(first, last, org, email=f"person{n}@example.com" if rng.random() < 0.5 else "")

    expected, not_expected = [], []
    for n in range(25):
        org = rng.choice(orgs)
        last = _random_word(rng, 6, 9).capitalize()
        # A typo at the same organization, one email unknown: suggested.
        expected.append(
            (add("Jonathan", last, org, email=f"j{n}@a.com"), add("Jonathon", last, org))
        )
        # One without an organization, the surname's first letter shared: suggested.
        other = f"{last[0]}{_random_word(rng, 7, 9)}"
        expected.append((add("Kat", f"{other}son", None), add("Kate", f"{other}son", org)))
        # The same name with different emails: two people, never suggested.
        twin = f"Twin{_random_word(rng, 6, 8)}"
        not_expected.append(
            (
                add("Maria", twin, org, email=f"m{n}@a.com"),
                add("Maria", twin, org, email=f"m{n}@b.com"),
            )
        )
        # The same name at two different organizations: not suggested.
        far = f"Far{_random_word(rng, 6, 8)}"
        not_expected.append((add("Lee", far, orgs[0]), add("Lee", far, orgs[1])))

    created = Contact.objects.bulk_create(rows, batch_size=500)
    assert Contact.objects.owned_by(seeker).count() == len(rows) > 3000
    pk = [c.pk for c in created]

    found = _pair_ids(seeker, limit=1000)
    assert found == {frozenset((pk[a], pk[b])) for a, b in expected}
    assert not found & {frozenset((pk[a], pk[b])) for a, b in not_expected}


# The page ----------------------------------------------------------------------------------


def _merge_link(first, second) -> str:
    return f"{reverse('people:contact_merge', args=[first.pk])}?with={second.pk}"


def test_duplicates_page_lists_groups_and_pairs_with_merge_links(seeker_client, seeker):
    a = make_contact(seeker, first_name="Sam", last_name="Lee", email="sam@example.com")
    b = make_contact(seeker, first_name="Samuel", last_name="Lee", email="SAM@example.com")
    c = make_contact(seeker, first_name="Grace", linkedin_url="https://linkedin.com/in/grace-h/")
    d = make_contact(seeker, first_name="G.", linkedin_url="https://www.linkedin.com/in/Grace-H")
    org = make_organization(seeker, name="Initech")
    jon = make_contact(seeker, first_name="Jon", last_name="Smith", organization=org)
    john = make_contact(seeker, first_name="John", last_name="Smith", organization=org, email="")
    twin_1 = make_contact(seeker, first_name="Maria", last_name="Garcia", organization=org)
    twin_2 = make_contact(seeker, first_name="Maria", last_name="Garcia", organization=org)

    response = seeker_client.get(reverse("people:duplicates"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = {
        a_tag["href"]
        for a_tag in soup.find_all("a")
        if a_tag.get_text(" ", strip=True).startswith("Review and merge")
    }
    pair_link = {_merge_link(jon, john), _merge_link(john, jon)} & links
    assert pair_link, "the Jon/John Smith pair has a merge link"
    assert {_merge_link(a, b), _merge_link(c, d)} <= links
    assert len(links) == 3
    twins = {_merge_link(twin_1, twin_2), _merge_link(twin_2, twin_1)}
    assert not twins & links, "same name, different emails: never suggested"
    assert "Initech" in soup.get_text()


def test_duplicates_page_says_when_nothing_is_found(seeker_client, seeker):
    make_contact(seeker)
    response = seeker_client.get(reverse("people:duplicates"))
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "No two contacts share an email address or a LinkedIn profile." in text
    assert "No similar names found." in text


def test_duplicates_page_shows_nothing_of_another_user(stranger_client, seeker):
    make_contact(seeker, first_name="Secretname", email="s@example.com")
    make_contact(seeker, first_name="Secretname", email="s@example.com")
    response = stranger_client.get(reverse("people:duplicates"))
    assert response.status_code == 200
    assert "Secretname" not in response.content.decode()


def test_duplicates_page_refuses_post(seeker_client):
    assert seeker_client.post(reverse("people:duplicates")).status_code == 405


def _make_duplicates(owner, count: int) -> None:
    for _ in range(count):
        org = make_organization(owner)
        shared = f"{make_contact(owner, organization=org).email}"
        make_contact(owner, organization=org, email=shared)
        last = f"Smith{org.pk}"
        make_contact(owner, first_name="Jon", last_name=last, organization=org, email="")
        make_contact(owner, first_name="John", last_name=last, organization=org, email="")


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_duplicates_page_queries_do_not_grow_with_contacts(seeker_client, seeker):
    url = reverse("people:duplicates")
    _make_duplicates(seeker, 2)
    with_two, page = _queries(seeker_client, url)
    assert page.count("Review and merge") == 4
    _make_duplicates(seeker, 30)
    with_thirty_two, page = _queries(seeker_client, url)
    assert page.count("Review and merge") == 64
    assert with_thirty_two == with_two


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("people:duplicates"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
