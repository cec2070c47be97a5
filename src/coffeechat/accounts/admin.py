from django.contrib import admin

from coffeechat.accounts.models import CoachShare, LoginLink, SeekerProfile


@admin.register(LoginLink)
class LoginLinkAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "expires_at", "used_at")
    readonly_fields = ("user", "token_hash", "created_at", "expires_at", "used_at")


admin.site.register(CoachShare)
admin.site.register(SeekerProfile)
