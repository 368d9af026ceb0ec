from django.core.management.base import BaseCommand

from ...calendar import current_calendar
from ...remind import due_soon
from ... import services
from ...services import refresh_open_cases


class Command(BaseCommand):
    help = "列出即将到期（默认3个工作日内）和已超期的依申请公开申请，按机关分组；--notify 同时向工作人员发送提醒邮件"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="提前提醒的工作日数（默认 3，或 ZFXXGK_NOTIFY_DUE_DAYS）")
        parser.add_argument("--notify", action="store_true", help="向各机关工作人员发送到期、超期和超期未确认收到的提醒，并补发到期重试的通知")

    def handle(self, *args, days: int | None, notify: bool = False, **options):
        from ....notify.reminders import due_days

        days = due_days() if days is None else days
        today = services.today()
        refresh_open_cases()  # running pauses move due dates every day
        groups = due_soon(current_calendar(), today, days)
        if not groups:
            self.stdout.write(f"{today}：没有超期或{days}个工作日内到期的申请。")
        for agency, reminders in groups.items():
            overdue = sum(r.overdue for r in reminders)
            self.stdout.write(f"{agency}：超期 {overdue} 件，即将到期 {len(reminders) - overdue} 件")
            for r in reminders:
                flag = "【已超期】" if r.overdue else "【即将到期】"
                provisional = "（暂定）" if r.application.due_provisional else ""
                self.stdout.write(f"  {flag} {r.application.number} {r.application.applicant_name} 答复期限 {r.due_on}{provisional}")
        if notify:
            self._notify(today, days)

    def _notify(self, today, days):
        from ....notify import reminders
        from ....notify.models import MessageState
        from ....notify.services import send_due

        made = reminders.send_staff_reminders(current_calendar(), today, days)
        labels = {"overdue": "超期", "due_soon": "即将到期", "unconfirmed": "超期未确认收到"}
        for kind, sent in made.items():
            self.stdout.write(f"提醒（{labels[kind]}）：{sent.agencies} 个机关，{sent.messages} 封邮件")
        counts = send_due()
        if counts:
            self.stdout.write("到期的通知：" + "，".join(f"{MessageState(k).label} {n}" for k, n in sorted(counts.items()) if k in MessageState.values))
