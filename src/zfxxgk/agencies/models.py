from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models


RESERVED_CODES = frozenset({"search"})  # path segments under /zfxxgk/ that are not agencies


class Agency(models.Model):
    """An administrative organ that answers applications and publishes its own annual report.

    ``parent`` makes the hierarchy a county or city office oversees (its departments and towns).
    """

    name = models.CharField("机关名称", max_length=100, unique=True)
    code = models.SlugField("编号代码", max_length=30, unique=True, help_text="用于依申请公开编号，如 xtxsfj")
    parent = models.ForeignKey("self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # 条例第四十九条: departments publish by 1月31日, the 本级政府 report by 3月31日.
    is_government = models.BooleanField("是否为本级人民政府", default=False)
    number_pattern = models.CharField(
        "依申请公开编号格式", max_length=80, default="{code}-{year}-{seq:04d}",
        help_text="可用 {code} {year} {seq}，如 “湘司依申〔{year}〕{seq}号”",
    )
    # 条例第四十九条: 1月31日 for departments, 3月31日 for the 本级政府's report; a jurisdiction may set
    # an earlier date (spec §1.3). Blank: the parent's setting, else the statutory date.
    report_deadline = models.CharField(
        "年度报告发布期限", max_length=5, blank=True, help_text="次年的月-日，如 01-28；留空则沿用上级机关设置或法定期限",
        validators=[RegexValidator(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$", "请按“月-日”填写，如 01-28")],
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    # 条例第四十五条 (审核、答复): an agency may have every reply signed off by its leader before it is issued.
    reply_signoff = models.BooleanField("答复须经分管领导审签", default=False,
                                        help_text="勾选后，经办人作出的答复须经机关分管领导审签同意才发出、办结")

    class Meta:
        verbose_name = verbose_name_plural = "行政机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        # /zfxxgk/<code>/ is the agency's public catalogue; /zfxxgk/search/ is the site search.
        if self.code in RESERVED_CODES:
            raise ValidationError({"code": f"“{self.code}”是系统保留的网址，请换一个编号代码。"})

    def descendants(self) -> list["Agency"]:
        out, frontier = [], [self]
        while frontier:
            children = list(Agency.objects.filter(parent__in=frontier))
            out.extend(children)
            frontier = children
        return out


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    HEAD = "head", "政府信息公开工作机构负责人"  # approves extensions (条例第三十三条第二款)
    LEADER = "leader", "机关分管领导"
    SUPERVISOR = "supervisor", "县级监督（只读本级及下级机关）"


class Membership(models.Model):
    """A user's role in one agency. A supervisor's membership covers the agency and its descendants."""

    user = models.ForeignKey("auth.User", verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "机关人员"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class OfficeSettings(models.Model):
    """What the agency's disclosure office enters itself (workspace → 本机关设置): the facts its notices
    print and the contact facts of its 政府信息公开指南 (条例第十二条)."""

    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="office")
    # Notices (告知书、通知书): numbering, the 救济途径 sentence, payment, who to call.
    notice_number_pattern = models.CharField(
        "文书文号格式", max_length=80, default="依申{kind}〔{year}〕{seq}号",
        help_text="可用 {kind}（文书种类简称：补、征、延、费、复）{year} {seq}，如 “湘县司依申{kind}〔{year}〕{seq}号”；每种文书每年单独编号",
    )
    reconsideration_body = models.CharField("行政复议机关", max_length=100, blank=True, help_text="写入答复告知书的救济途径，如 湘潭县人民政府")
    court = models.CharField("管辖人民法院", max_length=100, blank=True, help_text="如 湘潭县人民法院")
    payment_method = models.TextField("信息处理费缴费方式", blank=True, help_text="写入收费通知书：收款单位、账号或者缴费地点、网上缴费方式，每行一种")
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话（文书）", max_length=40, blank=True)
    # 条例第十二条: the 指南 names the office's name, address, hours, phone, fax, e-mail.
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True, help_text="如 工作日上午9:00—12:00，下午13:30—17:30")
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    fax = models.CharField("传真", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    postal_address = models.CharField("通信地址", max_length=200, blank=True, help_text="含邮政编码")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey("auth.User", verbose_name="更新人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "机关政府信息公开设置"

    def __str__(self) -> str:
        return f"{self.agency}的设置"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from ..cases.notices.numbering import check_pattern

        try:
            check_pattern(self.notice_number_pattern)
        except ValueError as exc:
            raise ValidationError({"notice_number_pattern": str(exc)}) from None

    @classmethod
    def of(cls, agency: Agency) -> "OfficeSettings":
        """The agency's settings, or unsaved defaults until the office has entered them."""
        found = cls.objects.filter(agency=agency).first()
        return found or cls(agency=agency)

    @property
    def paper_address(self) -> str:
        """Where paper is handed in or posted: the postal address, else the office, else the agency's."""
        return self.postal_address or self.office_address or self.agency.address
