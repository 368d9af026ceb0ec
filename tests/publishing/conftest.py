"""Shared by the publishing tests: 湘潭县司法局 (``agency`` of tests/conftest.py) with its default
公开目录, its staff in every role, a county supervisor, a stranger and another agency's clerk, and
``make_published``, which takes a publication through the whole review by the services.

Uploads land in the test's own folder when a test asks for ``isolated`` (tests/conftest.py).
"""
from __future__ import annotations

import io
from datetime import date

import pytest

from testkit import member

PASSWORD = "x-unused-123"
ID = "430321199003071234"  # a resident ID number with a correct check digit


def person(username: str, first_name: str, *memberships, superuser: bool = False):
    return member(username, *memberships, superuser=superuser, password=PASSWORD, first_name=first_name)


@pytest.fixture
def catalogue(agency) -> dict:
    """The agency's default columns by code (gzdt 工作动态, gfxwj 规范性文件 …)."""
    from zfxxgk.publishing.columns import ensure_catalogue

    return {c.code: c for c in ensure_catalogue(agency)}


@pytest.fixture
def clerk(agency):
    return person("pclerk", "李经办", (agency, "clerk"))


@pytest.fixture
def head(agency):
    return person("phead", "王主任", (agency, "head"))


@pytest.fixture
def leader(agency):
    return person("pleader", "赵局长", (agency, "leader"))


@pytest.fixture
def supervisor(county):
    """Reads the county and every agency under it; writes nothing."""
    return person("psupervisor", "县政务公开办", (county, "supervisor"))


@pytest.fixture
def stranger(db):
    return person("pstranger", "路人")


@pytest.fixture
def other_agency(county):
    from zfxxgk.agencies.models import Agency
    from zfxxgk.publishing.columns import ensure_catalogue

    agency = Agency.objects.create(name="湘潭县自然资源局", code="xtxzrzyj", parent=county)
    ensure_catalogue(agency)
    return agency


@pytest.fixture
def outsider(other_agency):
    """A head of another agency: writes there, not here."""
    return person("poutsider", "外单位", (other_agency, "head"))


@pytest.fixture
def draft(agency, catalogue, clerk, clock):
    """``draft(title=…, body=…, column="gzdt")`` creates a 草稿 through the services."""
    from zfxxgk.publishing import services

    def make(title: str = "湘潭县司法局2025年上半年工作动态", body: str = "<p>上半年，我局扎实推进法治政府建设。</p>",
             column: str = "gzdt", written_on: date | None = None, user=None, **fields):
        return services.create(agency, user or clerk, column=catalogue[column], title=title, written_on=written_on or clock["day"],
                               body=body, **fields)

    return make


def review(pub, clerk, head, leader):
    """Declare, submit, and have the head and the leader approve: 待发布."""
    from zfxxgk.publishing import services

    services.declare(pub, clerk)
    services.submit(pub, clerk)
    services.decide(pub, head, approve=True)
    services.decide(pub, leader, approve=True)
    return pub


@pytest.fixture
def make_published(draft, clerk, head, leader):
    """``make_published(title=…, …)``: a publication taken through the whole review and published."""
    from zfxxgk.publishing import services

    def make(**kw):
        pub = review(draft(**kw), clerk, head, leader)
        return services.publish(pub, clerk)

    return make


# -- files as offices make them ------------------------------------------------------------------------

def xlsx(hidden: bool = False, visible: str = "普法宣传进社区") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = None
    sheet = wb.active
    sheet.title = "公示"
    sheet["A1"], sheet["A2"] = "活动名称", visible
    if hidden:
        names = wb.create_sheet("名单")
        names["A1"], names["A2"] = "身份证号码", ID
        names.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docx(text: str = "普法宣传") -> bytes:
    import docx as python_docx

    doc = python_docx.Document()
    doc.add_paragraph(text)
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf() -> bytes:
    import pypdfium2

    doc = pypdfium2.PdfDocument.new()
    doc.new_page(200, 200)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
