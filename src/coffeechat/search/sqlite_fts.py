"""SQLite's full-text table beside search_searchentry, and the triggers that keep it in step."""

# New entries reach the FTS index through search.backends.insert_entries, one statement per
# batch: an AFTER INSERT trigger costs a statement per row, twenty times slower on an import.
# Updates and deletes (including cascades) keep their triggers so the index never goes stale.
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        title, body, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_searchentry_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body); END""",
    """CREATE TRIGGER search_searchentry_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_searchentry_fts(rowid, title, body)
        VALUES (new.id, new.title, new.body); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_au",
    "DROP TRIGGER IF EXISTS search_searchentry_ad",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]

TRIGGERS = SQLITE_FORWARD[1:]
DROP_TRIGGERS = SQLITE_BACKWARD[:2]
