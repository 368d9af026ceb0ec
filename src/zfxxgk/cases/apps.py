from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zfxxgk.cases"
    verbose_name = "依申请公开"
