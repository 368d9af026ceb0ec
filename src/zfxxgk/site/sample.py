"""Sample data for a first run: a county with a few agencies, staff in every role, and
applications in every state (awaiting confirmation, 补正, consultation, fee, extended, overdue,
answered, appealed). Dates are relative to today so the queue always looks alive.

主动公开 (issue 10, :mod:`.sample_publishing`): every agency's 公开目录 with a year and a half of
publications made through the review chain (some still waiting for 司法局's head and leader), and its
registry of 行政规范性文件, which gives table 二 第（一）项 of the annual reports.

The annual-report cycle (issue 9): every agency (the county too) has last year's report published — 司法局's
submitted by its office head and approved by its leader, 自然资源局's uploaded as the file it
published, the other three signed off on paper and published by the system — and this year's draft
generated from its cases, so a newcomer sees the whole cycle on any date.
"""
from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from ..agencies.models import Agency, Membership, OfficeSettings, Role
from ..cases import services as s
from ..cases.calendar import current_calendar
from ..workdays import add_workdays
from . import sample_publishing
from .sample_publishing import Team, as_of

COUNTY = "湘潭县人民政府"
AGENCIES = [
    ("湘潭县人民政府办公室", "xtxzfb", True),
    ("湘潭县司法局", "xtxsfj", False),
    ("湘潭县自然资源局", "xtxzrzyj", False),
    ("湘潭县科技和工业信息化局", "xtxkgxj", False),
]
APPLICANTS = [
    ("natural_person", "张伟", "2024年本县城区道路改造工程的立项批复文件"),
    ("natural_person", "李娜", "本村2023年土地征收补偿安置方案及补偿标准"),
    ("commercial", "湘潭某某建材有限公司", "2024年度砂石开采权出让公告及评审结果"),
    ("research", "湘潭大学法学院", "2022—2024年行政复议案件数量统计"),
    ("legal_service", "湖南某某律师事务所", "某行政处罚决定书（湘司罚〔2024〕12号）"),
    ("social_welfare", "县志愿者协会", "2024年社会组织年检结果"),
    ("other_org", "某村民委员会", "本村宅基地审批台账"),
    ("natural_person", "王芳", "2025年法律援助经费预算"),
]


def _password() -> str:
    return "zf-" + secrets.token_urlsafe(9)


