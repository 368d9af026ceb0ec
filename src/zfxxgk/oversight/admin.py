from django.contrib import admin

from .models import AuditBatch, AuditedReport, FindingReview


class AuditedReportInline(admin.TabularInline):
    model = AuditedReport
    fields = ("filename", "read_ok", "error", "agency_name", "agency", "year", "errors", "warnings")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(AuditBatch)
class AuditBatchAdmin(admin.ModelAdmin):
    list_display = ("pk", "county", "year", "state", "done", "total", "created_by", "created_at")
    list_filter = ("state", "year", "county")
    readonly_fields = ("task_id", "created_at", "finished_at")
    inlines = [AuditedReportInline]


@admin.register(AuditedReport)
class AuditedReportAdmin(admin.ModelAdmin):
    list_display = ("filename", "batch", "agency_name", "agency", "year", "read_ok", "errors", "warnings")
    list_filter = ("read_ok", "year")
    search_fields = ("filename", "agency_name")
    exclude = ("content",)  # the uploaded bytes: not an editable field
    readonly_fields = ("batch", "filename", "read_ok", "error", "document", "findings", "errors", "warnings")


@admin.register(FindingReview)
class FindingReviewAdmin(admin.ModelAdmin):
    list_display = ("report", "key", "verdict", "user", "at")
    list_filter = ("verdict",)
