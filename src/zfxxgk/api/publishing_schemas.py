"""Schemas of the 主动公开 routes (:mod:`.publishing`): what the OpenAPI document shows.

No schema of a public route carries a body that is not public: a publication's ``body_html`` and
``body_text`` appear only in :class:`PublicationDetail`, which is built from a 已发布 row (or an
older version of a series that is public now). The staff list (:class:`WorkItem`) has no body at all.
"""
from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from ..publishing.models import ColumnKind, DocKind, DocStatus, PubState
from .annual_schemas import AgencyRef
from .schemas import Error


def _choices(choices, description: str) -> dict:
    values = "；".join(f"{v}={label}" for v, label in choices.choices)
    return {"description": f"{description}。可选：{values}", "json_schema_extra": {"enum": list(choices.values)}}


class ColumnRef(Schema):
    code: str = Field(description="栏目代码（在本机关内唯一，如 gzdt）")
    name: str = Field(description="栏目名称")
    path: list[str] = Field(description="从顶层栏目到本栏目的名称，如 [\"法定主动公开内容\", \"规范性文件\"]")


class AttachmentOut(Schema):
    id: int = Field(description="附件编号")
    name: str = Field(description="原文件名")
    content_type: str = Field(description="文件类型（MIME）")
    size: int = Field(description="大小（字节）")
    url: str = Field(description="公开下载地址")


class VersionOut(Schema):
    version: int = Field(description="版本号（1 为首次发布，之后每次更正加 1）")
    published_on: date | None = Field(description="该版本的发布日期")
    correction_reason: str = Field(description="更正原因（首次发布为空）")
    current: bool = Field(description="是否为当前公开的版本")
    url: str = Field(description="该版本的公开页面地址")


class PublicationItem(Schema):
    id: int = Field(description="信息编号（各版本共用，公开页面地址和 /api/publications/{id} 都用它）")
    title: str = Field(description="标题")
    agency: AgencyRef
    column: ColumnRef
    index_number: str = Field(description="索引号")
    doc_number: str = Field(description="文号（无文号为空）")
    written_on: date = Field(description="成文日期")
    published_on: date = Field(description="发布日期（当前版本）")
    version: int = Field(description="当前版本号")
    corrected: bool = Field(description="是否经过更正")
    url: str = Field(description="公开页面地址")
    snippet_html: str | None = Field(None, description="全文检索时的摘要（HTML，命中词以 <mark> 标出）；不检索时为 null")


class PublicationPage(Schema):
    count: int = Field(description="符合条件的公开信息总数")
    limit: int = Field(description="每页条数")
    offset: int = Field(description="跳过的条数")
    items: list[PublicationItem]


class PublicationDetail(PublicationItem):
    correction_reason: str = Field(description="更正原因（未更正为空）")
    body_html: str = Field(description="正文（经过清洗的 HTML）")
    body_text: str = Field(description="正文纯文本")
    attachments: list[AttachmentOut] = Field(description="附件及其公开下载地址")
    versions: list[VersionOut] = Field(description="已发布的全部版本（更正前的版本可按 ?version=N 读取）")


class WithdrawnOut(Error):
    """410：该信息曾经公开，已撤回（正文不再提供）。"""

    id: int = Field(description="信息编号")
    title: str = Field(description="标题")
    withdrawn_on: date | None = Field(description="撤回日期")
    reason: str = Field(description="撤回原因")


class ColumnNode(Schema):
    code: str = Field(description="栏目代码")
    name: str = Field(description="栏目名称")
    kind: str = Field(**_choices(ColumnKind, "栏目用途"))
    count: int = Field(description="本栏目公开的信息数（不含下级栏目）")
    total: int = Field(description="本栏目及其全部下级栏目公开的信息数")
    url: str = Field(description="栏目公开页面地址")
    children: list[ColumnNode] = Field(description="下级栏目")


ColumnNode.model_rebuild()


class CatalogueOut(Schema):
    agency: AgencyRef
    total: int = Field(description="本机关公开的信息总数")
    columns: list[ColumnNode] = Field(description="公开目录（栏目树，按排序）")


class RegistryEntry(Schema):
    kind: str = Field(**_choices(DocKind, "类别"))
    kind_label: str
    doc_number: str = Field(description="文号")
    title: str = Field(description="标题")
    issued_on: date = Field(description="制发日期")
    effective_on: date | None = Field(description="施行日期")
    repealed_on: date | None = Field(description="废止日期")
    expires_on: date | None = Field(description="失效日期（有效期届满之日）")
    status: str = Field(**_choices(DocStatus, "截至 as_of 的状态"))
    status_label: str
    url: str | None = Field(description="文件的公开页面地址（未在本平台公开为 null）")


class Table2Row(Schema):
    path: str = Field(description="年度报告数据路径（规范 §6），如 active.normative_documents.made")
    label: str = Field(description="表二 第（一）项的格子，如 “行政规范性文件·本年制发件数”")
    value: int = Field(description="件数")


class RegistryOut(Schema):
    agency: AgencyRef
    year: int = Field(description="年度")
    as_of: date = Field(description="状态的计算日：该年12月31日，本年为今天")
    entries: list[RegistryEntry] = Field(description="截至 as_of 已制发的规章和行政规范性文件")
    table2: list[Table2Row] = Field(description="年度报告表二 第二十条第（一）项（规章、行政规范性文件）的六个数字")


class WorkItem(Schema):
    """机关工作人员看的在办信息：不含正文。"""

    id: int = Field(description="记录编号（每个版本一条）")
    series: int = Field(description="信息编号（各版本共用）")
    version: int = Field(description="版本号（更正中的为 2 以上）")
    title: str = Field(description="标题")
    column: ColumnRef
    state: str = Field(**_choices(PubState, "状态"))
    state_label: str
    waiting_for: str | None = Field(description="审核中：等待审核的角色（负责人、分管领导）")
    written_on: date = Field(description="成文日期")
    due_on: date = Field(description="公开期限（条例第二十六条：形成或者变更之日起20个工作日）")
    late: bool = Field(description="已超过公开期限")
    updated_at: datetime = Field(description="最近修改时间")


class WorkPage(Schema):
    count: int = Field(description="符合条件的条数")
    limit: int
    offset: int
    items: list[WorkItem]


# The parameters' names in the 422 messages of these routes (api.api._field_label asks
# :func:`label_of`): "year" here is a publication or registry year, not an application's 编号年度.
QUERY_LABELS = {"year": "年度", "q": "检索词", "agency": "机关编号代码", "column": "栏目代码", "version": "版本号",
                "id": "信息编号", "state": "状态"}


def label_of(name: str, path: str) -> str | None:
    """“年度（year）” for a parameter of a 主动公开 route, None for any other route."""
    ours = "/publications" in path or path.rstrip("/").endswith(("/catalogue", "/registry"))
    return f"{QUERY_LABELS[name]}（{name}）" if ours and name in QUERY_LABELS else None
