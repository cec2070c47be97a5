"""One admin registration shape for every owned model: owner shown, filterable, read-only."""

from django.contrib import admin


class OwnedAdmin(admin.ModelAdmin):
    list_select_related = ("owner",)
    readonly_fields = ("owner", "created_at", "updated_at")
    list_filter = ("owner",)

    def get_list_display(self, request):
        return ("__str__", "owner", "updated_at")


def register_owned(*models) -> None:
    for model in models:
        admin.site.register(model, OwnedAdmin)
