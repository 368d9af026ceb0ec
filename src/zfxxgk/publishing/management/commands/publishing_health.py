"""``zfxxgk manage publishing_health``: the nightly 网站运维监测 run (cron or a systemd timer).

Reads the links of every public body again and asks the storage about every attachment (what the
background task does for each publication as it is published, caught up here for anything it
missed), optionally tries the external links, then prints each agency's findings per kind.
"""
from django.core.management.base import BaseCommand, CommandError

from ....agencies.models import Agency
from ....cases import services
from ... import health, health_checks


class Command(BaseCommand):
    help = "网站运维监测：重新检查公开信息正文中的链接和附件文件，按机关列出栏目更新、发布时限、失效链接等问题"

    def add_arguments(self, parser):
        parser.add_argument("--agency", action="append", default=[], metavar="CODE", help="只检查该机关（编号代码，可重复）")
        parser.add_argument("--external", action="store_true",
                            help="同时检查外部链接（需设置 ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS=1）")
        parser.add_argument("--no-refresh", action="store_true", help="不重新检查链接和附件，只列出现有问题")

    def handle(self, *args, agency: list[str], external: bool, no_refresh: bool, **options):
        ids = None
        if agency:
            found = dict(Agency.objects.filter(code__in=agency).values_list("code", "pk"))
            unknown = [code for code in agency if code not in found]
            if unknown:
                raise CommandError(f"没有编号代码为 {'、'.join(unknown)} 的机关。")
            ids = list(found.values())
        if external and not health.external_checks_on():
            raise CommandError("外部链接检查未开启：请在设置中把 ZFXXGK_HEALTH_CHECK_EXTERNAL_LINKS 设为 1。")
        if not no_refresh:
            done = health_checks.full_check(ids, external=external)
            self.stdout.write(f"已检查公开信息 {done.publications} 条、链接 {done.links} 个、附件 {done.attachments} 个"
                              f"（文件有问题 {done.file_problems} 个）"
                              + (f"、外部网址 {done.external['urls']} 个（无法访问 {done.external['failed']} 个）" if done.external else "")
                              + "。")
        if ids is None:
            ids = list(Agency.objects.values_list("pk", flat=True))
        found = health.findings(ids, services.today())
        if not found:
            self.stdout.write("未发现问题。")
            return
        names = {f.agency_id: f.agency for f in found}
        for agency_id, by_kind in sorted(health.counts(found).items(), key=lambda item: names[item[0]]):
            parts = "，".join(f"{health.Kind(k).label} {by_kind[k]}" for k in health.KIND_ORDER if by_kind[k])
            self.stdout.write(f"{names[agency_id]}：{parts}")
        self.stdout.write(f"合计 {len(found)} 个问题。")