@transaction.atomic
def load_sample() -> list[tuple[str, str, str]]:
    """Create the sample county; returns (username, password, who) for the printed login list."""
    logins: list[tuple[str, str, str]] = []

    def user(username: str, name: str, who: str, *, superuser: bool = False) -> User:
        password = _password()
        u = User.objects.create_user(username, password=password, first_name=name, is_superuser=superuser, is_staff=superuser)
        logins.append((username, password, who))
        return u

    county = Agency.objects.create(name=COUNTY, code="xtx", is_government=True, number_pattern="湘县依申〔{year}〕{seq}号")
    agencies = [Agency.objects.create(name=n, code=c, parent=county, is_government=g, number_pattern=f"{c}-{{year}}-{{seq:04d}}") for n, c, g in AGENCIES]
    user("admin", "系统管理员", "系统管理员（后台 /admin/）", superuser=True)
    Membership.objects.create(user=user("jiandu", "赵监督", f"县级监督（{COUNTY}，只读）"), agency=county, role=Role.SUPERVISOR)
    for agency in agencies[1:3]:
        Membership.objects.create(user=user(f"{agency.code}-jb", "经办人", f"{agency.name} 经办人"), agency=agency, role=Role.CLERK)
        Membership.objects.create(user=user(f"{agency.code}-fzr", "负责人", f"{agency.name} 政府信息公开工作机构负责人"), agency=agency, role=Role.HEAD)
    leader = agencies[1]  # 司法局: every role of one agency, so a newcomer can try each sign-off
    Membership.objects.create(user=user(f"{leader.code}-ld", "分管领导", f"{leader.name} 分管领导"), agency=leader, role=Role.LEADER)
    # 主动公开 only: the 县政府办's office publishes for the 县人民政府 too; 科工信局 has a clerk and a head.
    # Their accounts have no password (not among the printed logins: an administrator sets one).
    for agency, also in ((agencies[0], county), (agencies[3], None)):
        for suffix, role, title in (("jb", Role.CLERK, "经办人"), ("fzr", Role.HEAD, "负责人")):
            u = User.objects.create_user(f"{agency.code}-{suffix}", first_name=title)
            for where in filter(None, (agency, also)):
                Membership.objects.create(user=u, agency=where, role=role)

    # 本机关设置 of 司法局: its notices carry a 文号, the 复议机关 and court, how to pay, whom to call.
    OfficeSettings.objects.create(
        agency=agencies[1], notice_number_pattern="湘县司依申{kind}〔{year}〕{seq}号", reconsideration_body=COUNTY,
        court="湘潭县人民法院", payment_method="到本机关政府信息公开窗口现场缴纳（可刷卡）\n转账至湘潭县财政局非税收入汇缴结算户（账号见窗口公示）",
        contact_person="李明", contact_phone="0731-57812345", office_address="湘潭县易俗河镇天易大道1号", office_hours="工作日上午9:00—12:00，下午13:30—17:30",
        phone="0731-57812345", email="gk@example.gov.cn", postal_address="湖南省湘潭县易俗河镇天易大道1号（邮编411228）",
    )
    today = s.today()
    cal = current_calendar()
    ago = lambda n: today - timedelta(days=n)  # noqa: E731
    head = User.objects.get(username=f"{agencies[1].code}-fzr")
    clerk = User.objects.get(username=f"{agencies[1].code}-jb")

    def apply(agency, i, submitted, channel="in_person", **kw):
        kind, name, what = APPLICANTS[i % len(APPLICANTS)]
        new = s.NewApplication(kind, name, what, channel, submitted, phone="0731-5" + f"{i:07d}"[-7:],
                               email=f"applicant{i}@example.cn", address="湖南省湘潭县易俗河镇", **kw)
        return s.register(agency, new, clerk)

    for n, agency in enumerate(agencies[1:], start=1):
        base = n * 10
        apply(agency, base + 0, ago(1), "internet")  # 待确认
        apply(agency, base + 1, ago(3))  # 办理中
        late = apply(agency, base + 2, ago(45))  # 已超期
        corr = apply(agency, base + 3, ago(12))
        s.request_correction(corr, ago(10), until=today + timedelta(days=10), items="请提供所需信息的文号或形成时间")
        cons = apply(agency, base + 4, ago(8))
        s.start_consultation(cons, ago(6), "third_party", "涉及第三方商业信息，书面征求意见",
                             party_name="湘潭某某建设有限公司", party_address="湖南省湘潭县易俗河镇某某路18号")
        fee = apply(agency, base + 5, ago(9))
        s.issue_fee_notice(fee, ago(7), "per_page", 120)
        done = apply(agency, base + 6, ago(40))
        s.answer(done, add_workdays(cal, done.received_on, 12).due, "granted", clerk, "已通过电子邮件提供")
        part = apply(agency, base + 7, ago(60))
        s.answer(part, add_workdays(cal, part.received_on, 18).due, "partially_granted", clerk)
        ext = apply(agency, base + 1, ago(25))
        s.request_extension(ext, ago(5), 15, "涉及多个科室，需调取历史档案", clerk)
        if agency == agencies[1]:
            s.approve_extension(ext, ago(4), head, "同意延长15个工作日")
        refused = apply(agency, base + 3, ago(90))
        s.answer(refused, add_workdays(cal, refused.received_on, 15).due, "unable_not_held", clerk)
        s.add_appeal(refused, "reconsideration", ago(70))
        if n == 1:
            late_year = apply(agency, base + 2, ago(120))
            s.answer(late_year, add_workdays(cal, late_year.received_on, 10).due, "not_handled_petition", clerk)
    del late
    by_name = {u.username: u for u in User.objects.filter(memberships__isnull=False).distinct()}

    def team(agency, office=None) -> Team:
        code = (office or agency).code
        return Team(by_name[f"{code}-jb"], by_name[f"{code}-fzr"], by_name.get(f"{code}-ld"))

    # before the annual cycle: last year's reports count these publications and registry documents
    sample_publishing.load({county: team(county, agencies[0]), **{a: team(a) for a in agencies}})
    _annual_cycle([county, *agencies], clerk, head, User.objects.get(username=f"{leader.code}-ld"),
                  User.objects.get(username=f"{agencies[2].code}-fzr"))
    return logins


