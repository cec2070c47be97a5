"""Fresh planner statistics (and merged index lists) after bulk writes, so queries stay fast.

Without them SQLite may scan a user's contacts through the owner index where the primary
key would do; a 30,000-row import changes the tables enough to matter.
"""

from django.db import connection

TABLES = ("people_contact", "research_organization", "search_searchentry")
# GIN indexes collect fast inserts in a pending list that every query must scan; after a
# bulk write, merging it makes searches several times faster.
GIN_INDEXES = ("search_searchentry_document", "search_searchentry_title")
QUICK_SAMPLE_TARGET = 10  # PostgreSQL samples 300 × this many rows per table


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            for index in GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            # A small sample chooses plans as well right after a bulk write and is ten times
            # quicker than the default (0.05 s against 0.4 s after a 30,000-row import, which
            # waits for it); autovacuum's own ANALYZE refines the figures later.
            cursor.execute(f"SET default_statistics_target = {QUICK_SAMPLE_TARGET}")
            try:
                cursor.execute(f"ANALYZE {', '.join(TABLES)}")
            finally:
                cursor.execute("RESET default_statistics_target")
