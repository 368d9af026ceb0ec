"""Which county a supervisor's page shows, and which year: decided here for every oversight page.

* A county supervisor (``Role.SUPERVISOR`` membership) sees the agencies of the county they
  supervise; one who supervises several chooses among them (``?agency=ID``).
* A system administrator may pick any agency that has agencies below it.
* Anyone else — clerks, heads, leaders — gets 403; an agency the user does not supervise is 404
  (its existence is not revealed), like a case of another agency.
"""
from __future__ import annotations

from datetime import date

from django import forms
from django.http import Http404

from ...annual.deadlines import working_year
from ...agencies import access
from ...agencies.models import Agency

FIRST_YEAR = 2008  # 条例 (2007年国务院令第492号) in force since 1 May 2008


def counties(user) -> list[Agency]:
    """The agencies whose oversight page ``user`` may open, by name."""
    if getattr(user, "is_superuser", False):
        return list(Agency.objects.filter(children__isnull=False).distinct().order_by("name"))
    return list(access.supervised_agencies(user).order_by("name"))


class NotSupervisor(Exception):
    """The user supervises no agency: 403."""


def county_for(request) -> Agency | None:
    """The county of the page: ``?agency=`` when given (404 unless the user may open it), the only
    one the user supervises, or None when the user must choose. Raises :class:`NotSupervisor`."""
    choices = counties(request.user)
    if not choices:
        raise NotSupervisor
    wanted = request.GET.get("agency", "").strip()
    if wanted:
        match = next((c for c in choices if str(c.pk) == wanted), None)
        if match is None:
            raise Http404("no such county for this user")
        return match
    return choices[0] if len(choices) == 1 else None


def default_year(today: date) -> int:
    """The report year a supervisor is working on: until 31 March (the 本级政府's deadline, 条例第四十九条)
    last year's reports are being finished and published; from April this year's casework."""
    return working_year(today)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=FIRST_YEAR, error_messages={
        "invalid": "年度应为四位数字，如 2025。", "min_value": f"年度不能早于{FIRST_YEAR}年（条例施行之年）。",
    })

    def __init__(self, *args, today: date, **kw):
        super().__init__(*args, **kw)
        self.last = today.year

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > self.last:
            raise forms.ValidationError(f"年度不能晚于{self.last}年。")
        return year


def year_for(request, today: date) -> tuple[int, str | None]:
    """The year asked for (``?year=``), or the default with a Chinese message saying why."""
    if "year" not in request.GET:
        return default_year(today), None
    form = YearForm(request.GET, today=today)
    if form.is_valid():
        return form.cleaned_data["year"], None
    return default_year(today), "；".join(form.errors["year"]) + f"已显示{default_year(today)}年度。"
