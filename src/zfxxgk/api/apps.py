from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zfxxgk.api"
    verbose_name = "数据接口"
