"""Relapse alerts (复发预警/绿色通道, DOMAIN.md §3.6, §5): raised with an owner and a deadline, drafting a referral to
the hospital; an alert not taken by its deadline escalates to the township coordinators, then the county's."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import (
    AlertOutcome,
    AlertStatus,
    Area,
    CareTeamMember,
    HelpRequest,
    Recipient,
    Referral,
    RiskAlert,
    Role,
    TeamRole,
    User,
)
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.referrals import ReferralKind, ReferralStatus
from jingkang_app.domain.services.notifications import coordinators_over, notify
from jingkang_app.domain.services.recipients import recipient_for, visible_filter

# Escalation level → who is told: the township's coordinators, then the county's.
ESCALATE_TO = {1: Role.township_coordinator, 2: Role.county_coordinator}
TOP_LEVEL = max(ESCALATE_TO)
CAREGIVER_SOURCE = "caregiver"  # RiskAlert.source of an alert raised by the family's call for help


def _link(recipient_id: int) -> str:
    return f"/recipients/{recipient_id}"


def owner_for(session: Session, recipient: Recipient, fallback_user_id: int) -> int:
    """The recipient's team doctor takes the alert; without one, whoever recorded what raised it."""
    doctor = session.exec(
        select(CareTeamMember.user_id)
        .where(CareTeamMember.recipient_id == recipient.id, CareTeamMember.team_role == TeamRole.doctor)
        .order_by(CareTeamMember.id)
    ).first()
    return doctor or fallback_user_id


def raise_alert(
    session: Session,
    recipient: Recipient,
    *,
    source: str,
    source_id: int,
    risk_level: int | None,
    reason: str,
    raised_at: datetime,
    raised_by: int,
    fallback_owner: int | None = None,
    notice: str = "alert",
) -> RiskAlert:
    """Opens the alert (once per raising record) inside the caller's transaction: the caller commits. Without a
    team doctor, ``fallback_owner`` (else ``raised_by``) owns it. The owner and the township are told with the
    notices ``{notice}_owner`` and ``{notice}_raised``."""
    existing = session.exec(
        select(RiskAlert).where(RiskAlert.source == source, RiskAlert.source_id == source_id)
    ).first()
    if existing:
        return existing
    area_path = session.get(Area, recipient.area_id).path
    hours = settings.get(session, settings.county_id_of(area_path), "alert.take_within_hours")
    # The deadline runs from raising time on the server: an alert captured offline must not arrive already late.
    alert = RiskAlert(
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        source=source,
        source_id=source_id,
        risk_level=risk_level,
        reason=reason[:200],
        raised_at=raised_at,
        deadline_at=clock.now() + timedelta(hours=hours),
        owner_id=owner_for(session, recipient, fallback_owner or raised_by),
    )
    session.add(alert)
    session.flush()
    recipient.open_alert = True
    session.add(recipient)
    session.add(
        Referral(
            recipient_id=recipient.id,
            area_id=recipient.area_id,
            kind=ReferralKind.hospital_up,
            status=ReferralStatus.draft,
            reason=reason[:200],
            alert_id=alert.id,
            created_by=raised_by,
        )
    )
    params = {"name": recipient.name, "risk": risk_level if risk_level is not None else "—"}
    dedupe = f"alert:{alert.id}:raised"
    link = _link(recipient.id)
    notify(session, {alert.owner_id}, f"{notice}_owner", params=params, link=link, dedupe=dedupe)
    township = coordinators_over(session, area_path, Role.township_coordinator) - {alert.owner_id}
    notify(session, township, f"{notice}_raised", params=params, link=link, dedupe=dedupe)
    return alert


