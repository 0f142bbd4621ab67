"""The coordinator's respite queues (喘息服务, DOMAIN.md §3.9): requests to decide, to arrange and to complete, in
the coordinator's scope, oldest first, each with what a decision needs — the family's reason and burden score,
the time waited, and what approving would do to the county's yearly quota."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Recipient, RespiteRequest
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules import burden
from jingkang_app.domain.rules import respite as rules
from jingkang_app.domain.rules.respite import RespiteStatus
from jingkang_app.domain.services.burden import form_of
from jingkang_app.domain.services.recipients import visible_filter
from jingkang_app.domain.services.respite import quota_days, used_days


@dataclass(frozen=True)
class QueueRow:
    """One request as the coordinator decides it: dates, the family's reason and burden score, and what approving
    it would do to the quota."""

    id: int
    recipient_id: int
    recipient_name: str
    status: str
    kind: str
    start_date: date
    end_date: date
    days: int
    waiting_hours: int  # since it was asked for
    reason: str
    burden_score: int | None  # None when the family answered no burden questions
    burden_max: int
    burden_high: bool  # at or over the county's threshold, which suggests respite
    quota: int
    over_quota_days: int  # beyond the quota in the years it touches, counting the other approved requests
    arrangement: str  # the carer or place, once arranged
    version: int


def _queue_in_scope(actor: Actor, status: str) -> tuple:
    if not may_ever(actor, Action.respite_decide):
        raise PermissionDenied()
    if status not in rules.QUEUES:
        raise ValidationFailed({"status": FieldError("error.invalid_choice")})
    return (RespiteRequest.status == status, visible_filter(actor, Action.respite_decide))


def _queue_row(session: Session, request: RespiteRequest, recipient: Recipient, now: datetime) -> QueueRow:
    form = form_of(session, recipient)
    answers = burden.read_answers(request.burden_answers, form.questions) if request.burden_answers else {}
    assessed = burden.assess(answers, form.questions, form.respite_from) if answers else None
    quota = quota_days(session, recipient)
    over = rules.over_quota_years(
        used_days(session, recipient.id, besides=request.id),
        rules.days_per_year(request.start_date, request.end_date),
        quota,
    )
    return QueueRow(
        id=request.id,
        recipient_id=recipient.id,
        recipient_name=recipient.name,
        status=request.status,
        kind=request.kind,
        start_date=request.start_date,
        end_date=request.end_date,
        days=(request.end_date - request.start_date).days + 1,
        waiting_hours=int((now - request.created_at).total_seconds() // 3600),
        reason=request.reason,
        burden_score=assessed.score if assessed else None,
        burden_max=assessed.max_score if assessed else 0,
        burden_high=bool(assessed and assessed.suggests_respite),
        quota=quota,
        over_quota_days=sum(over.values()),
        arrangement=request.carer or request.place,
        version=request.version,
    )


def queue(
    session: Session, actor: Actor, *, status: str = RespiteStatus.pending, offset: int = 0, limit: int = 50
) -> list[QueueRow]:
    """The coordinator's queue in their scope, oldest first: pending requests to decide (the default), approved
    ones to arrange, arranged ones to complete. One page of at most 100."""
    rows = session.exec(
        select(RespiteRequest, Recipient)
        .join(Recipient, Recipient.id == RespiteRequest.recipient_id)
        .where(*_queue_in_scope(actor, status))
        .order_by(RespiteRequest.created_at, RespiteRequest.id)
        .offset(max(0, offset))
        .limit(max(1, min(limit, 100)))
    ).all()
    now = clock.now()
    return [_queue_row(session, request, recipient, now) for request, recipient in rows]


def queue_total(session: Session, actor: Actor, *, status: str = RespiteStatus.pending) -> int:
    """How many requests wait in that queue, over all its pages."""
    return session.exec(
        select(func.count())
        .select_from(RespiteRequest)
        .join(Recipient, Recipient.id == RespiteRequest.recipient_id)
        .where(*_queue_in_scope(actor, status))
    ).one()
