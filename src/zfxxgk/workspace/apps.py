from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "zfxxgk.workspace"
    verbose_name = "工作台"
