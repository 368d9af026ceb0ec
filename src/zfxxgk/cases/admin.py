"""Back office for system administrators: agencies, holiday schedules, and a read view of cases.

Case actions go through services (the staff workspace); the admin never edits events.
"""
from django.contrib import admin

from .models import Appeal, Application, Event, Notice, NoticeDelivery, ScheduleDay


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    fields = ("on", "kind", "actor", "reason", "data", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AppealInline(admin.TabularInline):
    model = Appeal
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "agency", "applicant_name", "applicant_kind", "received_on", "state", "due_on", "outcome")
    list_filter = ("agency", "state", "applicant_kind", "channel", "year")
    search_fields = ("number", "applicant_name", "description")
    date_hierarchy = "received_on"
    inlines = [EventInline, AppealInline]
    # Cached fields are derived from the events; identity fields are fixed at registration. The applicant's
    # details, the request and the 承办人 change only in the workspace, as events with who and why
    # (cases/corrections.py): an edit here would leave no trace in the history.
    readonly_fields = ("agency", "year", "seq", "number", "query_code", "state", "due_on", "due_provisional", "outcome", "closed_on", "received_on", "created_at", "created_by",
                       "applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email", "address",
                       "channel", "submitted_on", "signed_on", "description", "document_number", "requested_form", "delivery", "assignee")

    def has_add_permission(self, request):
        return False  # registration assigns the number: use the workspace or the API

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduleDay)
class ScheduleDayAdmin(admin.ModelAdmin):
    list_display = ("day", "is_workday", "name")
    list_filter = ("is_workday",)
    date_hierarchy = "day"


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")


class NoticeDeliveryInline(admin.TabularInline):
    model = NoticeDelivery
    extra = 0
    can_delete = False
    fields = ("method", "delivered_on", "tracking_number", "note", "recorded_by", "recorded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Issued notices are evidence: read only here; they are issued with their events and their
    delivery is recorded on the workspace's case page."""

    list_display = ("number", "kind", "application", "addressee", "issued_on", "issued_by")
    list_filter = ("kind", "agency", "year")
    search_fields = ("number", "application__number", "addressee")
    inlines = [NoticeDeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
