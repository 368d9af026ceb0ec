from django.contrib import admin

from .models import Agency, Membership, OfficeSettings


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "is_government")
    search_fields = ("name", "code")
    list_filter = ("is_government",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")
    search_fields = ("user__username", "agency__name")


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(admin.ModelAdmin):
    list_display = ("agency", "notice_number_pattern", "reconsideration_body", "court", "updated_at")
    search_fields = ("agency__name",)
    readonly_fields = ("updated_at", "updated_by")
