"""China's working-day calendar and statutory deadline arithmetic (no Django)."""
from .calendar import WorkCalendar, YearSchedule
from .deadline import Due, add_workdays, workdays_between

__all__ = ["Due", "WorkCalendar", "YearSchedule", "add_workdays", "workdays_between"]
