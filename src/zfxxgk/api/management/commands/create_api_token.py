from django.core.management.base import BaseCommand, CommandError

from ....agencies.models import Agency
from ...models import ApiToken


class Command(BaseCommand):
    help = "为机关创建数据接口令牌并打印（令牌只显示这一次，系统只保存其摘要）"

    def add_arguments(self, parser):
        parser.add_argument("agency_code", help="机关编号代码，如 xtxsfj")
        parser.add_argument("name", help="令牌名称（调用方系统），如 “省政府信息公开平台”")

    def handle(self, *args, agency_code: str, name: str, **options):
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise CommandError(f"没有编号代码为“{agency_code}”的机关。")
        if not name.strip():
            raise CommandError("请填写令牌名称。")
        token, raw = ApiToken.issue(agency, name.strip())
        self.stderr.write(f"已为{agency}创建接口令牌“{token.name}”。令牌只显示这一次，请妥善保存：")
        self.stdout.write(raw)
