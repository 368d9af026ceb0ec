from .appeal import Appeal
from .application import IMPORTED_SEQ, Application, NumberSequence
from .attachment import Attachment
from .calendar import ScheduleDay
from .event import Event
from .tally import AppealTally, ApplicationTally, ReceiptTally

__all__ = ["IMPORTED_SEQ", "Appeal", "AppealTally", "Application", "ApplicationTally", "Attachment", "Event", "NumberSequence", "ReceiptTally", "ScheduleDay"]
