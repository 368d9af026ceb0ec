from django.contrib import admin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "is_government")
    search_fields = ("name", "code")
    list_filter = ("is_government",)
