from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "zfxxgk.oversight"
    verbose_name = "监督检查"
