"""意见反馈 (DOMAIN.md §3.14): what the public may send, its reference code, and when an answer is overdue. Pure:
no database."""

from datetime import date
from enum import StrEnum


class FeedbackKind(StrEnum):
    complaint = "complaint"  # 投诉
    suggestion = "suggestion"  # 建议


class FeedbackStatus(StrEnum):
    open = "open"  # 待答复
    answered = "answered"  # 已答复


QUEUES = (FeedbackStatus.open, FeedbackStatus.answered)
CONTENT_MAX = 1000
ANSWER_MAX = 1000
CONTACT_NAME_MAX = 32
CONTACT_PHONE_MAX = 32  # as typed, before it is normalised to 11 digits
REFERENCE_PREFIX = "FK-"


def reference_code(feedback_id: int) -> str:
    """The code the sender notes (and quotes when they call): the number alone, nothing about them."""
    return f"{REFERENCE_PREFIX}{feedback_id:06d}"


def is_overdue(status: str, answer_by: date, today: date) -> bool:
    """Still open after its answering day (answered on that day is on time)."""
    return status == FeedbackStatus.open and today > answer_by
