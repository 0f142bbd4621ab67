"""One referral's page (转介, DOMAIN.md §3.7, §5, §8): where it stands, its deadlines and late steps, its history,
who holds it now, what the reader may do next, and the handover pack for the receiving side only (each read
audited). Coded values are given as codes; a page shows them with the catalogue keys ``step_label`` and the
``referral.kind.*`` / ``referral.status.*`` / ``referral.route.*`` families."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.models import Area, Referral, ReferralStepTaken, User
from jingkang_app.domain.permissions import Action, Actor, can
from jingkang_app.domain.rules.idcard import mask_id_number
from jingkang_app.domain.services.recipients import target_of
from jingkang_app.domain.services.referral_access import holders, referral_for
from jingkang_app.domain.services.referral_deadlines import late_steps_of


def step_label(kind: str, step: str) -> str:
    """The catalogue key of a step as that kind names it (就诊/住院 for a 上转, 社区接诊 for a 下转, …)."""
    return f"referral.step.{kind}.{step}"


@dataclass(frozen=True)
class StepView:
    step: str
    label: str  # catalogue key (step_label)
    from_status: str
    to_status: str
    note: str  # 退回's reason, or the step's note
    taken_on: date
    taken_at: datetime
    taken_by_name: str


@dataclass(frozen=True)
class ReferralDetail:
    id: int
    version: int
    recipient_id: int
    recipient_name: str
    id_masked: str  # empty unless the reader may see identity numbers
    village: str
    kind: str
    route: str | None
    status: str
    reason: str
    receiver: str
    receiver_area_id: int | None
    receiver_area_name: str
    alert_id: int | None
    applied_on: date | None
    registered_on: date | None
    referred_on: date | None
    closed_on: date | None
    register_by: date | None
    refer_by: date | None
    late_steps: list[str]
    return_reason: str
    created_by_name: str
    created_at: datetime
    history: list[StepView]
    holders: list[str]  # Role values that may take the next forward step; empty once closed
    next_steps: list[str]  # ReferralStep values this reader may take now
    handover: dict | None  # only for the receiving side


def _history(session: Session, referral: Referral) -> list[StepView]:
    rows = session.exec(
        select(ReferralStepTaken, User.name)
        .join(User, User.id == ReferralStepTaken.taken_by)
        .where(ReferralStepTaken.referral_id == referral.id)
        .order_by(ReferralStepTaken.taken_at, ReferralStepTaken.id)
    ).all()
    return [
        StepView(
            s.step,
            step_label(referral.kind, s.step),
            s.from_status,
            s.to_status,
            s.note,
            s.taken_on,
            s.taken_at,
            name,
        )
        for s, name in rows
    ]


def _area_name(session: Session, area_id: int | None) -> str:
    if area_id is None:
        return ""
    return session.exec(select(Area.name).where(Area.id == area_id)).one()


def referral_detail(session: Session, actor: Actor, referral_id: object) -> ReferralDetail:
    """One referral, for those who reach it from either side. The read is audited, saying whether it showed the
    handover pack."""
    reach = referral_for(session, actor, referral_id)
    referral, recipient = reach.referral, reach.recipient
    handover = dict(referral.handover) if reach.reads_handover and referral.handover else None
    identity = can(actor, Action.recipient_view_identity, target_of(session, recipient))
    audit.record(
        session,
        actor,
        "referral.view",
        "referral",
        referral.id,
        recipient_id=recipient.id,
        area_id=referral.area_id,
        detail={"handover": handover is not None},
    )
    session.commit()
    return ReferralDetail(
        id=referral.id,
        version=referral.version,
        recipient_id=recipient.id,
        recipient_name=recipient.name,
        id_masked=mask_id_number(recipient.id_number) if identity else "",
        village=_area_name(session, referral.area_id),
        kind=referral.kind,
        route=referral.route,
        status=referral.status,
        reason=referral.reason,
        receiver=referral.receiver,
        receiver_area_id=referral.receiver_area_id,
        receiver_area_name=_area_name(session, referral.receiver_area_id),
        alert_id=referral.alert_id,
        applied_on=referral.applied_on,
        registered_on=referral.registered_on,
        referred_on=referral.referred_on,
        closed_on=referral.closed_on,
        register_by=referral.register_by,
        refer_by=referral.refer_by,
        late_steps=[s.value for s in late_steps_of(referral, clock.today())],
        return_reason=referral.return_reason,
        created_by_name=session.get(User, referral.created_by).name,
        created_at=referral.created_at,
        history=_history(session, referral),
        holders=holders(referral.kind, referral.status),
        next_steps=[s.value for s in reach.next_steps()],
        handover=handover,
    )
