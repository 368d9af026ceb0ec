"""The refusals of annual-report actions (Chinese message for users, HTTP status for views and API)."""
from __future__ import annotations


class AnnualError(Exception):
    """A refused action; ``message`` is Chinese, for the user. ``status`` maps onto HTTP."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AnnualStateError(AnnualError):
    status = 409


class AnnualForbidden(AnnualError):
    status = 403


class AnnualInvalid(AnnualError):
    status = 422
