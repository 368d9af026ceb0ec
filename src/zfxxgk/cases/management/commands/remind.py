from django.core.management.base import BaseCommand

from ...calendar import current_calendar
from ...remind import due_soon
from ... import services
from ...services import refresh_open_cases


class Command(BaseCommand):
    help = "列出即将到期（默认3个工作日内）和已超期的依申请公开申请，按机关分组"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="提前提醒的工作日数")

    def handle(self, *args, days: int, **options):
        today = services.today()
        refresh_open_cases()  # running pauses move due dates every day
        groups = due_soon(current_calendar(), today, days)
        if not groups:
            self.stdout.write(f"{today}：没有超期或{days}个工作日内到期的申请。")
            return
        for agency, reminders in groups.items():
            overdue = sum(r.overdue for r in reminders)
            self.stdout.write(f"{agency}：超期 {overdue} 件，即将到期 {len(reminders) - overdue} 件")
            for r in reminders:
                flag = "【已超期】" if r.overdue else "【即将到期】"
                provisional = "（暂定）" if r.application.due_provisional else ""
                self.stdout.write(f"  {flag} {r.application.number} {r.application.applicant_name} 答复期限 {r.due_on}{provisional}")
