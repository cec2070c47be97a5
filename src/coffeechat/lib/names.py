"""Name normalization for matching: organizations by name, contacts by LinkedIn profile."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Legal-form words dropped when comparing organization names ("Google LLC" = "Google").
LEGAL_SUFFIXES = frozenset(
    [
        "ab",
        "ag",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "incorporated",
        "kg",
        "limited",
        "llc",
        "llp",
        "lp",
        "ltd",
        "nv",
        "oy",
        "plc",
        "pllc",
        "pty",
        "pvt",
        "sa",
        "sarl",
        "sas",
        "spa",
        "srl",
    ]
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


KEY_LENGTH = 200


@functools.lru_cache(maxsize=8192)
def normalize_org_name(name: str) -> str:
    """A key equal for names that differ only in case, punctuation, accents or legal suffix;
    at most KEY_LENGTH characters, the length of the column that stores it."""
    name = name or ""
    if name.isascii():  # nothing to decompose: most names, and ten times faster
        ascii_folded = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        ascii_folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = ascii_folded.casefold().replace("&", " and ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)[:KEY_LENGTH]


# The shape nearly every exported profile URL has; anything else takes the careful path.
_PLAIN_PROFILE = re.compile(r"(?i)^(?:https?://)?(?:[a-z0-9-]+\.)?linkedin\.com(/[^?#%\s:@]*)$")


_PROFILE_PATHS = ("/in/", "/pub/")


def normalize_linkedin_url(url: str) -> str:
    """A key equal for the same profile: case of scheme/host, trailing slash, query and fragment
    ignored, percent-encoding decoded. Returns '' for anything that is not a LinkedIn profile
    (a person's page is under /in/, older ones under /pub/; a company's page is no profile)."""
    raw = (url or "").strip()
    if not raw:
        return ""
    plain = _PLAIN_PROFILE.match(raw)
    if plain:
        path = plain.group(1).rstrip("/")
        return (
            "linkedin.com" + path.casefold() if path.casefold().startswith(_PROFILE_PATHS) else ""
        )
    if "://" not in raw:
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    path = unquote(parts.path).rstrip("/")
    if not path.casefold().startswith(_PROFILE_PATHS):
        return ""
    return "linkedin.com" + path.casefold()


def is_linkedin_profile(url: str) -> bool:
    return bool(normalize_linkedin_url(url))
