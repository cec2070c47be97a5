"""Which person each row of a contact file is: an existing contact of the account, an earlier
row of the same file, or someone new.

Matching follows the natural keys: the same main email (a row's address that is someone's
main one, or a row's main address that someone lists among theirs; an address two people
merely both list, a team's inbox, joins them only when they also share the name), or the same
LinkedIn profile; a row with neither matches only a contact with the same name, organization
and phone (two people may share a name).

Only the keys of the account's contacts are read for all of them; the rest of a contact
(names, fields to fill, seniority, organization) only for those the file can reach by its
keys. A file of 30,000 new people, beside 30,000 contacts already there, reads three columns
of those, not twenty-five.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from coffeechat.lib.addresses import EMAIL, Address
from coffeechat.people.addresses import known_keys
from coffeechat.people.models import Contact
from coffeechat.search.backends import fold

# Fields an import may fill on an existing contact when they are blank there.
FILLABLE = (
    "first_name",
    "last_name",
    "display_name",
    "title",
    "department",
    "email",
    "phone",
    "linkedin_url",
    "location",
    "connected_on",
    "notes",
    # What only coffeechat's own CSV carries (ParsedContact.own), filled like the rest.
    "source_detail",
    "connection_sentence",
    "background",
    "keep_in_touch_days",
)
# A main address's label: filled with the address it labels (see importing._fill).
LABELS = {"email": "email_label", "phone": "phone_label"}
_DIGITS = re.compile(r"\D+")
BATCH = 2000  # contacts read per query: far below any database's limit on query parameters


@dataclass(slots=True)
class Target:
    """One person the file talks about: a new contact, or an existing one (id set)."""

    values: dict
    organization_key: str = ""
    organization_name: str = ""
    linkedin_key: str = ""  # of values["linkedin_url"], for a new contact
    existing_id: int | None = None
    existing_organization_id: int | None = None
    # An existing contact's seniority, and whether it was inferred from the title (then a
    # title the import fills in infers it again, as saving the contact would).
    existing_tier: str = ""
    existing_tier_inferred: bool = False
    changed: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)
    existing_tags: set[str] = field(default_factory=set)
    line: int = 0
    # (kind, key) of every address the person has, and the ones this file adds besides the
    # main email and phone.
    known: set[tuple[str, str]] = field(default_factory=set)
    new_addresses: list[Address] = field(default_factory=list)
    # coffeechat's own CSV: how the seeker knows them, the tier chosen, do-not-contact, and
    # the name of who referred them (found among the contacts once all are written).
    source: str = ""
    tier: str = ""
    do_not_contact: bool = False
    referred_by: str = ""


@dataclass
class FileKeys:
    """The keys a file's rows look people up by (Matcher.find), gathered before matching."""

    emails: set[str] = field(default_factory=set)
    linkedin: set[str] = field(default_factory=set)
    # A row with no email and no profile is matched by name, organization and phone, which
    # every existing contact may share.
    by_identity: bool = False

    def add(self, emails: Iterable[str], linkedin_key: str) -> None:
        emails = [email for email in emails if email]
        self.emails.update(emails)
        if linkedin_key:
            self.linkedin.add(linkedin_key)
        elif not emails:
            self.by_identity = True


def row_emails(values: dict, others: list[Address]) -> list[str]:
    """A row's main email, then its other ones: the order Matcher.find tries them in."""
    return [values["email"], *(a.key for a in others if a.kind == EMAIL)]


