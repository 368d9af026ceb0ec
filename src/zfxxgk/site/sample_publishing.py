"""Sample 主动公开 for the first-run county (issue 10): every agency's 公开目录 with a year and a
half of publications, and its registry of 行政规范性文件 over four years.

Everything goes through the services a person would use (zfxxgk.publishing.services: create →
保密审查声明 → submit → the head's and leader's decisions → publish; zfxxgk.publishing.registry),
on the day it would have happened (the engine's clock, :func:`as_of`), so states, dates, 索引号,
approvals and the search index are the real thing. Most items are 已发布; 司法局, the agency with
every role, also shows two items waiting for its head and one for its leader (the reviewers'
queues), one 待发布, one 草稿, one 已撤回 with its reason, a 政府信息公开指南 corrected once (two
versions), and one published after its head allowed a scan finding with a reason.

The registry is laid out so that table 二 第（一）项 of last year's report is the figures the sample
has always shown for 司法局 (制发 2, 废止 1, 现行有效 9; this year 3, 1, 11) and follows the counting
rules by construction (T2-INFORCE-LB, T2-ROLL): repeals and lapses are dated inside the years.
Content is fixed text and dates count back from today: the same sample on every run.
"""
from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from ..cases import services as cases


@contextmanager
def as_of(day: date):
    """The engine's clock on ``day`` (cases.services.today, which every service reads), so what
    happened in the past is dated then: publication days, 索引号 years, annual reports."""
    real = cases.today
    cases.today = lambda: day
    try:
        yield
    finally:
        cases.today = real


@dataclass(frozen=True)
class Team:
    clerk: object
    head: object
    leader: object | None = None

    @property
    def steps(self) -> list[str]:
        return ["head", "leader"] if self.leader else ["head"]


# --- what each agency publishes -------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One publication: ``title`` may name {a} (the agency) and {y} (the year it is published in)."""

    column: str
    title: str
    body: tuple[str, ...]
    days_ago: int  # published (or, unfinished, last worked on) this many days before today
    state: str = "published"  # published, pending_head, pending_leader, approved, draft, withdrawn, corrected
    doc_number: str = ""
    written_before: int = 3  # 成文日期 this many days before publication (条例第二十六条: 20 working days)
    attachment: str = ""  # "budget" (a spreadsheet) or "document" (the text as a Word file)
    reason: str = ""  # withdrawn / corrected: why; an allowed finding: the head's reason


