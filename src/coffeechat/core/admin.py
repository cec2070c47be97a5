"""One admin registration shape for every owned model: owner shown, filterable, view only.

Editing happens in the app, where every choice is limited to the owner's own rows."""

from django.contrib import admin


class OwnedAdmin(admin.ModelAdmin):
    list_select_related = ("owner",)
    readonly_fields = ("owner", "created_at", "updated_at")
    list_filter = ("owner",)

    def get_list_display(self, request):
        return ("__str__", "owner", "updated_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def register_owned(*models) -> None:
    for model in models:
        admin.site.register(model, OwnedAdmin)
