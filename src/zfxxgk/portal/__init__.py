"""The public portal: apply online, look up a case, read an agency's 政府信息公开指南 (no login)."""
