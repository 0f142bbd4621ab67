"""紧急求助 (DOMAIN.md §3.6, §5): the family says what is happening at home and a relapse alert opens as for a
follow-up at risk ≥ 3 — an owner, the county's deadline, escalation — and the family can see who took it and when.

The request is its own row: the alert needs a raising record for ``source_id`` (unique with the source), the
device's ``client_id`` makes a resent tap store nothing twice, and the signs stay codes the pages translate."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import DomainError
from jingkang_app.domain.models import AlertStatus, Area, HelpRequest, Recipient, RiskAlert, Role, User
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import alerts, idempotency
from jingkang_app.domain.services.notifications import coordinators_over
from jingkang_app.domain.services.recipients import recipient_for

# 不睡觉 / 不吃药 / 自言自语 / 打人毁物 / 想伤害自己 / 其他, in the order the family sees them.
SIGNS = ("no_sleep", "no_medication", "talking_to_self", "violence", "self_harm", "other")
OTHER = "other"
OTHER_TEXT_MAX = 200
SOURCE = alerts.CAREGIVER_SOURCE
RECENT_DAYS = 30  # closed alerts stay in the family's list this long
STATUS_LIMIT = 20


@dataclass(frozen=True)
class HelpView:
    """One call for help as the family follows it: what they said, and who took the alert and when."""

    id: int
    client_id: str
    signs: list[str]
    other_text: str
    asked_at: datetime
    asked_by_name: str
    alert_id: int
    status: str  # AlertStatus: open (waiting) / taken / closed
    owner_name: str
    taken_by_name: str | None
    taken_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True)
class HelpSaved:
    help: HelpView
    repeat: bool


def _read(data: dict) -> tuple[list[str], str]:
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, idempotency.client_id_of(data))
    signs = fields.many(errors, data, "signs", SIGNS)
    if not signs and "signs" not in errors.errors:
        errors.add("signs", "error.help_signs_required")
    other_text = fields.text(errors, data, "other_text", max_length=OTHER_TEXT_MAX, required=False)
    if OTHER in signs and not other_text:
        errors.add("other_text", "error.help_other_text_required")
    errors.raise_if_any()
    return signs, other_text


def _owner(session: Session, recipient: Recipient) -> int:
    """The recipient's team doctor takes the alert, as after a follow-up; without one, never the family itself but
    a coordinator of the township, else of the county."""
    doctor = alerts.owner_for(session, recipient, fallback_user_id=0)
    if doctor:
        return doctor
    area_path = session.get(Area, recipient.area_id).path
    for role in (Role.township_coordinator, Role.county_coordinator):
        coordinators = coordinators_over(session, area_path, role)
        if coordinators:
            return min(coordinators)
    raise DomainError("error.help_no_one_to_take")


def _views(session: Session, *conditions) -> list[HelpView]:
    owner, taker, asker = aliased(User), aliased(User), aliased(User)
    rows = session.exec(
        select(HelpRequest, RiskAlert, owner.name, taker.name, asker.name)
        .join(RiskAlert, and_(RiskAlert.source == SOURCE, RiskAlert.source_id == HelpRequest.id))
        .join(owner, owner.id == RiskAlert.owner_id)
        .outerjoin(taker, taker.id == RiskAlert.taken_by)
        .join(asker, asker.id == HelpRequest.created_by)
        .where(*conditions)
        .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc())
        .limit(STATUS_LIMIT)
    ).all()
    return [
        HelpView(
            id=request.id,
            client_id=request.client_id,
            signs=list(request.signs),
            other_text=request.other_text,
            asked_at=request.created_at,
            asked_by_name=asker_name,
            alert_id=alert.id,
            status=alert.status,
            owner_name=owner_name,
            taken_by_name=taker_name,
            taken_at=alert.taken_at,
            closed_at=alert.closed_at,
        )
        for request, alert, owner_name, taker_name, asker_name in rows
    ]


def _view_of(session: Session, request: HelpRequest) -> HelpView:
    return _views(session, HelpRequest.id == request.id)[0]


def ask_for_help(session: Session, actor: Actor, data: dict) -> HelpSaved:
    """Stores the call for help and raises its relapse alert in one commit; the same ``client_id`` again returns
    the stored call and raises nothing."""
    recipient = recipient_for(session, actor, Action.help_request, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, HelpRequest, client_id, recipient.id)
    if existing:
        return HelpSaved(_view_of(session, existing), repeat=True)
    signs, other_text = _read(data)
    owner_id = _owner(session, recipient)
    request = HelpRequest(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=actor.user_id,
        signs=signs,
        other_text=other_text,
    )
    stored = idempotency.insert_once(session, request)
    if stored:
        return HelpSaved(_view_of(session, stored), repeat=True)
    alert = alerts.raise_alert(
        session,
        recipient,
        source=SOURCE,
        source_id=request.id,
        risk_level=None,  # the family reports what it sees; the risk level is the doctor's assessment
        reason=other_text,
        raised_at=request.created_at,
        raised_by=actor.user_id,
        fallback_owner=owner_id,
        notice="help",
    )
    audit.record(
        session,
        actor,
        "help.request",
        "help_request",
        request.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"signs": signs, "alert_id": alert.id},
    )
    session.commit()
    return HelpSaved(_view_of(session, request), repeat=False)


def help_status(session: Session, actor: Actor, recipient_id: object) -> list[HelpView]:
    """The family's calls for help about this relative, newest first: every one still open or taken, and the
    closed ones of the last ``RECENT_DAYS`` days. Only for those who may ask for help for this recipient."""
    recipient = recipient_for(session, actor, Action.help_request, recipient_id)
    since = clock.now() - timedelta(days=RECENT_DAYS)
    return _views(
        session,
        HelpRequest.recipient_id == recipient.id,
        or_(RiskAlert.status != AlertStatus.closed, RiskAlert.closed_at >= since),
    )
