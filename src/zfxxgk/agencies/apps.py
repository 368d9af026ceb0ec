from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "zfxxgk.agencies"
    verbose_name = "行政机关"
