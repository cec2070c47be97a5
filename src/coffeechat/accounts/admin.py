"""The accounts in the admin. On a shared server only accounts are shown (see admin_site):
their name, flags and dates; deleting one counts the rows that go with it, never names them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import router
from django.utils.text import capfirst

from coffeechat.accounts.models import LoginLink, SeekerProfile

SERVER_FIELDSETS = (
    (None, {"fields": ("username", "password")}),
    ("Status", {"fields": ("is_active", "is_staff", "is_superuser")}),
    ("Dates", {"fields": ("date_joined", "last_login")}),
)


class AccountAdmin(UserAdmin):
    """Django's user admin on a person's own computer; on a server, accounts without contents:
    no names or email addresses, and no list of the rows a deletion takes with it."""

    def get_fieldsets(self, request, obj=None):
        if settings.LOCAL_MODE or obj is None:
            return super().get_fieldsets(request, obj)
        return SERVER_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        if settings.LOCAL_MODE or obj is None:
            return super().get_readonly_fields(request, obj)
        return ("username", "date_joined", "last_login")

    def get_list_display(self, request):
        if settings.LOCAL_MODE:
            return super().get_list_display(request)
        return ("username", "is_active", "is_staff", "date_joined", "last_login")

    def get_list_filter(self, request):
        if settings.LOCAL_MODE:
            return super().get_list_filter(request)
        return ("is_active", "is_staff")

    def get_search_fields(self, request):
        if settings.LOCAL_MODE:
            return super().get_search_fields(request)
        return ("username",)

    def get_deleted_objects(self, objs, request):
        if settings.LOCAL_MODE:
            return super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model), origin=objs)
        collector.collect(objs)
        counts = {
            model._meta.verbose_name_plural: len(rows)
            for model, rows in collector.model_objs.items()
        }
        perms_needed = {
            model._meta.verbose_name
            for model in collector.model_objs
            if self.admin_site.is_registered(model)
            and not self.admin_site.get_model_admin(model).has_delete_permission(request)
        }
        protected = sorted({capfirst(row._meta.verbose_name_plural) for row in collector.protected})
        accounts = [f"{capfirst(self.opts.verbose_name)}: {obj}" for obj in objs]
        return accounts, counts, perms_needed, protected


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)


@admin.register(LoginLink)
class LoginLinkAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "expires_at", "used_at")
    readonly_fields = ("user", "token_hash", "created_at", "expires_at", "used_at")


admin.site.register(SeekerProfile)