# --- the annual-report cycle --------------------------------------------------------------------------

# Table 二 第（五）（六）（八）项 are held by other systems: entered by hand, as staff would. 第（一）项
# (规章, 规范性文件) is the registry's count (sample_publishing: 司法局's is 制发 2, 废止 1, 现行有效 9
# last year and 3, 1, 11 this year, as these tables used to say by hand).
TABLE_2 = {"active.licensing": 36, "active.penalty": 14, "active.coercion": 2, "active.fees_wan_yuan": "0"}
TABLE_2_THIS_YEAR = TABLE_2 | {"active.licensing": 41, "active.penalty": 9, "active.coercion": 1}


def _filled_in(sections: dict) -> dict:
    """What staff write where the template leaves a blank (a 本级人民政府's 考核、评议、追责 sentence)."""
    from ..annual.narrative import GOVERNMENT_REVIEW

    done = GOVERNMENT_REVIEW.replace("【请据实填写】", "年度考核结果为良好，未收到社会评议差评，未发生责任追究")
    return {k: v.replace(GOVERNMENT_REVIEW, done) for k, v in sections.items() if GOVERNMENT_REVIEW in v}


def _last_year_cases(agency, index: int, clerk, year: int) -> None:
    """A few applications received and answered in ``year`` (one appealed), through the case services."""
    cal = current_calendar()
    for i, (month, outcome) in enumerate(((3, "granted"), (5, "partially_granted"), (9, "granted"), (11, "unable_not_held"))):
        kind, name, what = APPLICANTS[(index + i) % len(APPLICANTS)]
        app = s.register(agency, s.NewApplication(kind, name, what, "in_person", date(year, month, 6 + index),
                                                  phone="0731-58" + f"{index:02d}{i:03d}", address="湖南省湘潭县易俗河镇"), clerk)
        s.answer(app, add_workdays(cal, app.received_on, 8 + i).due, outcome, clerk)
        if outcome == "unable_not_held" and index % 2 == 0:
            s.add_appeal(app, "reconsideration", date(year, 12, 10), "upheld", date(year, 12, 28))


def _sign_off(report, clerk, head, leader) -> None:
    """The whole sign-off: warnings answered, the head submits, the leader approves."""
    from ..annual import services as annual
    from ..approvals import services as approvals

    for finding in report.findings:
        if finding.get("severity") == "warning" and not finding.get("dismissed"):
            annual.dismiss(report, clerk, finding["key"], "概述部分按县政府办公室统一模板撰写，数据均为本机关数据。")
    approvals.decide(annual.submit(report, head), leader, approve=True, comment="同意发布")


def _annual_cycle(agencies, clerk, head, leader, other_head) -> None:
    from ..annual import services as annual
    from ..annual.models import ReportState
    from ..reports.write import render

    today = s.today()
    last = today.year - 1
    signed, uploaded = agencies[2], agencies[3]  # 司法局: every role; 自然资源局: a head, no leader
    # Last year's reports are published when they would have been — in January, before the 31 January
    # deadline (条例第四十九条) — so their dates, events and rendered files agree, whatever day this runs.
    with as_of(min(today, date(today.year, 1, 20))):
        for n, agency in enumerate(agencies):
            if agency.parent_id:  # the county's own report covers its own cases: it has none here
                _last_year_cases(agency, n, clerk, last)
        for agency in agencies:
            report = annual.get(agency, last)
            annual.generate(report, None)
            annual.save(report, None, figures=TABLE_2, sections=_filled_in(report.sections))
            if agency == signed:
                _sign_off(report, clerk, head, leader)
            elif agency == uploaded:
                # Published before it came onto the platform: its own file, uploaded (feeds the cross-year rules).
                data = render(annual.document(report), "html")
                annual.upload_published(agency, last, f"{agency.name}{last}年政府信息公开工作年度报告.html", data, other_head)
            else:  # the county and two departments: signed off on paper, published by the system
                report.state = ReportState.PENDING
                report.save(update_fields=["state"])
                annual.publish(report, None)
    for agency in agencies:  # this year's draft, from this year's cases; 司法局's has table 二 entered too
        report = annual.get(agency, today.year)
        annual.generate(report, None)
        if agency == signed:
            annual.save(report, None, figures=TABLE_2_THIS_YEAR)
