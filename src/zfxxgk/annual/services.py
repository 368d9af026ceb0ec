"""Every action on an annual report, called alike by the workspace pages, the API and the CLI.

CONTRACT (the skeleton: helpers implement the bodies; signatures are shared by views, API, CLI,
oversight). All functions raise :class:`AnnualError` subclasses with a Chinese message for users.

    report = get(agency, year)                      # the row (state 未开始 when new; created on demand)
    changes = generate(report, user)                # 生成草稿: tables 三/四 from cases, sections from templates
    findings = save(report, user, sections={...}, figures={"active.licensing": 12, ...})
    findings = recheck(report)                      # run the checker again (previous year, siblings)
    dismiss(report, user, key, reason)              # a warning answered with a written reason
    findings = import_figures(report, user, name, data)  # figures from an XLSX (report layout) or CSV (path,value)
    approval = submit(report, user)                 # office head (may_submit); blocked by any error finding
    # the leader decides through zfxxgk.approvals.services.decide(approval, user, approve, comment);
    # on approval the report is published: publish(report, user) -> Version
    start_correction(report, user, reason)          # after publishing: back to editing, reason kept
    version = upload_published(agency, year, name, data, user)  # last year's published file, read back
    doc = document(report)                          # the report as a ReportDocument (spec §6)
    doc = previous_document(report)                 # last year's published (or uploaded) document, or None
"""
from __future__ import annotations

from .errors import AnnualError, AnnualForbidden, AnnualInvalid, AnnualStateError  # noqa: F401
from .draft import dismiss, document, generate, get, import_figures, previous_document, recheck, save  # noqa: F401
from .signoff import may_submit, publish, start_correction, submit, upload_published  # noqa: F401
