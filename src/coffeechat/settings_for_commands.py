"""The product's settings for the commands that only read and write seekers' own rows
(`coffeechat today`, `coffeechat import`): every app but those such a command never touches,
so Django starts without importing them (0.1–0.2 s of a command that takes 0.6 s).

Left out: the admin, signing in (allauth, axes) and sessions, messages, static files, the
page helpers and the task queue, and any app added later that is not coffeechat's. Never for
`serve`, the worker, `migrate` by itself or anything that deletes an account: a cascade of
deletes needs every app's tables. The database is the same; a command brings only these
apps' tables up to date, and `serve` the rest."""

from __future__ import annotations

from coffeechat.settings import *  # noqa: F403
from coffeechat.settings import INSTALLED_APPS as EVERY_APP

# Django's users and their content types, and every coffeechat app but the admin's site (named
# by its AppConfig class): nothing else is started.
FROM_DJANGO = ("django.contrib.auth", "django.contrib.contenttypes")
ADMIN_SITE = "coffeechat.accounts.admin_apps.CoffeechatAdminConfig"
INSTALLED_APPS = [
    app
    for app in EVERY_APP
    if app in FROM_DJANGO or (app.startswith("coffeechat.") and app != ADMIN_SITE)
]