def escalate_overdue(session: Session) -> int:
    """Moves every open alert past its deadline up one level and tells that level's coordinators. Safe to run in
    several workers at once: each step is claimed by a conditional update, and only the winner notifies."""
    now = clock.now()
    due = session.exec(
        select(RiskAlert).where(
            RiskAlert.status == AlertStatus.open,
            RiskAlert.deadline_at <= now,
            RiskAlert.escalation_level < TOP_LEVEL,
        )
    ).all()
    escalated = 0
    for alert in due:
        level = alert.escalation_level + 1
        area_path = session.get(Area, alert.area_id).path
        hours = settings.get(session, settings.county_id_of(area_path), "alert.take_within_hours")
        claimed = session.execute(
            update(RiskAlert)
            .where(RiskAlert.id == alert.id, RiskAlert.escalation_level == level - 1)
            .values(escalation_level=level, escalated_at=now, deadline_at=now + timedelta(hours=hours))
        ).rowcount
        if not claimed:
            continue
        recipient = session.get(Recipient, alert.recipient_id)
        notify(
            session,
            coordinators_over(session, area_path, ESCALATE_TO[level]),
            "alert_escalated",
            params={"name": recipient.name, "hours": int((now - alert.raised_at).total_seconds() // 3600)},
            link=_link(recipient.id),
            dedupe=f"alert:{alert.id}:level{level}",
        )
        audit.record(
            session,
            None,
            "alert.escalate",
            "risk_alert",
            alert.id,
            recipient_id=recipient.id,
            area_id=alert.area_id,
            detail={"level": level},
        )
        session.commit()
        escalated += 1
    return escalated


def _alert_for(session: Session, actor: Actor, alert_id: int, version: object) -> tuple[RiskAlert, Recipient]:
    alert = session.get(RiskAlert, fields.whole_number(alert_id))
    if alert is None:
        raise NotFound()
    recipient = recipient_for(session, actor, Action.alert_handle, alert.recipient_id)
    version = fields.whole_number(version)
    if version != alert.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "risk_alert", alert.id, version)
        )
    return alert, recipient


def _tell_family(session: Session, alert: RiskAlert, recipient: Recipient, actor: Actor) -> None:
    """A family's call for help: whoever asked is told at once who has taken it (the caller commits)."""
    if alert.source != CAREGIVER_SOURCE:
        return
    asked_by = session.get(HelpRequest, alert.source_id).created_by
    notify(
        session,
        {asked_by},
        "help_taken",
        params={"name": actor.name, "relative": recipient.name},
        link=f"/family/help?rid={recipient.id}",
        dedupe=f"help:{alert.id}:taken",
    )


def take(session: Session, actor: Actor, alert_id: int, version: object) -> RiskAlert:
    alert, recipient = _alert_for(session, actor, alert_id, version)
    if alert.status != AlertStatus.open:
        raise ValidationFailed({"status": FieldError("error.alert_not_open")})
    alert.status, alert.taken_by, alert.taken_at = AlertStatus.taken, actor.user_id, clock.now()
    alert.version += 1
    session.add(alert)
    _tell_family(session, alert, recipient, actor)
    audit.record(
        session,
        actor,
        "alert.take",
        "risk_alert",
        alert.id,
        recipient_id=recipient.id,
        area_id=alert.area_id,
        detail={"version": alert.version, "changed": ["status", "taken_by"]},
    )
    session.commit()
    return alert