GUIDE = (
    "为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。",
    "一、主动公开。{a}通过湘潭县人民政府门户网站“政府信息公开”专栏主动公开机构职能、规范性文件、规划计划、财政预决算、"
    "行政执法等政府信息，属于主动公开范围的政府信息自形成或者变更之日起20个工作日内予以公开。",
    "二、依申请公开。申请人可通过互联网、信函、当面提交等方式向{a}申请获取政府信息。受理机构：{a}办公室；"
    "办公时间：工作日上午8:30—12:00，下午14:30—17:30；联系电话：{phone}。",
    "三、监督和救济。申请人认为{a}在政府信息公开工作中侵犯其合法权益的，可以向湘潭县人民政府办公室投诉、举报，"
    "也可以依法申请行政复议或者提起行政诉讼。",
)
COMMON = (
    Item("gkzn", "{a}政府信息公开指南", GUIDE, 420, written_before=5),
    Item("xzzf", "{a}行政执法事项清单（{y}年版）", (
        "根据《湖南省行政程序规定》和县人民政府关于全面推行行政执法公示制度的要求，现将本部门{y}年行政执法事项清单予以公布。",
        "清单包括行政许可、行政处罚、行政强制、行政检查等事项的名称、依据、实施主体和承办股室，接受社会监督。"), 330),
    Item("czxx", "{a}{prev}年部门决算", (
        "根据《中华人民共和国预算法》和财政部门有关部门决算公开的要求，现将{a}{prev}年部门决算予以公开。",
        "{prev}年度收入总计与支出总计平衡，一般公共预算财政拨款支出主要用于基本支出和履行职能的项目支出，“三公”经费支出较上年下降。"), 200),
    Item("ghjh", "{a}{y}年工作要点", (
        "{y}年，{a}坚持以人民为中心的发展思想，围绕县委、县人民政府中心工作，重点抓好以下工作。",
        "一是持续深化“放管服”改革，优化政务服务；二是加强法治政府建设，严格规范公正文明执法；三是推进政务公开，"
        "及时回应群众关切；四是加强队伍建设，提升履职能力。"), 150),
    Item("czxx", "{a}{y}年部门预算", (
        "根据《中华人民共和国预算法》和县财政局关于部门预算公开的要求，现将{a}{y}年部门预算予以公开。",
        "本年度收支预算遵循“以收定支、收支平衡”的原则编制，“三公”经费预算较上年只减不增。预算表见附件。"), 120,
        attachment="budget"),
)
# Agencies with more staff on the platform (司法局, 自然资源局) publish these too.
MORE = (
    Item("gkzd", "{a}政府信息公开保密审查制度", (
        "第一条 为规范政府信息公开保密审查工作，根据《中华人民共和国保守国家秘密法》和《中华人民共和国政府信息公开条例》，制定本制度。",
        "第二条 拟公开的政府信息，由拟稿人进行保密审查并作出声明，经办公室负责人审核、分管领导审定后公开。",
        "第三条 不能确定是否可以公开的，依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。"), 410),
    Item("jgzn", "{a}主要职责和内设机构", (
        "根据湘潭县机构改革方案，{a}是县人民政府工作部门（或办事机构），为正科级。",
        "主要职责：贯彻执行国家和省、市有关方针政策和法律法规，拟订本行业领域发展规划和政策措施并组织实施；"
        "承担本部门政府信息公开和政务服务工作；完成县委、县人民政府交办的其他任务。",
        "内设机构：办公室、政策法规股、业务股室，并设有政务服务窗口。"), 400),
    Item("rsxx", "{a}{y}年公开选调工作人员公告", (
        "因工作需要，经县委组织部、县人力资源和社会保障局同意，{a}面向全县公开选调工作人员2名。",
        "报名条件、选调程序和报名方式详见附表，报名时间为公告发布之日起7个工作日。"), 260),
    Item("xzzf", "{a}{y}年“双随机、一公开”抽查工作计划", (
        "为规范事中事后监管，根据县人民政府关于推进“双随机、一公开”监管的部署，制定本年度抽查工作计划。",
        "抽查对象从检查对象名录库中随机抽取，执法检查人员从执法人员名录库中随机选派，抽查结果在20个工作日内公开。"), 60),
)
NEWS = (
    "会议强调，要提高政治站位，压实工作责任，确保各项任务落地见效。",
    "下一步，{a}将总结经验做法，建立长效机制，持续推动工作提质增效。",
)
SPECIFIC: dict[str, tuple[Item, ...]] = {
    "xtx": (
        Item("gzdt", "县人民政府召开常务会议研究部署近期重点工作", ("会议听取了全县经济运行情况汇报，研究了民生实事项目推进等事项。", *NEWS), 95),
        Item("gzdt", "全县优化营商环境工作推进会召开", ("会议要求持续深化“一件事一次办”改革，为市场主体提供更加便利的服务。", *NEWS), 35),
        Item("gzdt", "全县春季植树造林活动启动", ("活动当天，干部群众在涓水河沿岸栽种苗木，全县春季计划完成造林绿化面积一万亩。", *NEWS), 480),
        Item("zdlyxx", "湘潭县{y}年民生实事项目安排", ("{y}年，县人民政府围绕教育、医疗、养老、交通等领域安排民生实事项目12项。",
                                                   "各项目责任单位按季度报送进度，年底前完成全部建设任务。"), 170),
    ),
    "xtxzfb": (
        Item("gzdt", "县政府办召开全县政务公开工作会议", ("会议总结了上年度政务公开工作，部署本年度政务公开重点任务。", *NEWS), 300),
        Item("gzdt", "县政府办推行政务服务“好差评”制度", ("办事群众可通过窗口评价器、政务服务网对服务作出评价，差评事项限时整改。", *NEWS), 140),
        Item("gzdt", "县人民政府门户网站完成适老化和无障碍改造", ("改造后网站提供大字版、语音阅读等功能，方便老年人和残障人士获取政府信息。", *NEWS), 20),
        Item("zdlyxx", "湘潭县{y}年政务公开工作要点", ("围绕重点领域信息公开、政策解读和回应关切、政府信息公开平台建设等方面，明确本年度政务公开重点任务。",
                                                   "各乡镇、县直各单位要明确分管领导和工作人员，按季度报送落实情况。"), 185),
    ),
    "xtxsfj": (
        Item("gzdt", "县司法局开展“八五”普法宣传进社区活动", ("活动中，工作人员向居民发放宣传资料，现场解答婚姻家庭、劳动争议等法律问题。", *NEWS), 380),
        Item("gzdt", "县司法局召开全县人民调解工作推进会", ("会议通报了全县矛盾纠纷排查化解情况，表彰了优秀人民调解委员会。", *NEWS), 230),
        Item("gzdt", "县公共法律服务中心启用“一站式”服务窗口", (
            "县公共法律服务中心整合法律援助、公证、人民调解等服务，群众在一个窗口即可办理。",
            "咨询电话：0731-57812348；法律援助值班律师工作手机：13975212345。"), 110,
            reason="法律援助值班律师的工作手机，依职责向社会公布，不属于个人隐私。"),
        Item("gzdt", "县司法局组织开展法律援助“惠民生”专项活动", ("专项活动聚焦农民工讨薪、老年人权益保护等领域，开辟法律援助绿色通道。", *NEWS), 45),
        Item("gzdt", "县司法局召开政府信息公开工作培训会", ("培训解读了《中华人民共和国政府信息公开条例》，并演示了平台发布和保密审查流程。", *NEWS), 12),
        Item("zdlyxx", "关于{y}年度法律援助案件补贴发放情况的公示", ("现将本年度法律援助案件补贴发放情况予以公示，公示期为5个工作日。",), 40,
             state="withdrawn", reason="公示表中个别案件的补贴标准有误，经复核后撤回，更正后将重新公示。"),
        Item("gzdt", "县司法局开展社区矫正对象集中教育活动", ("教育活动以“知法守法、重塑自我”为主题，开展了法治课堂和公益劳动。", *NEWS), 2, state="pending_head"),
        Item("gzdt", "县司法局举办基层法律服务工作者业务培训班", ("培训班围绕民事诉讼代理、法律文书写作等内容进行授课。", *NEWS), 1, state="pending_head"),
        Item("ghjh", "湘潭县“法律明白人”培养工程实施方案", ("到年底，全县每个村（社区）培养“法律明白人”不少于5名，实现村（社区）全覆盖。",
                                                       "培养对象主要从村（社区）“两委”成员、人民调解员、网格员中选拔。"), 3, state="pending_leader"),
        Item("gzdt", "县司法局召开党风廉政建设工作会议", ("会议传达学习了上级纪委全会精神，签订了党风廉政建设责任书。", *NEWS), 4, state="approved"),
        Item("gzdt", "县司法局赴乡镇开展“送法下乡”活动", ("活动现场设置法律咨询台，为群众提供土地承包、邻里纠纷等方面的法律咨询。",), 0, state="draft"),
    ),
    "xtxzrzyj": (
        Item("gzdt", "县自然资源局开展耕地保护专项执法行动", ("专项行动重点查处违法占用耕地建房、非法取土等行为，坚决守住耕地保护红线。", *NEWS), 290),
        Item("gzdt", "县国土空间总体规划编制工作推进会召开", ("会议听取了规划编制单位的汇报，研究了城镇开发边界划定等问题。", *NEWS), 160),
        Item("gzdt", "县自然资源局组织开展地质灾害应急演练", ("演练模拟强降雨引发山体滑坡险情，检验了监测预警、转移避险和应急处置能力。", *NEWS), 70),
        Item("gzdt", "县自然资源局开展“世界地球日”主题宣传活动", ("活动以“珍爱地球、人与自然和谐共生”为主题，向群众宣传节约集约用地知识。", *NEWS), 25),
        Item("zdlyxx", "湘潭县{y}年第一批次建设用地征收土地预公告", (
            "因湘潭县{y}年第一批次城镇建设用地需要，拟征收易俗河镇部分集体土地。",
            "自本公告发布之日起，在拟征收土地范围内暂停办理户口迁入、分户，暂停新建、改建、扩建建筑物，违反规定的不予补偿。"), 130),
        Item("gzdt", "县自然资源局召开不动产登记便民服务座谈会", ("座谈会听取了企业和群众代表对不动产登记“一窗受理”的意见建议。", *NEWS), 1, state="pending_head"),
        Item("gzdt", "县自然资源局开展汛期地质灾害隐患排查", ("排查组对全县地质灾害隐患点逐一复核，落实监测责任人。",), 0, state="draft"),
    ),
    "xtxkgxj": (
        Item("gzdt", "县科工信局召开重点工业企业座谈会", ("座谈会上，企业负责人就用工、融资、用电等问题提出建议，相关部门现场答复。", *NEWS), 210),
        Item("gzdt", "县科工信局开展规上工业企业安全生产检查", ("检查组深入企业生产车间，重点检查危险化学品储存、消防设施等情况。", *NEWS), 100),
        # 成文 45 days before it went up: late under 条例第二十六条 (20 working days), as content health shows
        Item("gzdt", "湘潭县两家企业获评省级专精特新“小巨人”企业", ("两家企业在细分领域掌握核心技术，产品市场占有率居全省前列。", *NEWS), 30, written_before=45),
        Item("zdlyxx", "湘潭县{y}年度工业和信息化专项资金项目公示", ("经企业申报、部门初审和专家评审，拟对8个项目给予专项资金支持，公示期为7个工作日。",), 150),
    ),
}

