"""Who takes part in the center, and as what: issuing invitations (one shared link, or one
per emailed address), finding one from its token and using it; and the admin's changes to a
person's part (a role, a seeker's cohort, a coach's cohorts, a volunteer approved or refused).
Pages and `coffeechat center-admin` call these; none sets a membership's fields itself.

Using an invitation is one transaction: its use is claimed with a conditional UPDATE
(`uses < max_uses`, not revoked, not expired), so two people joining at the same moment
through the last place cannot both get in; the loser's transaction changes nothing. The
account made on the way (a visitor signing up) and the membership commit with the claim, or
none of them does.

What an invitation may change: a plain seeker (no membership, or a seeker's) may become what
it invites; someone who already plays another part (a coach, a volunteer, an admin) is
refused, since a link must never demote an admin or a coach — the admin changes parts on the
person's page. An invitation that changes nothing ("you are already in this cohort") is not
used up.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coffeechat.accounts.models import hash_token
from coffeechat.center.models import Cohort, Invitation, Membership, Role
from coffeechat.core.locks import lock_account

# Admins are made on the person's page or with `coffeechat center-admin`, never by a link.
INVITABLE = (Role.SEEKER, Role.COACH, Role.VOLUNTEER)
MAX_LINK_USES = 200
MAX_EMAILS = 200
# Tokens are 32 characters (24 random bytes); anything much longer is no token of ours.
_LONGEST_TOKEN = 64

A_ROLE = {
    Role.SEEKER: "a seeker",
    Role.COACH: "a coach",
    Role.VOLUNTEER: "an alumni volunteer",
    Role.ADMIN: "a center admin",
}

USABLE, REVOKED, EXPIRED, USED_UP = "usable", "revoked", "expired", "used up"
WHY_UNUSABLE = {
    REVOKED: "The center withdrew this invitation.",
    EXPIRED: "This invitation has expired.",
    USED_UP: "This invitation has been used as many times as it allows.",
}


class Unusable(Exception):
    """The invitation can no longer be used; `state` says why (a key of WHY_UNUSABLE)."""

    def __init__(self, state: str) -> None:
        super().__init__(WHY_UNUSABLE[state])
        self.state = state


class Refused(Exception):
    """This person cannot use this invitation; the message says why, in one sentence."""


@dataclass(frozen=True)
class Outcome:
    membership: Membership
    changed: bool  # False: the person already had what the invitation gives; no use was taken


# --- issuing --------------------------------------------------------------------------------


def issue_link(admin, role: str, cohort: Cohort | None, max_uses: int) -> tuple[Invitation, str]:
    """A link to share (by the center's own channels); the token is returned once."""
    return Invitation.issue(role=role, cohort=cohort, max_uses=max_uses, created_by=admin)


def issue_emails(admin, role: str, cohort: Cohort | None, addresses: list[str]) -> list:
    """One single-use invitation per address. The token made here is never shown to anyone:
    the emailing task replaces it with the one it sends (coffeechat.center.invitation_tasks),
    so no usable token waits in the task queue."""
    return [
        Invitation.issue(role=role, cohort=cohort, email=address, max_uses=1, created_by=admin)[0]
        for address in addresses
    ]


def new_token(invitation: Invitation) -> str:
    """Give the invitation a fresh token, which replaces (and so cancels) the one before."""
    token = secrets.token_urlsafe(24)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(token))
    invitation.token_hash = hash_token(token)
    return token


def revoke(invitation: Invitation) -> bool:
    """Withdraw it at once; False when it already was."""
    now = timezone.now()
    revoked = Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    if revoked:
        invitation.revoked_at = now
    return bool(revoked)


# --- reading --------------------------------------------------------------------------------


def find(token: str) -> Invitation | None:
    if not token or len(token) > _LONGEST_TOKEN:
        return None
    return Invitation.objects.select_related("cohort").filter(token_hash=hash_token(token)).first()


def state_of(invitation: Invitation) -> str:
    if invitation.revoked_at is not None:
        return REVOKED
    if invitation.uses >= invitation.max_uses:
        return USED_UP
    if invitation.expires_at <= timezone.now():
        return EXPIRED
    return USABLE


def describe(invitation: Invitation) -> str:
    """What joining makes of you: "a seeker in Economics 2027", "a coach"."""
    role = A_ROLE[invitation.role]
    if invitation.cohort is None:
        return role
    if invitation.role == Role.COACH:
        return f"{role} of {invitation.cohort.name}"
    return f"{role} in {invitation.cohort.name}"


def refusal(membership: Membership | None, invitation: Invitation) -> str | None:
    """Why the holder of this membership may not use the invitation, or None."""
    current = membership.role if membership is not None else Role.SEEKER
    if current in (Role.SEEKER, invitation.role):
        return None
    return (
        f"You already take part here as {A_ROLE[current]}; an invitation cannot "
        "change that. Ask the center's admin if your part should change."
    )


