"""Every public page answers in Chinese; unknown agencies are 404; the guide is built from the agency's data."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    assert len(CHINESE.findall(html)) > 50
    return html


def test_home_lists_agencies_with_apply_guide_and_status_links(client, agency):
    html = _get(client, reverse("portal:home"))
    assert "依申请公开" in html and "湘潭县司法局" in html
    assert reverse("portal:apply", args=["xtxsfj"]) in html
    assert reverse("portal:guide", args=["xtxsfj"]) in html
    assert reverse("portal:status") in html and "查询办理进度" in html


def test_apply_form_is_accessible(client, agency):
    html = _get(client, reverse("portal:apply", args=["xtxsfj"]))
    assert "湘潭县司法局" in html and 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    for name in ("applicant_name", "id_number", "phone", "email", "address", "description", "attachments"):
        assert f'<label for="id_{name}">' in html, name
        assert f'id="id_{name}"' in html
    assert 'aria-describedby="id_description_helptext"' in html
    assert html.count('type="radio" name="applicant_kind"') == 6
    assert "<legend>申请人类型" in html and "自然人" in html and "统一社会信用代码" in html


def test_status_page(client):
    html = _get(client, reverse("portal:status"))
    assert '<label for="id_number">依申请公开编号' in html and '<label for="id_code">查询码' in html


def test_guide_is_generated_from_the_agency(client, agency):
    html = _get(client, reverse("portal:guide", args=["xtxsfj"]))
    assert "湘潭县司法局政府信息公开指南" in html
    for text in ("第二十九条", "第三十一条", "双方确认之日", "20个工作日", "第三十条", "国办函〔2020〕109号",
                 "10件以下（含10件）", "11—30件", "100元/件", "30页以下（含30页）", "31—100页", "10元/页", "201页以上", "40元/页",
                 "行政复议", "行政诉讼", "湘潭县人民政府", "湖南省湘潭县易俗河镇天易大道1号", "0731-57812345"):
        assert text in html, text
    assert "共3000元" in html  # 35 items in a month: 20 × 100 + 5 × 200 (fees.per_item)


@pytest.mark.parametrize("name", ["portal:apply", "portal:guide"])
def test_unknown_agency_is_404(client, agency, name):
    assert client.get(reverse(name, args=["nosuch"])).status_code == 404


def test_confirmation_page_without_a_submission_goes_to_the_lookup(client):
    response = client.get(reverse("portal:applied"))
    assert response.status_code == 302 and response.url == reverse("portal:status")