# --- the registry of 行政规范性文件 ------------------------------------------------------------------------

@dataclass(frozen=True)
class Registry:
    prefix: str  # 发文字号 before 〔year〕
    made: tuple[int, int, int, int]  # documents issued three, two and one years ago, and this year
    titles: tuple[str, ...] = field(default=())


REGISTRIES = {
    "xtx": Registry("潭县政发", (3, 3, 2, 1), (
        "关于印发《湘潭县城乡居民基本医疗保险实施办法》的通知", "关于进一步加强安全生产工作的意见",
        "关于印发《湘潭县国有土地上房屋征收与补偿实施办法》的通知", "关于促进民营经济高质量发展的若干措施",
        "关于印发《湘潭县城市管理办法》的通知", "关于调整城乡居民最低生活保障标准的通知",
        "关于印发《湘潭县政府投资项目管理办法》的通知", "关于加强农村村民建房管理的通知",
        "关于印发《湘潭县突发事件总体应急预案》的通知")),
    "xtxzfb": Registry("潭县政办发", (3, 2, 2, 2), (
        "关于印发《湘潭县政务公开工作规范》的通知", "关于印发《湘潭县行政规范性文件管理办法》的通知",
        "关于进一步规范政府采购管理的通知", "关于印发《湘潭县“互联网+政务服务”工作实施方案》的通知",
        "关于加强县级财政资金支付管理的通知", "关于印发《湘潭县公共资源交易管理办法》的通知",
        "关于建立政务服务“好差评”制度的通知", "关于印发《湘潭县12345政务服务便民热线管理办法》的通知",
        "关于进一步优化营商环境的实施意见")),
    "xtxsfj": Registry("潭县司发", (5, 4, 2, 3), (
        "关于印发《湘潭县法律援助经费管理办法》的通知", "关于印发《湘潭县人民调解员以案定补办法》的通知",
        "关于规范行政执法公示工作的通知", "关于印发《湘潭县社区矫正对象分类管理办法》的通知",
        "关于加强公共法律服务站点建设的意见", "关于印发《湘潭县基层法律服务工作者执业管理办法》的通知",
        "关于开展“法律明白人”培养工作的实施意见", "关于印发《湘潭县律师参与信访接待工作办法》的通知",
        "关于规范行政复议案件办理程序的通知", "关于印发《湘潭县法治宣传教育责任清单管理办法》的通知",
        "关于推行公证“最多跑一次”的通知", "关于印发《湘潭县人民调解案件卷宗管理规定》的通知",
        "关于加强行政执法人员资格管理的通知", "关于印发《湘潭县法律援助值班律师工作办法》的通知")),
    "xtxzrzyj": Registry("潭县自然资发", (4, 2, 3, 2), (
        "关于印发《湘潭县不动产登记工作规范》的通知", "关于加强耕地保护和占补平衡管理的通知",
        "关于印发《湘潭县农村宅基地审批管理办法》的通知", "关于规范国有建设用地使用权出让的通知",
        "关于印发《湘潭县地质灾害防治工作方案》的通知", "关于加强矿产资源开发管理的通知",
        "关于印发《湘潭县建设项目规划许可管理办法》的通知", "关于规范临时用地管理的通知",
        "关于印发《湘潭县土地储备管理办法》的通知", "关于推进不动产登记“一窗受理”的通知",
        "关于印发《湘潭县林地保护利用管理办法》的通知")),
    "xtxkgxj": Registry("潭县科工信发", (3, 1, 1, 1), (
        "关于印发《湘潭县工业企业技术改造资金管理办法》的通知", "关于加快推进中小企业数字化转型的通知",
        "关于印发《湘潭县科技计划项目管理办法》的通知", "关于规范工业园区企业入驻管理的通知",
        "关于印发《湘潭县专精特新企业培育办法》的通知", "关于加强民用爆炸物品安全管理的通知")),
}


