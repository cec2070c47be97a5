"""Applying a parsed contact file to one user's contacts: match (people.import_matching),
plan, then write in bulk.

Existing values are never overwritten: an import only fills blanks, adds the addresses a
contact does not list yet and adds tags, so importing the same file twice changes nothing.
Everything is written in one transaction by apply_plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from coffeechat.core.bulk import insert_rows
from coffeechat.core.locks import lock_account
from coffeechat.core.revisions import one_move_for_bulk_inserts
from coffeechat.core.statistics import refresh_statistics
from coffeechat.lib.addresses import EMAIL, LINK, PHONE, Address, address_key
from coffeechat.lib.collection_pauses import without_collection_pauses
from coffeechat.lib.contact_files import ParsedContact, ParseResult, SkippedRow
from coffeechat.lib.control_chars import without_controls
from coffeechat.lib.names import normalize_linkedin_url, normalize_org_name
from coffeechat.lib.seniority import infer_tier
from coffeechat.people.addresses import add_addresses, address_count
from coffeechat.people.import_matching import (
    FILLABLE,
    LABELS,
    FileKeys,
    Matcher,
    Target,
    row_emails,
)
from coffeechat.people.models import Contact, Source, Tag, Tier
from coffeechat.people.search_index import contact_search_text
from coffeechat.research.models import Organization
from coffeechat.search.backends import fold
from coffeechat.search.indexing import Entry, entry_for, index_new_rows, reindex

SOURCE_BY_FORMAT = {"linkedin": Source.LINKEDIN_1ST}
STATISTICS_AFTER = 1000  # new contacts after which the query planner's statistics are renewed


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    # Another import of this account committed while this one was matching: it was matched
    # again, against what that import wrote, before anything was written.
    rematched: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "organizations_created": self.organizations_created,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
        }


@dataclass
class ImportPlan:
    owner: object
    source: str
    targets: list[Target]
    summary: ImportSummary
    new_organizations: dict[str, str]  # normalized key -> name as first written
    result: ParseResult | None = None  # what was planned, to plan again if the account changed
    state: tuple = ()  # the account's contacts and organizations as the plan saw them

    @property
    def new_targets(self) -> list[Target]:
        return [t for t in self.targets if t.existing_id is None]

    @property
    def changed_targets(self) -> list[Target]:
        return [t for t in self.targets if t.existing_id is not None and _has_change(t)]


def _has_change(target: Target) -> bool:
    return bool(target.changed) or bool(_new_tags(target)) or bool(target.new_addresses)


def _new_tags(target: Target) -> list[str]:
    return [t for t in target.tags if t.casefold() not in target.existing_tags]


_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
# The everyday shape of a profile address — http(s), up to four short ASCII labels and a
# top-level domain, a path of URL characters or letters beyond ASCII (linkedin.com/in/josé-…)
# — in one pattern, which URLValidator always accepts (a subset of it:
# tests/test_importing_web_addresses.py); anything else, it decides. Its checks cost more
# than matching a whole 30,000-row file.
# The characters beyond ASCII that are white space (str.isspace), which the validator refuses
# in a path; the pattern is ASCII-only (re.ASCII keeps [a-z] from matching the Kelvin sign).
NON_ASCII_SPACES = "\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
PLAIN_WEB_ADDRESS = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?\.){1,4}[a-z]{2,63}"
    rf"(?:[/?#](?:[a-z0-9._~%!$&'()*+,;=:@/?#-]|[^\x00-\x7f{NON_ASCII_SPACES}])*)?",
    re.IGNORECASE | re.ASCII,
)


def _web_address(url: str) -> str:
    """Only http(s) addresses the contact form would accept are kept: a file could carry
    javascript: or data: links, and a backup must restore what the import wrote."""
    url = url.strip()
    if not url:
        return ""  # most rows of most files: no validator's error to raise and catch
    if len(url) <= 2048 and PLAIN_WEB_ADDRESS.fullmatch(url):
        return url
    try:
        _WEB_ADDRESS(url)
    except ValidationError as error:
        _drop_frames(error)
        return ""
    return url


# The everyday shape of an email address — dotted ASCII words, an @, up to eight ASCII labels
# and a top-level domain — which Django's validate_email always accepts (a subset of it:
# tests/test_importing_email_addresses.py); anything else, it decides. The validator's
# patterns take 60 ms to compile and 40 µs an address.
PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*@"
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,63}",
    re.IGNORECASE | re.ASCII,
)


def _email_address(email: str) -> str:
    """The email address when the contact form would accept it (restore checks the same)."""
    if not email:
        return ""  # LinkedIn leaves nearly every address out
    if PLAIN_EMAIL.fullmatch(email):
        return email
    try:
        validate_email(email)
    except ValidationError as error:
        _drop_frames(error)
        return ""
    return email


def _drop_frames(error: ValidationError) -> None:
    """A ValidationError is a cycle (it lists itself among its errors), and its traceback
    holds the frames it went through and every frame above them (the plan's, with all its
    rows) until the garbage collector runs, which an import keeps paused: let go of them."""
    error.__traceback__ = None


def _line(text: str) -> str:
    """A one-line field as one line: a line break or tab inside a file's cell (or a crafted
    one, which would end a mail header) becomes a space; other control characters go."""
    return without_controls(text) if not text.isprintable() else text


def _row_values(row: ParsedContact) -> dict:
    own = row.own
    email = _line(row.email)
    return {
        "first_name": _line(row.first_name)[:150],
        "last_name": _line(row.last_name)[:150],
        "display_name": _line(row.display_name)[:300],
        "email_label": row.email_label,
        "phone_label": row.phone_label,
        "title": _line(row.title)[:200],
        "department": _line(row.department)[:200],
        "email": _email_address(email[:254]),
        "phone": _line(row.phone)[:50],
        "linkedin_url": _web_address(_line(row.linkedin_url))[:500],
        "location": _line(row.location)[:200],
        "connected_on": row.connected_on,
        "notes": row.notes,
        "source_detail": _line(own.get("source_detail", ""))[:300],
        "connection_sentence": _line(own.get("connection_sentence", ""))[:300],
        "background": own.get("background", ""),
        "keep_in_touch_days": _days(own.get("keep_in_touch_days", "")),
    }


def _days(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else None


_SOURCES = {label.casefold(): value for value, label in Source.choices} | {
    value: value for value in Source.values
}
_TIERS = {label.casefold(): value for value, label in Tier.choices} | {
    value: value for value in Tier.values
}


def _own_choices(target: Target, row: ParsedContact) -> None:
    """coffeechat's own columns that name a choice or a person, read back from their words;
    a seniority the export marked as inferred is inferred again from the title."""
    own = row.own
    if not own:
        return
    target.source = target.source or _SOURCES.get(own.get("source", "").strip().casefold(), "")
    tier = own.get("tier", "").strip()
    if tier and not tier.endswith("(inferred)") and not target.tier:
        target.tier = _TIERS.get(tier.casefold(), "")
    if own.get("do_not_contact", "").strip().casefold() in ("yes", "true", "1"):
        target.do_not_contact = True
    target.referred_by = target.referred_by or own.get("referred_by", "").strip()


def _row_addresses(row: ParsedContact) -> list[Address]:
    """Every address of the row besides its main email and phone, cut to the column."""
    return [
        Address(a.kind, _line(a.value)[:500], a.label)
        for a in row.addresses
        if a.key
        and (a.kind != EMAIL or _email_address(a.value))
        and (a.kind != LINK or _web_address(a.value))
    ]


def plan_import(
    owner,
    result: ParseResult,
    source: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """What importing result would do; reads the database, writes nothing."""
    with without_collection_pauses():
        return _plan(owner, result, source, progress)


def _plan(owner, result: ParseResult, source: str, progress) -> ImportPlan:
    state = account_state(owner)  # before reading: a change made while matching shows
    summary = ImportSummary(skipped=list(result.skipped))
    source = source or SOURCE_BY_FORMAT.get(result.format, Source.COLD)
    # Each row's values and keys first: the matcher reads in full only the existing contacts
    # those keys can reach.
    rows = []
    keys = FileKeys()
    for row in result.contacts:
        values = _row_values(row)
        linkedin_key = normalize_linkedin_url(values["linkedin_url"])
        others = _row_addresses(row)
        keys.add(row_emails(values, others), linkedin_key)
        rows.append((row, values, linkedin_key, others))
    matcher = Matcher(owner, keys)
    organizations = dict(
        Organization.objects.owned_by(owner).values_list("normalized_name", "name")
    )
    new_organizations: dict[str, str] = {}
    touched: dict[int, Target] = {}  # id() of targets this file reached, in file order
    for index, (row, values, linkedin_key, others) in enumerate(rows, start=1):
        # The key is made from the name as stored, cut to the column's length.
        organization_name = row.organization.strip()[:200]
        org_key = normalize_org_name(organization_name) if organization_name else ""
        if org_key and org_key not in organizations and org_key not in new_organizations:
            new_organizations[org_key] = organization_name
        target = matcher.find(values, org_key, linkedin_key, others)
        if target is None:
            target = Target(
                values=values,
                organization_key=org_key,
                organization_name=row.organization,
                linkedin_key=linkedin_key,
                tags=list(row.tags),
                line=row.line,
                known=_main_keys(values) if others else set(),
            )
            _add_new(target, others)
            _own_choices(target, row)
            matcher.remember(target, linkedin_key)
        else:
            if id(target) in touched:
                summary.merged += 1  # the file names this person twice
            _fill(target, values, org_key, row, others)
            if target.existing_id is None:
                _own_choices(target, row)
            matcher.remember_addresses(target)
        touched[id(target)] = target
        if progress and index % 500 == 0:
            progress(500)
    if progress:
        progress(len(result.contacts) % 500)
    for name in result.organizations:  # a company's own card: the organization alone
        organization_name = name.strip()[:200]
        org_key = normalize_org_name(organization_name) if organization_name else ""
        if org_key and org_key not in organizations and org_key not in new_organizations:
            new_organizations[org_key] = organization_name
    targets = list(touched.values())
    _load_existing_tags(owner, [t for t in targets if t.existing_id and t.tags])
    for target in targets:
        if target.existing_id is None:
            summary.created += 1
        elif _has_change(target):
            summary.updated += 1
        else:
            summary.unchanged += 1
    summary.organizations_created = len(new_organizations)
    return ImportPlan(owner, source, targets, summary, new_organizations, result, state)


def _main_keys(values: dict) -> set[tuple[str, str]]:
    return {(kind, address_key(kind, values[kind])) for kind in (EMAIL, PHONE) if values[kind]}


def _add_new(target: Target, incoming: list[Address]) -> None:
    """Keep the addresses the person does not have yet."""
    for address in incoming:
        key = (address.kind, address.key)
        if key not in target.known:
            target.known.add(key)
            target.new_addresses.append(address)


def _fill(
    target: Target, values: dict, org_key: str, row: ParsedContact, others: list[Address]
) -> None:
    target.known |= _main_keys(target.values)
    incoming_mains = []
    for name, label in LABELS.items():
        incoming = values[name]
        if not incoming:
            continue
        key = (name, address_key(name, incoming))
        current = target.values[name]
        if current and key == (name, address_key(name, current)):
            # The same main address, perhaps written differently: only its label may be new.
            if values[label] and not target.values[label]:
                target.values[label] = values[label]
                if target.existing_id is not None:
                    target.changed.add(label)
        elif not current and key not in target.known:
            target.values[name] = incoming  # a main email or phone where there was none
            target.values[label] = values[label]
            target.known.add(key)
            if target.existing_id is not None:
                target.changed.update((name, label))
        else:
            incoming_mains.append(Address(name, incoming[:500], values[label]))
    _add_new(target, [*incoming_mains, *others])
    for name in FILLABLE:
        if name in LABELS:
            continue
        incoming = values[name]
        if incoming and not target.values[name]:
            target.values[name] = incoming
            if target.existing_id is not None:
                target.changed.add(name)
            elif name == "linkedin_url":
                target.linkedin_key = normalize_linkedin_url(incoming)
    if org_key and not target.organization_key:
        target.organization_key = org_key
        target.organization_name = row.organization
        if target.existing_id is not None:
            target.changed.add("organization")
    for tag in row.tags:
        if tag.casefold() not in {t.casefold() for t in target.tags}:
            target.tags.append(tag)


def _load_existing_tags(owner, targets: list[Target]) -> None:
    if not targets:
        return
    by_id = {t.existing_id: t for t in targets}
    through = Contact.tags.through.objects.filter(contact__owner=owner)
    for contact_id, name in through.values_list("contact_id", "tag__name"):
        if contact_id in by_id:
            by_id[contact_id].existing_tags.add(name.casefold())


def apply_plan(plan: ImportPlan) -> ImportSummary:
    """Write the plan: new organizations, new contacts, filled blanks, addresses and tags.

    Under the account's write lock: when the account changed since the plan was made (another
    import, run at the same time, committed first), the file is matched again against what is
    there now, so each person is written once however many imports race."""
    with without_collection_pauses(), transaction.atomic():
        lock_account(plan.owner)
        if plan.result is not None and account_state(plan.owner) != plan.state:
            plan = _plan(plan.owner, plan.result, plan.source, None)
            plan.summary.rematched = True
        return _apply(plan)


def account_state(owner) -> tuple:
    """What an import's matching depends on, in two aggregate queries: any contact,
    organization or address added, removed or edited changes it."""
    contacts = Contact.objects.filter(owner=owner).aggregate(
        n=Count("pk"), last=Max("pk"), edited=Max("updated_at")
    )
    organizations = Organization.objects.filter(owner=owner).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    return (*contacts.values(), *organizations.values(), address_count(owner))


def _apply(plan: ImportPlan) -> ImportSummary:
    owner = plan.owner
    new_targets = plan.new_targets
    now = timezone.now()
    with one_move_for_bulk_inserts(owner.pk, Organization, Contact):
        organization_ids = _create_organizations(owner, plan.new_organizations)
        new_ids = _insert_contacts(owner, plan.source, new_targets, organization_ids, now)
    for target, contact_id in zip(new_targets, new_ids, strict=True):
        target.existing_id = contact_id
    # Only existing contacts collect changed field names; new ones were created whole.
    changed = [t for t in plan.targets if t.changed]
    _update_existing(changed, organization_ids, now)
    tagged = [t for t in plan.targets if _new_tags(t)]
    _add_tags(owner, tagged)
    addressed = [t for t in plan.targets if t.new_addresses]
    add_addresses(owner, {t.existing_id: t.new_addresses for t in addressed})
    _link_referrers(owner, [t for t in new_targets if t.referred_by])
    _index_new_contacts(owner, new_targets, plan.new_organizations)
    new_ids = {t.existing_id for t in new_targets}
    touched = {t.existing_id for t in (*changed, *tagged, *addressed)}
    reindex(Contact, sorted(touched - new_ids))
    if len(new_targets) >= STATISTICS_AFTER:
        refresh_statistics()
    return plan.summary


# Column order of the raw insert; everything else takes the model field's default.
_INSERTED = (
    *FILLABLE,
    *LABELS.values(),
    "do_not_contact",
    "linkedin_key",
    "organization_id",
    "tier",
    "tier_inferred",
    "source",
    "owner_id",
)


def _insert_contacts(owner, source, targets, organization_ids, now) -> list[int]:
    """INSERT the new contacts with executemany: the ORM's per-object work would cost more
    than the database's for a 30,000-row file. Returns their ids in the order given."""
    if not targets:
        return []
    ops = connection.ops
    fields = {f.attname: f for f in Contact._meta.concrete_fields if not f.primary_key}
    defaults = {
        name: field.get_db_prep_save(field.get_default(), connection)
        for name, field in fields.items()
        if name not in _INSERTED and name not in ("created_at", "updated_at")
    }
    stamp = ops.adapt_datetimefield_value(now)
    columns = [*_INSERTED, "created_at", "updated_at", *defaults]
    fixed = [stamp, stamp, *defaults.values()]
    table = Contact._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {ops.quote_name(table)}")
        (before,) = cursor.fetchone()
    # Made as they are sent: PostgreSQL writes the first while the next are made.
    insert_rows(table, columns, _contact_rows(owner, source, targets, organization_ids, fixed))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {ops.quote_name(table)} WHERE owner_id = %s AND id > %s ORDER BY id",
            [owner.pk, before],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) != len(targets):
        # Another writer added contacts for this user meanwhile; start over rather than guess.
        raise ImportConflict("Another import for this account ran at the same time; try again.")
    return ids


