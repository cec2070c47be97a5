"""Plain tests of the matching keys for organizations and LinkedIn profiles."""

import pytest

from coffeechat.core.logging import redact
from coffeechat.lib.names import normalize_linkedin_url, normalize_org_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Google LLC", "Google"),
        ("google, inc.", "Google"),
        ("Acme Corp.", "ACME"),
        ("The Boston Consulting Group", "Boston Consulting Group, Inc."),
        ("Société Générale SA", "societe generale"),
        ("Procter & Gamble Co.", "Procter and Gamble"),
    ],
)
def test_names_that_differ_only_in_form_match(a, b):
    assert normalize_org_name(a) == normalize_org_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Apple", "Applied Materials"), ("Co", "Inc"), ("Limited Brands", "Brands")],
)
def test_different_organizations_stay_apart(a, b):
    assert normalize_org_name(a) != normalize_org_name(b)


def test_a_name_made_only_of_a_legal_word_is_kept():
    assert normalize_org_name("Company") == "company"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/",
        "HTTPS://WWW.LINKEDIN.COM/in/josé-garcía",
        "www.linkedin.com/in/josé-garcía?trk=public_profile#about",
        "http://linkedin.com/in/JOSÉ-GARCÍA/",
    ],
)
def test_the_same_profile_has_one_key(variant):
    assert normalize_linkedin_url(variant) == "linkedin.com/in/josé-garcía"


@pytest.mark.parametrize("url", ["", "https://example.com/in/x", "https://linkedin.com/", "::"])
def test_non_profiles_have_no_key(url):
    assert normalize_linkedin_url(url) == ""


def test_tokens_in_urls_are_redacted_from_logs():
    line = '"GET /accounts/link/?token=abcDEF123_-xyz HTTP/1.1" 302'
    assert "abcDEF123" not in redact(line)
    assert "/accounts/link/?token=[redacted]" in redact(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Gone: /center/join/Abc123_-Abc123_-Abc123_-Abc123/", "/center/join/[redacted]/"),
        (
            "GET /accounts/login/?next=%2Fcenter%2Fjoin%2FAbc123_-Abc123_-Abc123_-Abc123%2F",
            "next=%2Fcenter%2Fjoin%2F[redacted]%2F",
        ),
    ],
)
def test_invitation_tokens_are_redacted_from_logs(line, kept):
    assert "Abc123" not in redact(line)
    assert kept in redact(line)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ada-lovelace-1",
        "http://LinkedIn.com/in/Ada/",
        "linkedin.com/in/ada",
        "https://uk.linkedin.com/in/ada?x=1",
        "https://www.linkedin.com/in/jos%C3%A9",
        "https://www.linkedin.com:443/in/ada",
        "https://evil.com/linkedin.com/in/ada",
        "https://www.linkedin.com.evil.com/in/ada",
        "https://www.linkedin.com/",
    ],
)
def test_fast_and_careful_paths_agree(url):
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    on_linkedin = host == "linkedin.com" or host.endswith(".linkedin.com")
    path = unquote(parts.path).rstrip("/")
    expected = "linkedin.com" + path.casefold() if on_linkedin and path else ""
    assert normalize_linkedin_url(url) == expected
