"""Search: full text over the user's own rows (FTS5 on SQLite, tsvector on PostgreSQL)."""

import pytest
from django.urls import reverse

from coffeechat.search.indexing import rebuild
from coffeechat.search.models import SearchEntry
from coffeechat.search.query import search
from tests.factories import (
    make_contact,
    make_conversation,
    make_field,
    make_interaction,
    make_message,
    make_organization,
    make_takeaway,
)


def _found(user, query) -> dict[str, list[str]]:
    return {g["kind"]: [str(r) for r in g["rows"]] for g in search(user, query)}


def test_finds_contacts_by_prefix_of_any_word(seeker):
    make_contact(seeker, first_name="Grace", last_name="Hopper", title="Compiler engineer")
    assert _found(seeker, "gra")["contact"] == ["Grace Hopper"]
    assert _found(seeker, "compil eng")["contact"] == ["Grace Hopper"]
    assert "contact" not in _found(seeker, "grace lovelace")


def test_accents_and_case_do_not_matter(seeker):
    make_contact(seeker, first_name="José", last_name="Núñez")
    assert _found(seeker, "jose nunez")["contact"] == ["José Núñez"]
    assert _found(seeker, "NÚÑ")["contact"] == ["José Núñez"]


def test_searches_organizations_fields_notes_and_messages(seeker):
    make_organization(seeker, name="Quillfeather Press", notes="publishes poetry")
    make_field(seeker, name="Urban planning", notes="zoning boards")
    contact = make_contact(seeker, first_name="Ida", last_name="Wells")
    make_message(seeker, contact=contact, subject="Question", body="about the zoning hearing")
    make_interaction(seeker, contact=contact, summary="talked about zoning at the fair")
    found = _found(seeker, "zoning")
    assert found["careerfield"] == ["Urban planning"]
    assert found["message"] == ["Question — Ida Wells"]
    assert len(found["interaction"]) == 1
    assert _found(seeker, "poetry")["organization"] == ["Quillfeather Press"]


def test_takeaways_make_their_conversation_findable(seeker):
    conversation = make_conversation(seeker)
    make_takeaway(seeker, conversation=conversation, text="Learn Kubernetes basics")
    assert _found(seeker, "kubernetes")["conversation"] == [str(conversation)]


def test_index_follows_edits_and_deletes(seeker):
    contact = make_contact(seeker, first_name="Alan", last_name="Turing")
    contact.last_name = "Kay"
    contact.save()
    assert "contact" not in _found(seeker, "turing")
    assert _found(seeker, "kay")["contact"] == ["Alan Kay"]
    contact.delete()
    assert "contact" not in _found(seeker, "kay")
    assert not SearchEntry.objects.filter(kind="contact", object_id=contact.pk).exists()


def test_renamed_organization_renames_what_its_people_are_found_by(seeker):
    org = make_organization(seeker, name="Oldname Corp")
    make_contact(seeker, first_name="Barbara", last_name="Liskov", organization=org)
    org.name = "Newname Inc"
    org.save()
    assert _found(seeker, "newname")["contact"] == ["Barbara Liskov"]


def test_tags_are_searchable(seeker):
    contact = make_contact(seeker, first_name="Edsger", last_name="Dijkstra")
    from tests.factories import make_tag

    contact.tags.add(make_tag(seeker, name="mentor"))
    assert _found(seeker, "mentor")["contact"] == ["Edsger Dijkstra"]


def test_only_the_users_own_rows(seeker, stranger):
    make_contact(stranger, first_name="Hidden", last_name="Person")
    make_contact(seeker, first_name="Visible", last_name="Person")
    assert _found(seeker, "person")["contact"] == ["Visible Person"]
    assert _found(stranger, "visible") == {}


def test_the_account_number_is_never_matched_as_text(seeker, stranger):
    # The index files each entry under its owner's id; a query names only the words. No
    # digits in what the entries hold ("Org 12 Labs" would be found by "12" for its own sake).
    for owner in (seeker, stranger):
        make_contact(
            owner, first_name="Ada", last_name="Byron", email="ada@example.com", organization=None
        )
    assert _found(seeker, "ada byr")["contact"] == ["Ada Byron"]
    assert _found(seeker, f"{seeker.pk} ada") == {}
    assert _found(seeker, f"{seeker.pk}{seeker.pk}") == {}


def test_a_single_letter_before_a_word_is_a_prefix_too(seeker):
    make_contact(seeker, first_name="Siobhan", last_name="O'Brien")
    make_contact(seeker, first_name="John", last_name="Smith")
    make_contact(seeker, first_name="Jane", last_name="Smithers", title="Data analyst")
    assert _found(seeker, "o'brien")["contact"] == ["Siobhan O'Brien"]
    assert sorted(_found(seeker, "j smith")["contact"]) == ["Jane Smithers", "John Smith"]
    assert _found(seeker, "data a")["contact"] == ["Jane Smithers"]


def test_matches_outside_the_title_come_newest_first(seeker):
    older = make_contact(
        seeker, first_name="Older", last_name="One", notes="met at a quayside fair"
    )
    newer = make_contact(seeker, first_name="Newer", last_name="One", notes="quayside again")
    assert older.pk < newer.pk
    assert _found(seeker, "quaysid")["contact"] == ["Newer One", "Older One"]


@pytest.mark.parametrize("word", ["q" * 2047, "\U00020000" * 500, "\U00020000" * 501])
def test_a_word_too_long_for_the_index_leaves_the_rest_found(seeker, word):
    # A pasted link's query string, an encoded image: PostgreSQL indexes words of at most
    # 2,047 bytes, the owner's tag included; saving the person must not fail on it.
    make_contact(seeker, first_name="Long", last_name="Word", notes=f"see {word} quayside")
    assert _found(seeker, "quaysid")["contact"] == ["Long Word"]


def test_words_joined_by_underscores(seeker, stranger):
    make_contact(seeker, first_name="Priya", last_name="Rao", notes="runs the data_science club")
    make_contact(stranger, first_name="Other", last_name="Rao", notes="data_science too")
    assert _found(seeker, "data_sci")["contact"] == ["Priya Rao"]
    assert _found(seeker, "_") == {}


@pytest.mark.parametrize("query", ['"', "*", "AND", "OR NOT", "a:b", "(", "NEAR(x y)", "-x", "x'"])
def test_operators_and_quotes_are_plain_text(seeker, query):
    make_contact(seeker, first_name="Plain", last_name="Text")
    search(seeker, query)  # no database error


def test_one_letter_finds_nothing(seeker):
    make_contact(seeker, first_name="Q", last_name="Z")
    assert search(seeker, "q") == []


def test_rebuild_restores_a_lost_index(seeker):
    make_contact(seeker, first_name="Rosalind", last_name="Franklin")
    SearchEntry.objects.all().delete()
    assert _found(seeker, "rosalind") == {}
    assert rebuild(seeker) >= 1
    assert _found(seeker, "rosalind")["contact"] == ["Rosalind Franklin"]


def test_search_page_as_you_type(seeker_client, seeker):
    make_contact(seeker, first_name="Katherine", last_name="Johnson")
    response = seeker_client.get(reverse("search:search"), {"q": "kath"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Katherine Johnson" in html
    assert "<html" not in html
