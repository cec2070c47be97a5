"""PostgreSQL's full-text columns of search_searchentry, each word tagged with its owner.

Every lexeme is written as "<owner id>x<word>" (an entry of user 7 holds '7xacme', not
'acme'), and a query asks for the owner's tagged prefixes ('7xacme:*'). The GIN index then
holds one posting list per owner and word, and a search reads the owner's matches alone: with
the words shared, a prefix typed by one seeker would read every other seeker's matches too, as
many as a career center has students, before the owner's rows were kept. The tag is added to
the tsvector PostgreSQL's own parser made (its text form, each lexeme starting with a quote
after a space), so words are split exactly as before; the tag of digits then "x" cannot be
mistaken for another owner's.
"""

from __future__ import annotations

# PostgreSQL indexes words of at most 2,047 bytes, and a tagged word is longer by its tag.
# Words of more than 500 characters (2,000 bytes at most) are left out of an entry's text
# (search.backends.indexable): nobody types one (a pasted link's query string, an encoded
# image), and one near the limit would make saving its row fail.
LONGEST_WORD = 500


# More than LONGEST_WORD characters without a space, written for PostgreSQL's regular
# expressions, which count repetitions to 255 at most.
_HALF = LONGEST_WORD // 2
_TOO_LONG = rf"\S{{{_HALF}}}\S{{{LONGEST_WORD - _HALF}}}\S+"


# What ends an owner's tag, after the owner's id: the columns and the queries both write it.
TAG_END = "x"


def _owned(tsvector_sql: str) -> str:
    tag = f"owner_id::text || '{TAG_END}'"
    return f"(replace(' ' || ({tsvector_sql})::text, ' ''', ' ''' || {tag}))::tsvector"


_TITLE = "to_tsvector('simple', coalesce(title, ''))"
_BODY = "to_tsvector('simple', coalesce(body, ''))"
# Titles weigh more than the rest (A over B) in the entry's document.
DOCUMENT = _owned(f"setweight({_TITLE}, 'A') || setweight({_BODY}, 'B')")
TITLE_DOCUMENT = _owned(_TITLE)  # titles alone, for the ranked first pass

FORWARD = [
    "DROP INDEX IF EXISTS search_searchentry_title",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document",
    "DROP INDEX IF EXISTS search_searchentry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    # Words too long to carry the tag are left out, as new entries leave them out.
    f"UPDATE search_searchentry SET body = regexp_replace(body, '{_TOO_LONG}', ' ', 'g') "
    f"WHERE length(body) > {LONGEST_WORD}",
    f"ALTER TABLE search_searchentry ADD COLUMN document tsvector "
    f"GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX search_searchentry_document ON search_searchentry USING GIN (document)",
    f"ALTER TABLE search_searchentry ADD COLUMN title_document tsvector "
    f"GENERATED ALWAYS AS ({TITLE_DOCUMENT}) STORED",
    "CREATE INDEX search_searchentry_title ON search_searchentry USING GIN (title_document)",
]


def owned_tsquery(owner_id: int, words: list[str]) -> str:
    """A to_tsquery text asking for every word as a prefix of the owner's tagged lexemes.
    PostgreSQL's parser splits words at underscores, which the query's words keep: each part
    is asked for, tagged, so none is left untagged (and so matching nothing)."""
    tag = f"{int(owner_id)}{TAG_END}"
    parts = [part for word in words for part in word.split("_") if part]
    return " & ".join(f"{tag}{part}:*" for part in parts)