def close(session: Session, actor: Actor, alert_id: int, data: dict) -> RiskAlert:
    """Records the outcome (上门处置/转诊住院/解除); the recipient leaves the top of the due-lists when no other alert
    of theirs is open."""
    alert, recipient = _alert_for(session, actor, alert_id, data.get("version"))
    errors = fields.FieldErrors()
    outcome = fields.choice(errors, data, "outcome", {o.value for o in AlertOutcome})
    note = fields.text(errors, data, "note", max_length=500, required=False)
    if alert.status == AlertStatus.closed:
        errors.add("outcome", "error.alert_closed")
    errors.raise_if_any()
    now = clock.now()
    if alert.status == AlertStatus.open:
        alert.taken_by, alert.taken_at = actor.user_id, now
    if alert.status == AlertStatus.open:
        _tell_family(session, alert, recipient, actor)
    alert.status, alert.outcome, alert.outcome_note, alert.closed_at = AlertStatus.closed, outcome, note, now
    alert.version += 1
    session.add(alert)
    session.flush()
    recipient.open_alert = (
        session.exec(
            select(RiskAlert.id).where(
                RiskAlert.recipient_id == recipient.id, RiskAlert.status != AlertStatus.closed
            )
        ).first()
        is not None
    )
    session.add(recipient)
    audit.record(
        session,
        actor,
        "alert.close",
        "risk_alert",
        alert.id,
        recipient_id=recipient.id,
        area_id=alert.area_id,
        detail={"outcome": outcome, "version": alert.version, "changed": ["status", "outcome"]},
    )
    session.commit()
    return alert


@dataclass(frozen=True)
class AlertView:
    id: int
    recipient_id: int
    recipient_name: str
    village: str
    source: str
    risk_level: int | None
    reason: str
    status: str
    raised_at: datetime
    deadline_at: datetime
    escalation_level: int
    late: bool
    version: int
    owner_name: str
    taken_by_name: str | None
    signs: list[str]  # what the family saw, for an alert raised by its call for help (help_request.SIGNS)


def require_handler(actor: Actor) -> None:
    """Refuses at once a user none of whose roles handles alerts (grid workers, caregivers, volunteers)."""
    if not may_ever(actor, Action.alert_handle):
        raise PermissionDenied()


def alert_page(
    session: Session, actor: Actor, *, offset: int = 0, limit: int = 20
) -> tuple[list[AlertView], int]:
    """Alerts not yet closed that the actor may handle (in their area or on their care teams, as ``take``
    decides): untaken ones first, each by deadline, so the late come first; with the total for paging."""
    require_handler(actor)
    handled = (RiskAlert.status != AlertStatus.closed, visible_filter(actor, Action.alert_handle))
    total = session.exec(
        select(func.count(RiskAlert.id))
        .join(Recipient, Recipient.id == RiskAlert.recipient_id)
        .where(*handled)
    ).one()
    owner, taker = aliased(User), aliased(User)
    rows = session.exec(
        select(RiskAlert, Recipient.name, Area.name, owner.name, taker.name, HelpRequest.signs)
        .join(Recipient, Recipient.id == RiskAlert.recipient_id)
        .join(Area, Area.id == RiskAlert.area_id)
        .join(owner, owner.id == RiskAlert.owner_id)
        .outerjoin(taker, taker.id == RiskAlert.taken_by)
        .outerjoin(
            HelpRequest, and_(RiskAlert.source == CAREGIVER_SOURCE, HelpRequest.id == RiskAlert.source_id)
        )
        .where(*handled)
        .order_by(
            case((RiskAlert.status == AlertStatus.open, 0), else_=1), RiskAlert.deadline_at, RiskAlert.id
        )
        .offset(offset)
        .limit(limit)
    ).all()
    now = clock.now()
    return [
        AlertView(
            id=a.id,
            recipient_id=a.recipient_id,
            recipient_name=name,
            village=village,
            source=a.source,
            risk_level=a.risk_level,
            reason=a.reason,
            status=a.status,
            raised_at=a.raised_at,
            deadline_at=a.deadline_at,
            escalation_level=a.escalation_level,
            late=a.status == AlertStatus.open and a.deadline_at <= now,
            version=a.version,
            owner_name=owner_name,
            taken_by_name=taker_name,
            signs=list(signs or []),
        )
        for a, name, village, owner_name, taker_name, signs in rows
    ], total


def open_alerts(session: Session, actor: Actor, limit: int = 50) -> list[AlertView]:
    """The API's list: the first ``limit`` alerts of ``alert_page``; none for a user who handles no alerts."""
    if not may_ever(actor, Action.alert_handle):
        return []
    return alert_page(session, actor, limit=limit)[0]
