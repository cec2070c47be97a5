"""Deterministic made-up contact files for benchmarks (example.com people, fixed seed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST = [
    "Ada",
    "Alan",
    "Amara",
    "Ana",
    "Ben",
    "Carmen",
    "Chen",
    "Dara",
    "Diego",
    "Elena",
    "Emeka",
    "Fatima",
    "Grace",
    "Hana",
    "Ibrahim",
    "Ines",
    "Jonas",
    "Julia",
    "Kenji",
    "Lea",
    "Liam",
    "Lucia",
    "Maya",
    "Mateo",
    "Mei",
    "Nia",
    "Noah",
    "Olga",
    "Omar",
    "Priya",
    "Rafael",
    "Rosa",
    "Sam",
    "Sara",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Yara",
    "Zoe",
    "José",
    "Zoë",
    "Björn",
    "Søren",
    "Łukasz",
]
LAST = [
    "Abbott",
    "Adeyemi",
    "Becker",
    "Bianchi",
    "Chen",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Mbeki",
    "Meyer",
    "Moreau",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sato",
    "Schmidt",
    "Silva",
    "Singh",
    "Tanaka",
    "Tran",
    "Umar",
    "Vargas",
    "Wagner",
    "Weber",
    "Yilmaz",
    "Zhang",
    "Núñez",
    "O'Brien",
]
TITLES = [
    "Data Analyst",
    "Software Engineer",
    "Product Manager",
    "UX Researcher",
    "Consultant",
    "Policy Advisor",
    "Program Officer",
    "Marketing Lead",
    "Financial Analyst",
    "Research Scientist",
    "Director of Operations",
    "Associate",
    "Senior Associate",
    "Nurse Practitioner",
    "Teacher",
    "Architect",
    "Editor",
]
SUFFIXES = ["", "", " LLC", " Inc.", " GmbH", " Ltd", " Corp."]


def organization_names(count: int, rng: random.Random) -> list[str]:
    words = [
        "Acme",
        "Blue",
        "Cedar",
        "Delta",
        "Echo",
        "Fern",
        "Granite",
        "Harbor",
        "Iris",
        "Juniper",
        "Kite",
        "Lumen",
    ]
    kinds = [
        "Analytics",
        "Labs",
        "Partners",
        "Health",
        "Foundation",
        "Studio",
        "Systems",
        "Capital",
        "Works",
    ]
    names = set()
    while len(names) < count:
        names.add(f"{rng.choice(words)} {rng.choice(words)} {rng.choice(kinds)} {len(names)}")
    return sorted(names)


def linkedin_csv(rows: int, organizations: int = 2000, seed: int = 7) -> bytes:
    """A Connections.csv as LinkedIn exports it, Notes preamble included."""
    rng = random.Random(seed)
    orgs = organization_names(organizations, rng)
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    start = date(2015, 1, 1)
    for index in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{seed}x{index}".lower().replace("'", "")
        email = f"{slug}@example.com" if rng.random() < 0.15 else ""
        company = rng.choice(orgs) + rng.choice(SUFFIXES)
        title = rng.choice(TITLES)
        connected = (start + timedelta(days=rng.randrange(3650))).strftime("%d %b %Y")
        cells = [first, last, f"https://www.linkedin.com/in/{slug}", email, company, title]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells) + f",{connected}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
