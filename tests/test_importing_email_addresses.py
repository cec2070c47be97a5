"""An import keeps an email address only when the contact form would accept it. The everyday
shapes are recognized by a quick pattern (PLAIN_EMAIL) and the rest by Django's
validate_email; the pattern must never let through what the validator refuses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coffeechat.lib import contact_files
from coffeechat.people.importing import PLAIN_EMAIL, import_contacts
from coffeechat.people.models import Contact

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def accepted_by_the_form(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


@settings(deadline=None)
@given(st.from_regex(PLAIN_EMAIL, fullmatch=True))
def test_whatever_the_pattern_takes_the_form_takes(email):
    assert accepted_by_the_form(email), email


# Near misses: a local part the pattern knows, then anything at all.
@given(st.sampled_from(["ana.lee", "o'brien", "x+news", "a"]), st.text(max_size=30))
@example("ana.lee", "@example..org")
@example("ana.lee", "@-example.org")
@example("ana.lee", "@example-.org")
@example("ana.lee", "@example.o")
@example("ana.lee", "@example.org.")
@example("ana.lee", "@exam ple.org")
@example("ana.lee.", "@example.org")
@example("ana..lee", "@example.org")
@example("ana", "@@example.org")
@example("ana", "@example.\u212aom")  # the Kelvin sign, a K under IGNORECASE
def test_the_pattern_never_takes_an_address_the_form_refuses(local, rest):
    email = local + rest
    if PLAIN_EMAIL.fullmatch(email):
        assert accepted_by_the_form(email), email


@pytest.mark.parametrize(
    ("email", "kept"),
    [
        ("ana.lee@example.org", True),  # the pattern
        ("Ana.Lee+jobs@Mail.Example.co.uk", True),
        ("ana{x}@example.org", True),  # the rest: the validator's
        ("ana@sub.xn--p1ai", True),
        ("ana@exämple.org", True),
        ("ana@localhost", True),
        ("josé@example.org", False),  # the form takes no letter beyond ASCII before the @
        ("ana.lee@", False),
        ("ana lee@example.org", False),
        ("ana@exa_mple.org", False),
        ("javascript:alert(1)", False),
    ],
)
def test_an_import_keeps_the_addresses_the_form_would_take(seeker, email, kept):
    row = f"Ana,Lee,,{email},Juniper Labs,Analyst,02 Dec 2026\r\n"
    import_contacts(seeker, contact_files.parse((HEADER + row).encode()))
    stored = Contact.objects.get(owner=seeker, last_name="Lee").email
    assert (stored != "") is kept, stored
    assert accepted_by_the_form(stored) or not kept
