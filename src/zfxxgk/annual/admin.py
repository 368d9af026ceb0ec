"""Back office: the section templates are edited here; reports are only read (their figures and
findings change through the workspace, which checks and records every change)."""
from django.contrib import admin

from .models import AnnualReport, Dismissal, NarrativeTemplate, Version
from .narrative import PLACEHOLDERS


class ReadOnlyInline(admin.TabularInline):
    """Rows the workspace writes (with its checks and audit log): shown, never added or deleted here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class DismissalInline(ReadOnlyInline):
    model = Dismissal
    fields = ("rule", "message", "reason", "user", "at")


class VersionInline(ReadOnlyInline):
    model = Version
    fields = ("number", "origin", "published_on", "published_by", "reason")


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "state", "errors", "warnings", "checked_at", "updated_at")
    list_filter = ("year", "state")
    search_fields = ("agency__name",)
    inlines = [DismissalInline, VersionInline]
    readonly_fields = ("agency", "year", "state", "sections", "generated", "figures", "findings", "errors", "warnings",
                       "checked_at", "generated_at", "updated_at", "updated_by", "correcting", "correction_reason")

    def has_add_permission(self, request):
        return False  # a report is created by the workspace (生成草稿) for an agency and year

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NarrativeTemplate)
class NarrativeTemplateAdmin(admin.ModelAdmin):
    list_display = ("section", "agency", "updated_at")
    list_filter = ("section",)
    search_fields = ("agency__name", "text")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        listed = "；".join(f"{{{name}}} {meaning}" for name, meaning in PLACEHOLDERS.items())
        form.base_fields["text"].help_text = f"生成草稿时替换的占位符：{listed}。最近一级机关的模板优先，其次为适用全部机关的模板，再次为内置文字。"
        return form
