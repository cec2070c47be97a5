"""SQLite's full-text table beside search_searchentry, and the triggers that keep it in step.

The owner's id is indexed as a column of its own, so a query reads only the owner's
entries (`owner_id : "7" AND {title body} : (...)`) rather than every account's matches
before keeping the owner's; prefixes of one to three letters have their own index, so a word
being typed ("d", "da", "dat") is one lookup instead of every term that starts with it."""

# New entries reach the FTS index through search.backends.insert_entries, one statement for
# every entry it inserts: an AFTER INSERT trigger costs a statement per row, twenty times
# slower on an import.
# Updates and deletes (including cascades) keep their triggers so the index never goes stale.
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        title, body, owner_id, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    """CREATE TRIGGER search_searchentry_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, body, owner_id)
        VALUES ('delete', old.id, old.title, old.body, old.owner_id); END""",
    """CREATE TRIGGER search_searchentry_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, body, owner_id)
        VALUES ('delete', old.id, old.title, old.body, old.owner_id);
        INSERT INTO search_searchentry_fts(rowid, title, body, owner_id)
        VALUES (new.id, new.title, new.body, new.owner_id); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_au",
    "DROP TRIGGER IF EXISTS search_searchentry_ad",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]

TRIGGERS = SQLITE_FORWARD[1:]
DROP_TRIGGERS = SQLITE_BACKWARD[:2]
REBUILD = "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')"
