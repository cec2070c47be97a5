"""A daily email of each person's Today list, for cron: `coffeechat manage send_digest`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from coffeechat.today.items import today_groups


class Command(BaseCommand):
    help = "Email every account with an address its Today list (needs SMTP settings)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print instead of sending.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if not settings.EMAIL_HOST and not dry_run:
            raise CommandError("Set COFFEECHAT_SMTP_HOST to send the digest by email.")
        sent = 0
        for user in get_user_model().objects.filter(is_active=True).exclude(email=""):
            groups = today_groups(user)
            if not groups:
                continue
            parts = [
                group.title + "\n" + "\n".join(f"- {i.title}: {i.detail}" for i in group.items)
                for group in groups
            ]
            body = "Your day in coffeechat:\n\n" + "\n\n".join(parts) + "\n"
            if dry_run:
                self.stdout.write(f"To {user.email}:\n{body}")
            else:
                send_mail("Your coffeechat day", body, None, [user.email])
            sent += 1
        self.stdout.write(
            f"{sent} digest{'' if sent == 1 else 's'} {'shown' if dry_run else 'sent'}."
        )
