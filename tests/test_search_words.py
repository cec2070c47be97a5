"""Whatever script a word is written in, typing its start finds the entry that holds it, and
only its owner's: on SQLite (FTS5, the owner as a column) and on PostgreSQL (each word tagged
with its owner) alike."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.search.backends import matching_entries
from coffeechat.search.indexing import Entry, bulk_index
from coffeechat.search.models import SearchEntry

# Letters of any script and decimal digits, as names, places and notes hold them.
WORDS = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Lo", "Nd"]), min_size=2, max_size=12
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(word=WORDS, typed=st.integers(min_value=2, max_value=12))
def test_the_start_of_a_word_finds_its_entry_for_its_owner_only(seeker, stranger, word, typed):
    SearchEntry.objects.all().delete()
    bulk_index(
        [
            Entry.of(seeker.pk, "note", 1, "Field notes", f"met at the fair {word} and more"),
            Entry.of(stranger.pk, "note", 2, "Field notes", f"met at the fair {word} and more"),
        ],
        new=True,
    )
    query = word[:typed]
    assert matching_entries(seeker.pk, query, limit=10) == [("note", 1)], query
    assert matching_entries(stranger.pk, query, limit=10) == [("note", 2)], query
