"""Emailed invitations are sent in the background by `coffeechat worker`: the admin's page
answers at once however many addresses it named, and a slow mail server slows nobody.

The task makes the invitation's token itself, just before sending it, and keeps only its
hash: the queue holds an invitation's id and the site's address, never a usable link.
Sending again (the admin's "Send again") makes a new token, which cancels the emailed one.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from coffeechat.center import invitations
from coffeechat.center.models import Invitation, Role
from coffeechat.center.notifications import SIGN_OFF
from coffeechat.lib.zones import format_day

SUBJECT = "Your invitation to coffeechat"
WHAT_YOU_DO = {
    Role.SEEKER: "coffeechat helps you run informational interviews: short conversations with "
    "people who work where you are curious, from finding them to thanking them. Your notes "
    "stay private unless you choose to share them with a coach.",
    Role.COACH: "As a coach, you see what the seekers of your cohorts choose to share with "
    "you, and nothing else.",
    Role.VOLUNTEER: "As an alumni volunteer, the center's seekers may ask you for a short "
    "conversation about your work. The center approves volunteers before they are listed.",
}


def queue(invitation: Invitation, site: str) -> None:
    """Send it once the transaction that made it commits (a rolled-back one sends nothing)."""
    transaction.on_commit(lambda: email_invitation.enqueue(invitation.pk, site))


@task()
def email_invitation(invitation_id: int, site: str) -> bool:
    """Email the invitation with a new link; False when there is nothing to send any more
    (it was revoked, used or expired before the worker got to it)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.email:
            return False
        if invitations.state_of(invitation) != invitations.USABLE:
            return False
        token = invitations.new_token(invitation)
        link = site.rstrip("/") + reverse("center:join", kwargs={"token": token})
        send_mail(SUBJECT, body(invitation, link), None, [invitation.email])
    return True


def body(invitation: Invitation, link: str) -> str:
    until = format_day(timezone.localdate(invitation.expires_at))
    return (
        f"Hello,\n\n"
        f"The career center invites you to its coffeechat, as {invitations.describe(invitation)}. "
        f"{WHAT_YOU_DO[invitation.role]}\n\n"
        f"To accept, open this link. It works once, until {until}:\n\n"
        f"{link}\n\n"
        "If you did not expect this email, ignore it: nothing happens unless the link is "
        f"opened.\n\n{SIGN_OFF}\n"
    )
