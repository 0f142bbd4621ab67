"""Guardian subsidy (监护补贴/以奖代补, DOMAIN.md §3.13), the application: the guardian applies for a year, the
township approves (which fixes the class and the monthly amounts, rules/subsidy.py) or rejects it, and both read the
family's applications. The village committee's quarterly checks and the yearly payment are in subsidy_year.py, on
the steps shared here: every create is idempotent by client id, every status change versioned, audited and told to
the recipient's guardians."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, func, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import (
    Area,
    Followup,
    GuardianSubsidy,
    Recipient,
    SubsidyCheck,
    SubsidyPayment,
    TeamRole,
)
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import subsidy as rules
from jingkang_app.domain.rules.subsidy import SubsidyStep
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.recipients import recipient_for, team_of

T = TypeVar("T", bound=SQLModel)


@dataclass(frozen=True)
class SubsidySaved:
    subsidy: GuardianSubsidy
    repeat: bool


@dataclass(frozen=True)
class SubsidyView:
    subsidy: GuardianSubsidy
    checks: list[SubsidyCheck]  # by quarter
    payment: SubsidyPayment | None


# --- shared steps -----------------------------------------------------------------------------------------


def _setting(session: Session, recipient: Recipient, key: str):
    return settings.get(session, settings.county_id_of(session.get(Area, recipient.area_id).path), key)


def _guardians(session: Session, recipient_id: int) -> set[int]:
    return {m.user_id for m in team_of(session, recipient_id) if m.team_role == TeamRole.guardian}


def applied_on(subsidy: GuardianSubsidy) -> date:
    """The server's local date of the application (a device's capture time cannot buy earlier quarters)."""
    return subsidy.created_at.astimezone(clock.LOCAL_TZ).date()


def first_incident(session: Session, recipient_id: int, year: int | None = None) -> date | None:
    """The first follow-up that recorded 肇事 or 肇祸: in ``year``, or ever."""
    query = select(func.min(Followup.followup_date)).where(
        Followup.recipient_id == recipient_id, or_(Followup.trouble > 0, Followup.disaster > 0)
    )
    if year is not None:
        query = query.where(Followup.followup_date.between(date(year, 1, 1), date(year, 12, 31)))
    return session.exec(query).one()


def refused(field: str, key: str, **params: object) -> ValidationFailed:
    return ValidationFailed({field: FieldError(key, params)})


def insert_or_refuse(session: Session, record: T, refusal: ValidationFailed) -> T | None:
    """idempotency.insert_once, or ``refusal`` when the row breaks its other unique constraint: another submission
    took the same year, quarter or payment at the same moment, and nothing is stored under this client id."""
    try:
        return idempotency.insert_once(session, record)
    except IntegrityError:
        raise refusal from None


def subsidy_for(
    session: Session, actor: Actor, subsidy_id: object, action: Action
) -> tuple[GuardianSubsidy, Recipient]:
    subsidy = session.get(GuardianSubsidy, fields.whole_number(subsidy_id))
    if subsidy is None:
        raise NotFound()
    return subsidy, recipient_for(session, actor, action, subsidy.recipient_id)


def check_version(session: Session, subsidy: GuardianSubsidy, version: object) -> None:
    version = fields.whole_number(version)
    if version != subsidy.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "guardian_subsidy", subsidy.id, version)
        )


def check_step(subsidy: GuardianSubsidy, step: SubsidyStep) -> None:
    try:
        rules.next_status(subsidy.status, step)
    except rules.IllegalTransition:
        raise refused("status", "error.subsidy_illegal_step") from None


def tell_guardians(
    session: Session,
    actor: Actor,
    subsidy: GuardianSubsidy,
    recipient: Recipient,
    kind: str,
    dedupe: str,
    **params,
) -> None:
    notify(
        session,
        _guardians(session, recipient.id) - {actor.user_id},
        kind,
        params={"name": recipient.name, "year": subsidy.year, **params},
        link=f"/family?rid={recipient.id}",  # only the guardians are told
        dedupe=dedupe,
    )


def save_step(
    session: Session,
    actor: Actor,
    subsidy: GuardianSubsidy,
    recipient: Recipient,
    step: SubsidyStep,
    changed: list[str],
    detail: dict,
    **notice: object,
) -> GuardianSubsidy:
    """Moves the application to its next status, bumps the version, audits and tells the guardians, in one commit."""
    subsidy.status = rules.next_status(subsidy.status, step)
    subsidy.version += 1
    subsidy.updated_by, subsidy.updated_at = actor.user_id, clock.now()
    session.add(subsidy)
    audit.record(
        session,
        actor,
        f"subsidy.{step}",
        "guardian_subsidy",
        subsidy.id,
        recipient_id=recipient.id,
        area_id=subsidy.area_id,
        detail=detail | {"version": subsidy.version, "changed": ["status", *changed]},
    )
    dedupe = f"subsidy:{subsidy.id}:{subsidy.status}"
    tell_guardians(session, actor, subsidy, recipient, f"subsidy_{subsidy.status}", dedupe, **notice)
    session.commit()
    return subsidy


# --- reading ----------------------------------------------------------------------------------------------


def subsidies_of(session: Session, actor: Actor, recipient_id: object) -> list[SubsidyView]:
    """One family's applications, latest year first, each with its quarterly checks and payment."""
    recipient = recipient_for(session, actor, Action.subsidy_view, recipient_id)
    subsidies = session.exec(
        select(GuardianSubsidy)
        .where(GuardianSubsidy.recipient_id == recipient.id)
        .order_by(GuardianSubsidy.year.desc(), GuardianSubsidy.id.desc())
    ).all()
    ids = [s.id for s in subsidies]
    checks = session.exec(
        select(SubsidyCheck).where(SubsidyCheck.subsidy_id.in_(ids)).order_by(SubsidyCheck.quarter)
    ).all()
    payments = {
        p.subsidy_id: p
        for p in session.exec(select(SubsidyPayment).where(SubsidyPayment.subsidy_id.in_(ids)))
    }
    return [
        SubsidyView(s, [c for c in checks if c.subsidy_id == s.id], payments.get(s.id)) for s in subsidies
    ]


