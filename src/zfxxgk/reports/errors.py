"""Errors the report core raises: a Chinese message for users, an English detail for logs."""
from __future__ import annotations


class ReportError(Exception):
    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message  # Chinese, shown to users
        self.detail = detail  # English, for logs

    def __str__(self) -> str:
        return self.message


class ReportReadError(ReportError):
    """The input cannot be read as an annual report (empty, garbage, no table 三 …)."""


class MissingExtraError(ReportError):
    """An optional feature needs an extra that is not installed (OCR, PDF output)."""

    def __init__(self, feature: str, extra: str, detail: str = ""):
        super().__init__(f"{feature}需要安装可选组件：pip install 'zfxxgk[{extra}]'", detail or f"missing extra {extra}")
        self.extra = extra


class ReportLimitError(ReportReadError):
    """The input exceeds a cap of :mod:`.limits` (a zip bomb, a 2,000-page PDF …); ``limit`` names
    the environment variable that raises it."""

    def __init__(self, message: str, detail: str = "", limit: str = ""):
        super().__init__(message, detail)
        self.limit = limit
