"""Staff pages of the annual report (mounted at /workspace/annual/, namespace "annual")."""
from .actions import correct, decide, dismiss, generate, import_figures, submit, upload_published
from .editor import report, save
from .listing import create, report_list

__all__ = ["correct", "create", "decide", "dismiss", "generate", "import_figures", "report", "report_list", "save",
           "submit", "upload_published"]