def _contact_rows(owner, source, targets, organization_ids, fixed) -> Iterator[list]:
    """The new contacts' rows, in _INSERTED order followed by `fixed`."""
    ops = connection.ops
    email, connected_on = FILLABLE.index("email"), FILLABLE.index("connected_on")
    for target in targets:
        values = target.values
        row = [values[name] for name in FILLABLE]
        row[email] = values["email"].strip().lower()
        row[connected_on] = ops.adapt_datefield_value(values["connected_on"])
        row.extend(values[label] for label in LABELS.values())
        row.append(target.do_not_contact)
        row.append(target.linkedin_key)
        row.append(organization_ids.get(target.organization_key))
        # A seniority the file chose stays; otherwise inferred, as Contact.derive_fields would.
        tier = target.tier or infer_tier(values["title"])
        inferred = bool(tier) and not target.tier
        row.extend((tier, inferred, target.source or source, owner.pk, *fixed))
        yield row


class ImportConflict(RuntimeError):
    pass


def _index_new_contacts(owner, targets, new_organizations: dict[str, str]) -> None:
    """Search entries for the new contacts, written like the contacts themselves: each made
    as it is sent."""
    if not targets:
        return
    names = dict(Organization.objects.owned_by(owner).values_list("normalized_name", "name"))

    def entries() -> Iterator[Entry]:
        for target in targets:
            organization = names.get(target.organization_key, "")
            others = [a.value for a in target.new_addresses]
            title, body = contact_search_text(target.values, organization, target.tags, others)
            yield Entry.of(owner.pk, "contact", target.existing_id, title, body)

    index_new_rows(entries())


