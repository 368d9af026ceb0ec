from .appeal import Appeal
from .application import IMPORTED_SEQ, Application, NumberSequence
from .attachment import Attachment, AttachmentRole
from .calendar import ScheduleDay
from .event import Event
from .notice import DeliveryMethod, Notice, NoticeDelivery, NoticeKind, NoticeSequence
from .tally import AppealTally, ApplicationTally, ReceiptTally

__all__ = ["IMPORTED_SEQ", "Appeal", "AppealTally", "Application", "ApplicationTally", "Attachment", "AttachmentRole",
           "DeliveryMethod", "Event", "Notice", "NoticeDelivery", "NoticeKind", "NoticeSequence", "NumberSequence", "ReceiptTally", "ScheduleDay"]
