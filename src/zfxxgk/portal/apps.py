from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zfxxgk.portal"
    verbose_name = "公众门户"