class Matcher:
    """Finds the target a row belongs to, among existing contacts and earlier rows."""

    def __init__(self, owner, keys: FileKeys) -> None:
        # A person's main email, and their other ones: an address several people list as
        # one of theirs (a team's shared inbox) must not make them one person.
        # An existing contact stands in these by its id until a row reaches it (_target).
        self.by_main_email: dict[str, Target | int] = {}
        self.by_other_email: dict[str, Target | int] = {}
        self.by_linkedin: dict[str, Target | int] = {}
        self.by_identity: dict[tuple, Target] | None = None  # built on first need
        # The targets made so far: the existing contacts a row's keys can reach, in the
        # contacts' order, then the file's new people, in the file's.
        self.targets: list[Target] = []
        others = known_keys(owner)
        self.reachable: dict[int, Target] = {}
        everyone = 0
        # In the contacts' own order, as the first of two people sharing a key wins.
        keyed = Contact.objects.owned_by(owner).values_list("id", "email", "linkedin_key")
        for contact_id, email, linkedin_key in keyed:
            everyone += 1
            # A target is made only for a contact one of the file's keys reaches (and its
            # main addresses join its known ones then: importing._fill): 30,000 made for
            # people no row names would cost more than the matching.
            known = others.get(contact_id) or set()
            self._remember_keys(contact_id, email, known)
            if linkedin_key:
                self.by_linkedin.setdefault(linkedin_key, contact_id)
            if (
                keys.by_identity
                or email in keys.emails
                or linkedin_key in keys.linkedin
                or any(key in keys.emails for kind, key in known if kind == EMAIL)
            ):
                target = Target(values={}, existing_id=contact_id, known=known)
                self.reachable[contact_id] = target
                self.targets.append(target)
        _read_contacts(owner, self.reachable, everyone=len(self.reachable) == everyone)

    def _target(self, found: Target | int | None) -> Target | None:
        """The target a key led to. An existing contact's id is found only by one of the
        file's keys, and every contact such a key reaches has its target made (above)."""
        return self.reachable[found] if isinstance(found, int) else found

    def remember(self, target: Target, linkedin_key: str) -> None:
        self.targets.append(target)
        self.remember_addresses(target)
        if linkedin_key:
            self.by_linkedin.setdefault(linkedin_key, target)
        if self.by_identity is not None:
            self.by_identity.setdefault(identity_of(target), target)

    def remember_addresses(self, target: Target) -> None:
        self._remember_keys(target, target.values["email"], target.known)

    def _remember_keys(self, target: Target | int, main: str, known: set[tuple[str, str]]) -> None:
        if main:
            self.by_main_email.setdefault(main, target)
        for kind, key in known:
            if kind == EMAIL and key != main:
                self.by_other_email.setdefault(key, target)

    def find(
        self, values: dict, organization_key: str, linkedin_key: str, others: list[Address]
    ) -> Target | None:
        """The person with any of the row's emails as their main one; else the one who lists
        the row's main email among theirs; else one of the same name who lists another of
        the row's emails; else by LinkedIn profile."""
        main = values["email"]
        emails = row_emails(values, others)
        for email in emails:
            if email and email in self.by_main_email:
                return self._target(self.by_main_email[email])
        if main and main in self.by_other_email:
            return self._target(self.by_other_email[main])
        if len(emails) > 1:
            name = fold(f"{values['first_name']} {values['last_name']}".strip())
            for email in emails[1:]:
                target = self._target(self.by_other_email.get(email))
                if target is not None and name_of(target) == name:
                    return target
        if linkedin_key and linkedin_key in self.by_linkedin:
            return self._target(self.by_linkedin[linkedin_key])
        if any(emails) or linkedin_key:
            return None
        if self.by_identity is None:
            # Only files without emails or profile URLs need this index; LinkedIn never does.
            self.by_identity = {}
            for target in self.targets:
                self.by_identity.setdefault(identity_of(target), target)
        identity = make_identity(
            values["first_name"], values["last_name"], organization_key, values["phone"]
        )
        return self.by_identity.get(identity)


_COLUMNS = (
    "id",
    "organization_id",
    "organization__normalized_name",
    "linkedin_key",
    "tier",
    "tier_inferred",
)
_READ = (*FILLABLE, *LABELS.values())


def _read_contacts(owner, targets: dict[int, Target], everyone: bool) -> None:
    """Fill in the values of the existing contacts a row may reach: every contact of the
    account in one query, or those in batches of ids."""
    contacts = Contact.objects.owned_by(owner).order_by().values_list(*_COLUMNS, *_READ)
    if everyone:
        batches = [contacts]
    else:
        ids = list(targets)
        batches = [contacts.filter(pk__in=ids[i : i + BATCH]) for i in range(0, len(ids), BATCH)]
    for batch in batches:
        for row in batch:
            contact_id, organization_id, org_key, linkedin_key, tier, tier_inferred = row[:6]
            target = targets.get(contact_id)
            if target is None:
                continue  # added since its keys were read
            target.values = dict(zip(_READ, row[6:], strict=True))
            target.organization_key = org_key or ""
            target.existing_organization_id = organization_id
            target.existing_tier = tier
            target.existing_tier_inferred = tier_inferred
    for target in targets.values():
        if not target.values:
            # Deleted since its keys were read: blank, so the plan can be made. The account
            # changed meanwhile, so apply_plan matches the file again before writing.
            target.values = dict(_BLANK)


_BLANK = {name: None if name in ("connected_on", "keep_in_touch_days") else "" for name in _READ}


def make_identity(first: str, last: str, organization_key: str, phone: str) -> tuple:
    return (fold(f"{first} {last}".strip()), organization_key, _DIGITS.sub("", phone))


def name_of(target: Target) -> str:
    values = target.values
    return fold(f"{values['first_name']} {values['last_name']}".strip())


def identity_of(target: Target) -> tuple:
    values = target.values
    return make_identity(
        values["first_name"], values["last_name"], target.organization_key, values["phone"]
    )
