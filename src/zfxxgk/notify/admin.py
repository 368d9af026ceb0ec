from django.contrib import admin, messages

from . import services
from .models import Message, MessageState


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The record of what was sent; read-only but for sending a failed message again."""

    list_display = ("pk", "kind", "channel", "audience", "masked_recipient", "agency", "application", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state", "channel", "audience", "kind")
    search_fields = ("application__number", "subject")
    fields = ("kind", "channel", "audience", "masked_recipient", "agency", "application", "user", "subject", "body",
              "state", "attempts", "last_error", "next_attempt_at", "created_at", "sent_at")
    readonly_fields = fields
    actions = ["send_again"]

    @admin.display(description="接收地址")
    def masked_recipient(self, obj: Message) -> str:
        return obj.masked_recipient

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    @admin.action(description="重新发送所选的发送失败的通知")
    def send_again(self, request, queryset):
        failed = list(queryset.filter(state=MessageState.FAILED))
        for msg in failed:
            services.resend(msg)
        self.message_user(request, f"已重新排队发送 {len(failed)} 条通知。", messages.SUCCESS)
