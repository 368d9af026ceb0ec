from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "zfxxgk.site"
    label = "zfxxgk_site"
    verbose_name = "平台"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