def already_has(membership: Membership | None, invitation: Invitation) -> bool:
    """True when using the invitation would change nothing for this person."""
    if membership is None or membership.role != invitation.role:
        return False
    if invitation.role == Role.SEEKER:
        return membership.cohort_id == invitation.cohort_id
    if invitation.role == Role.COACH and invitation.cohort_id is not None:
        return invitation.cohort.coaches.filter(pk=membership.user_id).exists()
    return True


# --- using ----------------------------------------------------------------------------------


def join(user, invitation: Invitation) -> Outcome:
    """A signed-in person uses the invitation. Their own data stays as it is.

    Raises Refused (their part cannot change this way) or Unusable (it ran out meanwhile)."""
    with transaction.atomic():
        lock_account(user)  # a double click joins once
        membership = Membership.objects.filter(user=user).select_related("cohort").first()
        sentence = refusal(membership, invitation)
        if sentence:
            raise Refused(sentence)
        if already_has(membership, invitation):
            return Outcome(membership, changed=False)
        claim(invitation)
        return Outcome(_apply(user, invitation), changed=True)


def sign_up(form, invitation: Invitation):
    """A visitor makes an account through the invitation: the account, its place and the
    claimed use commit together. Raises Unusable, or IntegrityError for a name taken a moment
    ago (the caller says so on the form, as the sign-up page does)."""
    with transaction.atomic():
        claim(invitation)
        user = form.save()
        _apply(user, invitation)
    return user


def claim(invitation: Invitation) -> None:
    """Take one use, if one is left: the row's lock makes a second claim wait for the first
    to commit and then find `uses` at the limit."""
    claimed = Invitation.objects.filter(
        pk=invitation.pk,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        uses__lt=F("max_uses"),
    ).update(uses=F("uses") + 1)
    invitation.refresh_from_db(fields=["uses", "revoked_at", "expires_at"])
    if not claimed:
        raise Unusable(state_of(invitation) if state_of(invitation) != USABLE else USED_UP)


def _apply(user, invitation: Invitation) -> Membership:
    fields = {"role": invitation.role, "cohort": None, "approved_at": None}
    if invitation.role == Role.SEEKER:
        fields["cohort"] = invitation.cohort
    membership, _ = Membership.objects.update_or_create(user=user, defaults=fields)
    if invitation.role == Role.COACH and invitation.cohort is not None:
        invitation.cohort.coaches.add(user)
    user.__dict__.pop("_center_membership", None)  # access.membership_of's cache
    return membership


# --- a person's part, as the admin (or `coffeechat center-admin`) changes it ----------------


def set_role(user, role: str) -> Membership:
    """Give the account this part. Only seekers belong to a cohort; only coaches look after
    cohorts; a volunteer the admin names is approved by that choice. The last admin cannot
    step down (the center would have nobody to run it)."""
    with transaction.atomic():
        lock_account(user)
        membership = Membership.objects.filter(user=user).first()
        if (
            membership is not None
            and membership.role == Role.ADMIN
            and role != Role.ADMIN
            and not _other_admins(user)
        ):
            raise Refused("This is the center's only admin; make someone else admin first.")
        fields: dict = {"role": role, "approved_at": None}
        if role != Role.SEEKER:
            fields["cohort"] = None
        if role == Role.VOLUNTEER:
            fields["approved_at"] = (membership and membership.approved_at) or timezone.now()
        if role != Role.COACH:
            user.coached_cohorts.clear()
        membership, _ = Membership.objects.update_or_create(user=user, defaults=fields)
    user.__dict__.pop("_center_membership", None)
    return membership


def _other_admins(user) -> bool:
    return (
        Membership.objects.filter(role=Role.ADMIN, user__is_active=True).exclude(user=user).exists()
    )


def move(membership: Membership, cohort: Cohort | None) -> None:
    """Put a seeker in another cohort (or none): the old cohort's coaches stop seeing what
    the seeker shares at once, the new one's see it once the seeker shares with them."""
    if membership.role != Role.SEEKER:
        raise Refused("Only seekers belong to a cohort; change the part first.")
    membership.cohort = cohort
    membership.save(update_fields=["cohort"])


def set_coaching(coach, cohorts) -> None:
    coach.coached_cohorts.set(cohorts)


def approve(membership: Membership) -> bool:
    """A pending volunteer becomes one: listed for seekers once their profile is there."""
    now = timezone.now()
    approved = Membership.objects.filter(
        pk=membership.pk, role=Role.VOLUNTEER, approved_at__isnull=True
    ).update(approved_at=now)
    membership.approved_at = now if approved else membership.approved_at
    return bool(approved)


def refuse(membership: Membership) -> bool:
    """A pending volunteer is not taken: their volunteer place goes and they are a plain
    seeker of no cohort, with their account and everything in it as it was."""
    deleted, _ = Membership.objects.filter(
        pk=membership.pk, role=Role.VOLUNTEER, approved_at__isnull=True
    ).delete()
    return bool(deleted)