@dataclass
class Planned:
    """One document of the registry, and the publication it was published as (last year's and this year's)."""

    title: str
    doc_number: str
    issued_on: date
    repealed_on: date | None = None
    expires_on: date | None = None
    publication: object = None


def registry_plan(agency, today: date) -> list[Planned]:
    """The agency's documents: issued across four years; three years ago the first is repealed last
    year, the second repealed this year and the last lapses (有效期届满) two years ago; the rest of
    two years ago have a five-year term. Every end falls inside its year and by today."""
    spec = REGISTRIES[agency.code]
    titles = iter(spec.titles)
    year, out = today.year, []
    jan1 = date(year, 1, 1)
    for back, count in zip((3, 2, 1, 0), spec.made):
        y = year - back
        for i in range(count):
            issued = jan1 + (today - jan1) * (i + 1) // (count + 1) if back == 0 else date(y, 2 + i * 10 // count, 8 + 3 * i)
            out.append(Planned(f"{agency.name}{next(titles)}", f"{spec.prefix}〔{y}〕{2 * i + 1}号", issued))
        if back == 3:
            first, second, last = out[0], out[1], out[count - 1]
            first.repealed_on = date(year - 1, 6, 30)
            second.repealed_on = jan1 + (today - jan1) // 2
            last.expires_on = date(year - 2, 9, 30)
        elif back == 2:
            for doc in out[-count:]:
                doc.expires_on = doc.issued_on.replace(year=doc.issued_on.year + 5) - timedelta(days=1)
    return out


