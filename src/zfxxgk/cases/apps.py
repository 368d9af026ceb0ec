from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zfxxgk.cases"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .notices import issue  # noqa: F401  (issues a notice when its event is recorded)
