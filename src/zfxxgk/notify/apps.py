from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "zfxxgk.notify"
    label = "notify"
    verbose_name = "通知（邮件、短信）"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the case events
