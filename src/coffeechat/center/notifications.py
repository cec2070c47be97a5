"""Email to the people of a career center, sent by the background worker (`coffeechat
worker`): a page never waits for the mail server, and a mail server that is down undoes
nothing a person did.

    notifications.queue_email(user, "Subject", "Body")

Whoever writes an email writes only what its recipient may see in the app. The address is
read when the email is sent, so an address changed meanwhile is the one used; an account
closed meanwhile gets nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

MAX_SUBJECT = 150
SIGN_OFF = "— coffeechat, for your career center"


def queue_email(user, subject: str, body: str) -> None:
    """Send `user` an email once the current transaction commits: nothing is sent for a
    change that was rolled back."""
    subject = one_line(subject)[:MAX_SUBJECT]
    body = f"{body.rstrip()}\n\n{SIGN_OFF}\n"
    user_id = user.pk
    transaction.on_commit(lambda: send_email.enqueue(user_id, subject, body))


@task()
def send_email(user_id: int, subject: str, body: str) -> bool:
    """What the worker runs: the email to the account's address, if it still has one."""
    user = (
        get_user_model()
        .objects.filter(pk=user_id, is_active=True)
        .select_related("seeker_profile", "volunteer_profile")
        .first()
    )
    address = address_of(user) if user is not None else ""
    if not address:
        return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True


def address_of(user) -> str:
    """Where email to an account goes: the account's address, else the one in its profile
    (a seeker's, then a volunteer's)."""
    if user.email:
        return user.email
    for related in ("seeker_profile", "volunteer_profile"):
        profile = getattr(user, related, None)
        if profile is not None and profile.email:
            return profile.email
    return ""


def page_address(path: str) -> str:
    """A page's full address for an email: the server's first host name (the one
    COFFEECHAT_ALLOWED_HOSTS names first), or the path alone when there is none."""
    hosts = [host for host in settings.ALLOWED_HOSTS if host and host[0] not in ".*["]
    if not hosts:
        return path
    scheme = "https" if getattr(settings, "SESSION_COOKIE_SECURE", False) else "http"
    return f"{scheme}://{hosts[0]}{path}"


def one_line(text: str) -> str:
    """Text for a header: no line breaks (an email header cannot hold one), single spaces."""
    return " ".join(text.split())