# Who works the queue: the township to decide and pay, the village committee to record the quarterly checks.
# --- applying ---------------------------------------------------------------------------------------------


def _read_year(session: Session, errors: fields.FieldErrors, data: dict, recipient_id: int) -> int | None:
    """This year unless the guardian names the next one; one application per recipient and year."""
    this_year, next_year = rules.years_open(clock.today())
    raw = data.get("year")
    year = this_year if raw in (None, "") else fields.whole_number(raw)
    if year not in (this_year, next_year):
        errors.add("year", "error.subsidy_year", this=this_year, next=next_year)
        return None
    taken = session.exec(
        select(GuardianSubsidy.id).where(
            GuardianSubsidy.recipient_id == recipient_id, GuardianSubsidy.year == year
        )
    ).first()
    if taken:
        errors.add("year", "error.subsidy_year_taken", year=year)
    return year


def apply(session: Session, actor: Actor, data: dict, *, captured_at: datetime | None = None) -> SubsidySaved:
    """The guardian on the recipient's care team applies; the guardian is who is paid."""
    recipient = recipient_for(session, actor, Action.subsidy_apply, data.get("recipient_id"))
    if actor.user_id not in _guardians(session, recipient.id):
        raise PermissionDenied()
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, GuardianSubsidy, client_id, recipient.id)
    if existing:
        return SubsidySaved(existing, repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    year = _read_year(session, errors, data, recipient.id)
    errors.raise_if_any()
    subsidy = GuardianSubsidy(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        captured_at=captured_at,
        created_by=actor.user_id,
        year=year,
        guardian_id=actor.user_id,
    )
    stored = insert_or_refuse(session, subsidy, refused("year", "error.subsidy_year_taken", year=year))
    if stored:
        return SubsidySaved(stored, repeat=True)
    audit.record(
        session,
        actor,
        "subsidy.apply",
        "guardian_subsidy",
        subsidy.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"year": year},
    )
    session.commit()
    return SubsidySaved(subsidy, repeat=False)


# --- the township's decision ------------------------------------------------------------------------------


def _step_on(
    session: Session, actor: Actor, subsidy_id: object, action: Action, version: object, step: SubsidyStep
) -> tuple[GuardianSubsidy, Recipient]:
    subsidy, recipient = subsidy_for(session, actor, subsidy_id, action)
    check_version(session, subsidy, version)
    check_step(subsidy, step)
    return subsidy, recipient


def approve(session: Session, actor: Actor, subsidy_id: object, data: dict) -> GuardianSubsidy:
    """Fixes the class from the recipient's latest risk level and any 肇事肇祸 on record so far, and the monthly
    amounts from the county's settings now (rules/subsidy.py); ``reason`` is an optional note."""
    subsidy, recipient = _step_on(
        session, actor, subsidy_id, Action.subsidy_decide, data.get("version"), SubsidyStep.approve
    )
    if subsidy.guardian_id not in _guardians(session, recipient.id):
        # The applicant is who is paid: someone who has left the care team is not the guardian any more.
        raise refused("status", "error.subsidy_guardian_left")
    errors = fields.FieldErrors()
    note = fields.text(errors, data, "reason", max_length=500, required=False)
    errors.raise_if_any()
    past_incident = first_incident(session, recipient.id) is not None
    risk = rules.risk_class(
        recipient.risk_level,
        past_incident,
        high_from=_setting(session, recipient, "subsidy.high_risk_from"),
        incident_is_high=_setting(session, recipient, "subsidy.incident_is_high"),
    )
    subsidy.risk_class = risk
    subsidy.guardian_monthly_yuan = rules.guardian_monthly(
        _setting(session, recipient, "subsidy.guardian_monthly_yuan"), risk
    )
    subsidy.care_monthly_yuan = int(_setting(session, recipient, "subsidy.care_allowance_monthly_yuan"))
    subsidy.decided_by, subsidy.decided_at, subsidy.decision_reason = actor.user_id, clock.now(), note
    return save_step(
        session,
        actor,
        subsidy,
        recipient,
        SubsidyStep.approve,
        ["risk_class", "guardian_monthly_yuan", "care_monthly_yuan", "decision_reason"],
        {"risk_level": recipient.risk_level, "past_incident": past_incident, "risk_class": risk},
        monthly=subsidy.guardian_monthly_yuan + subsidy.care_monthly_yuan,
    )


def reject(session: Session, actor: Actor, subsidy_id: object, data: dict) -> GuardianSubsidy:
    subsidy, recipient = _step_on(
        session, actor, subsidy_id, Action.subsidy_decide, data.get("version"), SubsidyStep.reject
    )
    errors = fields.FieldErrors()
    reason = fields.text(errors, data, "reason", max_length=500)
    errors.raise_if_any()
    subsidy.decided_by, subsidy.decided_at, subsidy.decision_reason = actor.user_id, clock.now(), reason
    return save_step(
        session, actor, subsidy, recipient, SubsidyStep.reject, ["decision_reason"], {}, reason=reason
    )
