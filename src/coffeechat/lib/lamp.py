"""The LAMP target list's rule for A (advocacy), which needs no database.

An organization has an advocate when someone there would speak up for the seeker: a person
who referred them or was referred to them, or someone they know warmly (an alum, a professor,
a former coworker, family, a friend or a friend's contact, a first-degree connection).
"""

from __future__ import annotations

# The how-we-know sources (people's Source values) that make someone a likely advocate.
ADVOCATE_SOURCES = frozenset(
    {
        "referral",
        "alumni",
        "professor",
        "former_coworker",
        "family",
        "friend",
        "friend_of_contact",
        "linkedin_1st",
    }
)
