from .appeal import Appeal
from .application import Application, NumberSequence
from .calendar import ScheduleDay
from .event import Event

__all__ = ["Appeal", "Application", "Event", "NumberSequence", "ScheduleDay"]
