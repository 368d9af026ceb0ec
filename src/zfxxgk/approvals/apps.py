from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "zfxxgk.approvals"
    verbose_name = "审核审批"
