"""An import keeps a person's web address only when the contact form would accept it. The
everyday shapes are recognized by a quick pattern (PLAIN_WEB_ADDRESS) and the rest by
Django's URLValidator; the pattern must never let through what the validator refuses."""

from __future__ import annotations

import re
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coffeechat.lib import contact_files
from coffeechat.people.importing import NON_ASCII_SPACES, PLAIN_WEB_ADDRESS, import_contacts
from coffeechat.people.models import Contact

FORM_RULE = URLValidator(schemes=["http", "https"])
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def accepted_by_the_form(url: str) -> bool:
    try:
        FORM_RULE(url)
    except ValidationError:
        return False
    return True


# No deadline: drawing from a pattern with a class of a million characters can take a
# loaded machine longer than one example may.
@settings(deadline=None)
@given(st.from_regex(PLAIN_WEB_ADDRESS, fullmatch=True))
def test_whatever_the_pattern_takes_the_form_takes(url):
    assert accepted_by_the_form(url), url


# Near misses: a scheme and host the pattern knows, then anything at all.
@given(
    st.sampled_from(["https://www.linkedin.com", "http://example.org", "https://a-b.co.uk"]),
    st.text(max_size=40),
)
@example("https://www.linkedin.com", "/in/ana\u00a0garcia")  # a no-break space
@example("https://www.linkedin.com", "\u2003/in/ana")
@example("https://www.linkedin.com", "/in/a b")
@example("https://www.linkedin.com", "/in/jos\u00e9\u3000garcia")  # an ideographic space
@example("https://www.linkedin.com", "/in/jos\u00e9\u2028")  # a line separator
@example("https://www.linkedin.com", "/in/\u00e9\x85")
@example("https://-bad.example.com", "")
@example("https://www.linkedin.com", ".")
def test_the_pattern_never_takes_an_address_the_form_refuses(start, rest):
    url = start + rest
    if PLAIN_WEB_ADDRESS.fullmatch(url):
        assert accepted_by_the_form(url), url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ana-garcia-1a2b3c4d/",
        "https://linkedin.com/in/o%C3%B1ate",
        "http://www.linkedin.com/in/li-wei?trk=people",
        "https://uk.linkedin.com/pub/jo-smith/12/345/678",
        "https://www.linkedin.com/in/jos\u00e9-n\u00fa\u00f1ez-7x22",
        "https://www.linkedin.com/in/\u0142ukasz-kim",
        "https://www.linkedin.com/in/\u674e\u4f1f",
    ],
)
def test_everyday_profile_addresses_take_the_quick_path(url):
    assert PLAIN_WEB_ADDRESS.fullmatch(url)
    assert accepted_by_the_form(url)


def test_the_spaces_beyond_ascii_the_pattern_refuses_are_every_one_there_is():
    listed = re.compile(f"[{NON_ASCII_SPACES}]")
    beyond_ascii = [chr(c) for c in range(0x80, sys.maxunicode + 1)]
    assert {c for c in beyond_ascii if listed.fullmatch(c)} == {
        c for c in beyond_ascii if c.isspace()
    }


def test_an_import_keeps_good_addresses_and_drops_the_rest(seeker):
    rows = [
        ("Ana", "Garcia", "https://www.linkedin.com/in/ana-garcia/"),
        ("Bea", "Kim", "https://xn--bcher-kva.example/in/bea"),  # not the quick path's shape
        ("Cy", "Lo", "javascript:alert(document.domain)"),
        ("Di", "Ng", "https://www.linkedin.com/in/di ng"),
        ("Ed", "Ho", "https://müller.example/in/ed"),
    ]
    lines = "".join(
        f"{first},{last},{url},,Acme,Analyst,01 Feb 2024\r\n" for first, last, url in rows
    )
    import_contacts(seeker, contact_files.parse(("Notes:\r\n\r\n" + HEADER + lines).encode()))
    kept = dict(Contact.objects.filter(owner=seeker).values_list("first_name", "linkedin_url"))
    assert kept == {
        "Ana": "https://www.linkedin.com/in/ana-garcia/",
        "Bea": "https://xn--bcher-kva.example/in/bea",
        "Cy": "",
        "Di": "",
        "Ed": "https://müller.example/in/ed",
    }
