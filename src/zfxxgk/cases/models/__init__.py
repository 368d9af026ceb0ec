from .appeal import Appeal
from .application import IMPORTED_SEQ, Application, NumberSequence
from .attachment import Attachment
from .calendar import ScheduleDay
from .event import Event

__all__ = ["IMPORTED_SEQ", "Appeal", "Application", "Attachment", "Event", "NumberSequence", "ScheduleDay"]
