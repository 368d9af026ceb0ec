from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "zfxxgk.site"
    label = "zfxxgk_site"
    verbose_name = "平台"
