"""Annual reports (政府信息公开工作年度报告): model, readers, checker, writers. No Django."""
from .errors import MissingExtraError, ReportError, ReportLimitError, ReportReadError
from .model import Cell, ReportDocument

__all__ = ["Cell", "MissingExtraError", "ReportDocument", "ReportError", "ReportLimitError", "ReportReadError"]
