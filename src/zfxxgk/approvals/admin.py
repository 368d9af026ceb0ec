from django.contrib import admin

from .models import Approval, Decision


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    readonly_fields = ("step", "role", "user", "verdict", "comment", "at")

    def has_add_permission(self, request, obj=None):  # the history is written by services only
        return False


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "agency", "state", "step", "submitted_by", "submitted_at", "decided_at")
    list_filter = ("kind", "state", "agency")
    search_fields = ("title",)
    readonly_fields = ("kind", "agency", "content_type", "object_id", "title", "steps", "step", "state",
                       "submitted_by", "submitted_at", "decided_at")
    inlines = [DecisionInline]

    def has_add_permission(self, request):
        return False
