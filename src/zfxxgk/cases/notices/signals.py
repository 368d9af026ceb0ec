"""``notice_issued``: sent once the transaction that issued a notice has committed.

Receivers get ``notice`` (a :class:`zfxxgk.cases.models.Notice`); the notifications app listens to
it to tell the applicant (e-mail, SMS). Nothing is sent for a notice whose transaction rolled back.
"""
from django.dispatch import Signal

notice_issued = Signal()