# Attachments are scanned when uploaded and again on submission (seconds for a few files): one
# agency's are enough to show them, in search and in the API.
WITH_FILES = {"xtxsfj"}

# --- loading -----------------------------------------------------------------------------------------

def load(teams: dict) -> None:
    """Each agency in ``teams`` ({agency: Team}): catalogue, review policy, publications, registry."""
    from ..publishing import registry
    from ..publishing.columns import ensure_catalogue
    from ..publishing.models import Policy

    today = cases.today()
    for agency, team in teams.items():
        ensure_catalogue(agency)
        Policy.objects.create(agency=agency, review_steps=team.steps)
        documents = registry_plan(agency, today)
        more = MORE if agency.code in ("xtxsfj", "xtxzrzyj") else ()
        items = [_filled(item, agency, today) for item in (*COMMON, *more, *SPECIFIC[agency.code])]
        recent = [doc for doc in documents if doc.issued_on.year >= today.year - 1]
        for doc in recent:  # on the platform: published in the 规范性文件 column (the newest with its Word file)
            items.append((Item("gfxwj", doc.title, _normative_body(doc), (today - min(doc.issued_on + timedelta(days=4), today)).days,
                               doc_number=doc.doc_number, attachment="document" if doc is recent[-1] else ""), doc))
        for item, doc in sorted(items, key=lambda pair: (-pair[0].days_ago, pair[0].title)):
            pub = _make(agency, team, item, today, corrected=agency.code == "xtxsfj" and item.column == "gkzn")
            if doc is not None:
                doc.publication = pub
        for doc in documents:
            registry.create(agency, team.clerk, doc_number=doc.doc_number, title=doc.title, issued_on=doc.issued_on,
                            repealed_on=doc.repealed_on, expires_on=doc.expires_on, publication=doc.publication)


