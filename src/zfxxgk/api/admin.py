from django.contrib import admin, messages
from django.template.response import TemplateResponse

from .models import ApiToken, hash_key, new_key


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked", "agency")
    search_fields = ("name", "agency__name", "agency__code")
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("agency", "name")
        return ("agency", "name", "key_hash", "created_at", "last_used_at", "revoked")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # A token never changes agency or key: issue a new one instead.
        return ("agency", "key_hash", "created_at", "last_used_at")

    def save_model(self, request, obj, form, change):
        if not change:
            raw = new_key()
            obj.key_hash = hash_key(raw)
            obj._raw_token = raw  # shown once by response_add, never stored
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        raw = getattr(obj, "_raw_token", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "token": obj, "raw": raw, "title": "接口令牌已创建",
        }
        response = TemplateResponse(request, "admin/api/apitoken/token_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="停用所选令牌")
    def revoke(self, request, queryset):
        n = queryset.filter(revoked=False).update(revoked=True)
        self.message_user(request, f"已停用 {n} 个令牌。", messages.SUCCESS)