def _create_organizations(owner, new_organizations: dict[str, str]) -> dict[str, int]:
    """INSERT the new organizations as the contacts are inserted (for 2,000 of them the ORM's
    bulk_create costs several times the database's work), then their search entries."""
    if new_organizations:
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(timezone.now())
        written = ("owner_id", "name", "normalized_name", "created_at", "updated_at")
        defaults = {
            field.attname: field.get_db_prep_save(field.get_default(), connection)
            for field in Organization._meta.concrete_fields
            if not field.primary_key and field.attname not in written
        }
        rows = [
            [owner.pk, name, key, stamp, stamp, *defaults.values()]
            for key, name in new_organizations.items()
        ]
        insert_rows(Organization._meta.db_table, [*written, *defaults], rows)
    ids = dict(Organization.objects.owned_by(owner).values_list("normalized_name", "id"))
    # bulk writes send no signals: the search index learns of them here
    index_new_rows(
        entry_for(Organization(pk=ids[key], owner_id=owner.pk, name=name))
        for key, name in new_organizations.items()
    )
    return ids


def _update_existing(targets: list[Target], organization_ids: dict[str, int], now) -> None:
    if not targets:
        return
    contacts = []
    for target in targets:
        contact = Contact(
            pk=target.existing_id,
            tier=target.existing_tier,
            tier_inferred=target.existing_tier_inferred,
            **target.values,
        )
        contact.organization_id = (
            organization_ids.get(target.organization_key) or target.existing_organization_id
        )
        contact.derive_fields()  # a blank or inferred tier follows a title filled in
        contact.updated_at = now
        contacts.append(contact)
    fields = [
        *FILLABLE,
        *LABELS.values(),
        "organization",
        "linkedin_key",
        "tier",
        "tier_inferred",
        "updated_at",
    ]
    Contact.objects.bulk_update(contacts, fields, batch_size=200)


