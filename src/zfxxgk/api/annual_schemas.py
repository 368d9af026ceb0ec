"""Schemas of the annual-report routes (:mod:`.annual`): what the OpenAPI document shows.

The report itself travels as the spec §6 JSON of the report core (``ReportDocument.to_dict()``:
``format``, ``agency``, ``year``, ``published_on``, ``title``, ``sections`` and the nested cells
such as ``requests.granted.total``), so its schema is an object whose keys the spec defines.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Field, Schema


class AgencyRef(Schema):
    code: str = Field(description="机关编号代码")
    name: str = Field(description="机关名称")


class FindingsSummary(Schema):
    errors: int = Field(description="错误（阻止提交）")
    warnings: int = Field(description="未说明的警告")
    dismissed: int = Field(description="已书面说明的警告")
    rules: list[str] = Field(description="涉及的规则编号，如 T3-BAL、W-CLONE")


class VersionRef(Schema):
    number: int = Field(description="版本号（1 为首次发布，之后每次更正加 1）")
    published_on: date = Field(description="发布日期")
    reason: str = Field(description="更正原因（首次发布为空）")
    origin: str = Field(description="platform：本平台生成；upload：上传的已发布文件")


class AnnualReportOut(Schema):
    agency: AgencyRef
    year: int = Field(description="报告年度")
    state: str = Field(description="not_started / draft / pending / published / corrected")
    state_label: str = Field(description="状态：未开始、草稿、待审核、已发布、已更正")
    draft: bool = Field(description="true：返回的是正在编辑的草稿（仅本机关及其监督机关可见），不是已发布版本")
    version: int | None = Field(description="返回的已发布版本号；草稿为 null")
    published_on: date | None = Field(description="该版本的发布日期")
    corrected: bool = Field(description="该版本是否为更正后的版本")
    correction_reason: str = Field(description="更正原因（未更正为空）")
    versions: list[VersionRef] = Field(description="全部已发布版本，旧版本仍可按 ?version=N 读取")
    due_on: date | None = Field(description="发布期限（条例第四十九条：次年1月31日，各地可提前）")
    findings: FindingsSummary
    document: dict[str, Any] = Field(description="年度报告（规范 §6 JSON：sections 六部分正文，requests/appeals/active 表格数据）")


class AgencyStatus(Schema):
    code: str
    name: str
    state: str = Field(description="not_started / draft / pending / published / corrected")
    state_label: str
    status: str = Field(description="监督看板的状态：not_started / draft / failing / pending / published / corrected / late")
    status_label: str = Field(description="未开始、草稿、校验有错误、待审核、已发布、已更正、逾期未发布")
    errors: int = Field(description="错误数（发布版本为发布时的校验结果）")
    warnings: int = Field(description="未说明的警告数")
    dismissed: int = Field(description="已说明的警告数")
    published_on: date | None = Field(description="当前版本的发布日期")
    due_on: date | None = Field(description="发布期限")
    late: bool = Field(description="逾期发布，或期限已过仍未发布")


class CountyTotalsOut(Schema):
    county: AgencyRef
    year: int
    document: dict[str, Any] = Field(description="本级合计：表三、表四（规范 §6 JSON，requests.* 与 appeals.*）")
    agencies: list[AgencyStatus] = Field(description="所辖各机关本年度报告的状态和校验结果")
