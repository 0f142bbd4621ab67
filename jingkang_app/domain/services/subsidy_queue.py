"""The 监护补贴 work lists (DOMAIN.md §3.13): the township's applications waiting for a decision or the yearly
payment, and the same applications of a village committee's villages for their quarterly checks; oldest first."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import GuardianSubsidy, Recipient, SubsidyCheck
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules import subsidy as rules
from jingkang_app.domain.rules.subsidy import SubsidyStatus
from jingkang_app.domain.services.recipients import visible_filter
from jingkang_app.domain.services.subsidy import refused


@dataclass(frozen=True)
class QueueRow:
    id: int
    recipient_id: int
    recipient_name: str
    year: int
    status: str
    applied_at: datetime
    quarters_passed: int
    version: int


QUEUE_WORK = (Action.subsidy_decide, Action.subsidy_check)


def _queue_filter(actor: Actor, status: str, work: Action) -> tuple:
    if work not in QUEUE_WORK or not may_ever(actor, work):
        raise PermissionDenied()
    if status not in rules.QUEUES:
        raise refused("status", "error.invalid_choice")
    return (GuardianSubsidy.status == status, visible_filter(actor, work))


def queue(
    session: Session,
    actor: Actor,
    *,
    status: str = SubsidyStatus.pending,
    offset: int = 0,
    limit: int = 50,
    work: Action = Action.subsidy_decide,
) -> list[QueueRow]:
    """The township's queue: applications in its scope waiting for a decision (pending) or for the yearly payment
    (approved), oldest first; one page of at most 100. With ``work=Action.subsidy_check``, the same applications
    of the village committee's villages, whose quarters it checks while they are pending or approved."""
    passed = (
        select(func.count())
        .where(SubsidyCheck.subsidy_id == GuardianSubsidy.id, SubsidyCheck.passed)
        .correlate(GuardianSubsidy)
        .scalar_subquery()
    )
    rows = session.exec(
        select(GuardianSubsidy, Recipient.name, passed)
        .join(Recipient, Recipient.id == GuardianSubsidy.recipient_id)
        .where(*_queue_filter(actor, status, work))
        .order_by(GuardianSubsidy.created_at, GuardianSubsidy.id)
        .offset(max(0, offset))
        .limit(max(1, min(limit, 100)))
    ).all()
    return [
        QueueRow(s.id, s.recipient_id, name, s.year, s.status, s.created_at, quarters_passed, s.version)
        for s, name, quarters_passed in rows
    ]


def queue_total(
    session: Session,
    actor: Actor,
    *,
    status: str = SubsidyStatus.pending,
    work: Action = Action.subsidy_decide,
) -> int:
    return session.exec(
        select(func.count())
        .select_from(GuardianSubsidy)
        .join(Recipient, Recipient.id == GuardianSubsidy.recipient_id)
        .where(*_queue_filter(actor, status, work))
    ).one()
