"""The product's settings for the commands that only read and write seekers' own rows
(`coffeechat today`, `coffeechat import`): every app but those such a command never touches,
so Django starts without importing them (0.1–0.2 s of a command that takes 0.6 s).

Left out: the admin, signing in (allauth, axes) and sessions, messages, static files, the
page helpers and the task queue. Never for `serve`, the worker, `migrate` by itself or
anything that deletes an account: a cascade of deletes needs every app's tables. The
database is the same; a command brings only these apps' tables up to date, and `serve`
the rest."""

from __future__ import annotations

from coffeechat.settings import *  # noqa: F403
from coffeechat.settings import INSTALLED_APPS as EVERY_APP

NOT_FOR_COMMANDS = frozenset(
    {
        "coffeechat.accounts.apps.CoffeechatAdminConfig",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "django_htmx",
        "template_partials",
        "axes",
        "django_tasks",
        "django_tasks_db",
        "allauth",
        "allauth.account",
        "allauth.socialaccount",
        "allauth.socialaccount.providers.openid_connect",
        "allauth.socialaccount.providers.saml",
    }
)
INSTALLED_APPS = [app for app in EVERY_APP if app not in NOT_FOR_COMMANDS]
