"""The admin's application, apart from the accounts app so that starting the accounts app does
not import the admin (the commands run without it: coffeechat.settings_for_commands)."""

from django.contrib.admin.apps import AdminConfig


class CoffeechatAdminConfig(AdminConfig):
    """django.contrib.admin with coffeechat's site, which on a server shows accounts only;
    named in INSTALLED_APPS instead of "django.contrib.admin"."""

    default_site = "coffeechat.accounts.admin_site.CoffeechatAdminSite"
