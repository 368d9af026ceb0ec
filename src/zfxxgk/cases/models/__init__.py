from .appeal import Appeal
from .application import Application, NumberSequence
from .attachment import Attachment
from .calendar import ScheduleDay
from .event import Event

__all__ = ["Appeal", "Application", "Attachment", "Event", "NumberSequence", "ScheduleDay"]
