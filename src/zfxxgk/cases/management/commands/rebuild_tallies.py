from django.core.management.base import BaseCommand

from ...tally import rebuild


class Command(BaseCommand):
    help = "按依申请公开台账重新统计各机关的申请和复议诉讼计数（用于监督页面）；绕过平台直接导入数据后运行"

    def handle(self, *args, **options):
        applications, appeals = rebuild()
        self.stdout.write(f"已重新统计：申请计数 {applications} 行，复议诉讼计数 {appeals} 行。")