def _filled(item: Item, agency, today: date) -> tuple[Item, None]:
    day = today - timedelta(days=item.days_ago)
    words = {"a": agency.name, "y": day.year, "prev": day.year - 1, "phone": _phone(agency)}
    return Item(item.column, item.title.format(**words), tuple(p.format(**words) for p in item.body), item.days_ago,
                item.state, item.doc_number, item.written_before, item.attachment, item.reason), None


def _phone(agency, *, moved: bool = False) -> str:
    return f"0731-5786{(9900 if moved else 1000) + len(agency.code):04d}"


def _normative_body(doc: Planned) -> tuple[str, ...]:
    return (f"各有关单位：现将{doc.title.split('关于', 1)[-1].removesuffix('的通知')}有关事项通知如下，请认真贯彻执行。",
            "一、本文件自印发之日起施行。二、各单位应当结合实际抓好落实，执行中遇到的问题及时报告。",
            f"本文件由制发机关负责解释。（{doc.doc_number}）")


def _make(agency, team: Team, item: Item, today: date, *, corrected: bool = False):
    """One publication taken as far as ``item.state`` says, on the days it would have happened."""
    from ..publishing import services
    from ..publishing.models import Column

    day = today - timedelta(days=item.days_ago)
    column = Column.objects.get(agency=agency, code=item.column)
    body = "".join(f"<p>{p}</p>" for p in item.body)
    with as_of(day):
        pub = services.create(agency, team.clerk, column=column, title=item.title, doc_number=item.doc_number,
                              written_on=day - timedelta(days=item.written_before), body=body)
        if item.attachment and agency.code in WITH_FILES:
            services.add_attachment(pub, team.clerk, _attachment(item))
        if item.state == "draft":
            return pub
        for hit in pub.hits.filter(resolution="open"):
            services.resolve_hit(hit, team.head, reason=item.reason)
        services.declare(pub, team.clerk)
        services.submit(pub, team.clerk)
        if item.state == "pending_head":
            return pub
        services.decide(pub, team.head, approve=True, comment="内容准确，同意公开")
        if item.state == "pending_leader":
            return pub
        if team.leader:
            services.decide(pub, team.leader, approve=True, comment="同意发布")
        if item.state == "approved":
            return pub
        services.publish(pub, team.clerk)
    if item.state == "withdrawn":
        services.withdraw(pub, team.clerk, item.reason)
    if corrected:
        _correct(pub, team, today)
    return pub


def _correct(pub, team: Team, today: date):
    """The 指南 corrected once: the office's telephone number changed (a second version, same series)."""
    from ..publishing import services

    day = today - timedelta(days=90)
    with as_of(day):
        new = services.start_correction(pub, team.clerk, "受理机构联系电话变更，更新指南中的联系方式。")
        body = "".join(f"<p>{p.format(a=pub.agency.name, phone=_phone(pub.agency, moved=True))}</p>" for p in GUIDE)
        services.update(new, team.clerk, body=body, written_on=day - timedelta(days=2))  # 变更之日 (条例第二十六条)
        services.declare(new, team.clerk)
        services.submit(new, team.clerk)
        for reviewer in (team.head, team.leader):
            if reviewer:
                services.decide(new, reviewer, approve=True, comment="同意更正")
        services.publish(new, team.clerk)
    return new


def _attachment(item: Item) -> SimpleUploadedFile:
    """A small generated file with searchable text and no author in its properties (the scan would
    ask for them to be removed, as it would for a real one)."""
    if item.attachment == "budget":
        from openpyxl import Workbook

        book = Workbook()
        book.properties.creator = book.properties.lastModifiedBy = ""
        sheet = book.active
        sheet.title = "收支预算总表"
        for row in (("项目", "预算数（万元）"), ("一般公共预算财政拨款收入", 812.6), ("政府性基金预算财政拨款收入", 0),
                    ("基本支出", 596.3), ("项目支出", 216.3), ("“三公”经费", 8.4)):
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return SimpleUploadedFile(f"{item.title}预算表.xlsx", out.getvalue())
    from docx import Document

    document = Document()
    for name in ("author", "last_modified_by", "comments", "title", "subject", "keywords", "category"):
        setattr(document.core_properties, name, "")
    document.add_heading(item.title, 1)
    for paragraph in item.body:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(f"{item.doc_number or item.title}.docx", out.getvalue())
