"""The administrator's view: the catalogue tree per agency, publishing settings, sensitive words,
the registry. Publications themselves change only through the services (review, publish, withdraw)."""
from django.contrib import admin

from .models import Column, NormativeDocument, Policy, Publication, SensitiveWord


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "parent", "kind", "position", "stale_days")
    list_filter = ("agency", "kind")
    search_fields = ("name", "code")
    list_select_related = ("agency", "parent")


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("agency", "index_pattern", "late_workdays")


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ("word", "agency", "note")
    search_fields = ("word",)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "doc_number", "agency", "kind", "issued_on", "repealed_on", "expires_on")
    list_filter = ("agency", "kind")
    search_fields = ("title", "doc_number")


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read-only: state changes go through zfxxgk.publishing.services (review chain, scan, index)."""

    list_display = ("title", "agency", "column", "state", "version", "published_on")
    list_filter = ("agency", "state")
    search_fields = ("title", "doc_number", "index_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
