"""Staff pages of 主动公开 (/workspace/publishing/): the list, 新建, a publication's page and its acts."""
from .actions import allow_hit, correct, decide, edit, publish, recall, remove_attachment, rescan, submit, upload, withdraw
from .detail import attachment, detail
from .listing import create, publication_list

__all__ = ["allow_hit", "attachment", "correct", "create", "decide", "detail", "edit", "publication_list", "publish",
           "recall", "remove_attachment", "rescan", "submit", "upload", "withdraw"]