def _link_referrers(owner, targets: list[Target]) -> None:
    """Who referred each new person, by name, when exactly one of the owner's contacts has
    that name (coffeechat's own CSV writes the referrer's name)."""
    if not targets:
        return
    by_name: dict[str, list[int]] = {}
    people = Contact.objects.owned_by(owner).only("pk", "first_name", "last_name", "display_name")
    for person in people:
        by_name.setdefault(fold(person.name), []).append(person.pk)
    links = []
    for target in targets:
        found = by_name.get(fold(target.referred_by), [])
        if len(found) == 1 and found[0] != target.existing_id:
            links.append(Contact(pk=target.existing_id, referred_by_id=found[0]))
    Contact.objects.bulk_update(links, ["referred_by"], batch_size=500)


def _add_tags(owner, targets: list[Target]) -> None:
    if not targets:
        return
    tags = {tag.name.casefold(): tag for tag in Tag.objects.owned_by(owner)}
    missing = {}
    for target in targets:
        for name in _new_tags(target):
            clean = " ".join(name.split())[:60]
            if clean and clean.casefold() not in tags:
                missing.setdefault(clean.casefold(), Tag(owner=owner, name=clean))
    Tag.objects.bulk_create(list(missing.values()))
    tags.update({key: tag for key, tag in missing.items()})
    through = Contact.tags.through
    links = {
        (target.existing_id, tags[" ".join(name.split())[:60].casefold()].pk)
        for target in targets
        for name in _new_tags(target)
        if " ".join(name.split())
    }
    through.objects.bulk_create(
        [through(contact_id=c, tag_id=t) for c, t in links], ignore_conflicts=True
    )


def import_contacts(
    owner, result: ParseResult, source: str = "", dry_run: bool = False, progress=None
) -> ImportSummary:
    """Plan and, unless dry_run, apply: all or nothing."""
    plan = plan_import(owner, result, source=source, progress=progress)
    if dry_run:
        return plan.summary
    return apply_plan(plan)
