"""The coordinator's 意见反馈 queue: the public's complaints and suggestions about areas in their scope — open ones
oldest first, each flagged when its answering day has passed, and the answered ones latest first. The sender's
phone number is masked here (services.feedback.contact_of reads it in full, audited)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, Feedback
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths
from jingkang_app.domain.rules import feedback as rules
from jingkang_app.domain.rules.feedback import FeedbackStatus
from jingkang_app.domain.rules.phone import mask_mobile


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    reference: str
    kind: str
    area_id: int
    area_name: str
    content: str
    contact_name: str
    contact_phone: str  # masked: 138****5678
    status: str
    received_on: date
    answer_by: date
    overdue: bool
    answer: str
    answered_on: date | None
    answered_late: bool
    version: int


def _in_scope(actor: Actor, status: str) -> tuple:
    paths = area_scope_paths(actor, Action.feedback_answer)
    if not paths:
        raise PermissionDenied()
    if status not in rules.QUEUES:
        raise ValidationFailed({"status": FieldError("error.invalid_choice")})
    return Feedback.status == status, or_(*(col(Area.path).startswith(path) for path in paths))


def _row(feedback: Feedback, area: Area, today: date) -> FeedbackRow:
    return FeedbackRow(
        id=feedback.id,
        reference=rules.reference_code(feedback.id),
        kind=feedback.kind,
        area_id=area.id,
        area_name=area.name,
        content=feedback.content,
        contact_name=feedback.contact_name,
        contact_phone=mask_mobile(feedback.contact_phone) if feedback.contact_phone else "",
        status=feedback.status,
        received_on=feedback.received_on,
        answer_by=feedback.answer_by,
        overdue=rules.is_overdue(feedback.status, feedback.answer_by, today),
        answer=feedback.answer,
        answered_on=feedback.answered_on,
        answered_late=bool(feedback.answered_on and feedback.answered_on > feedback.answer_by),
        version=feedback.version,
    )


def queue(
    session: Session, actor: Actor, *, status: str = FeedbackStatus.open, offset: int = 0, limit: int = 50
) -> list[FeedbackRow]:
    """One page (at most 100) of the queue in the actor's scope: open feedback oldest first (the default), or the
    answered, latest answer first."""
    order = (
        (Feedback.received_on, Feedback.id)
        if status == FeedbackStatus.open
        else (col(Feedback.answered_at).desc(), col(Feedback.id).desc())
    )
    rows = session.exec(
        select(Feedback, Area)
        .join(Area, Area.id == Feedback.area_id)
        .where(*_in_scope(actor, status))
        .order_by(*order)
        .offset(max(0, offset))
        .limit(max(1, min(limit, 100)))
    ).all()
    today = clock.today()
    return [_row(feedback, area, today) for feedback, area in rows]


def queue_total(session: Session, actor: Actor, *, status: str = FeedbackStatus.open) -> int:
    return session.exec(
        select(func.count())
        .select_from(Feedback)
        .join(Area, Area.id == Feedback.area_id)
        .where(*_in_scope(actor, status))
    ).one()
