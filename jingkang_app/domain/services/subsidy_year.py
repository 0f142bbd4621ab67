"""Guardian subsidy (监护补贴, DOMAIN.md §3.13), the year: the village committee's quarterly check of the guardian's
care duties (看护管理记录), and the yearly payment once the year is over — paid for the quarters that passed, or
withheld with amount 0 for a year with 肇事肇祸 (rules/subsidy.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlmodel import Session, SQLModel, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.models import GuardianSubsidy, SubsidyCheck, SubsidyPayment
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import subsidy as rules
from jingkang_app.domain.rules.subsidy import SubsidyStep
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.subsidy import (
    applied_on,
    check_step,
    check_version,
    first_incident,
    insert_or_refuse,
    refused,
    save_step,
    subsidy_for,
    tell_guardians,
)

T = TypeVar("T", bound=SQLModel)


@dataclass(frozen=True)
class CheckSaved:
    check: SubsidyCheck
    repeat: bool


@dataclass(frozen=True)
class PaymentSaved:
    payment: SubsidyPayment
    subsidy: GuardianSubsidy
    repeat: bool


def _repeat_of(session: Session, model: type[T], client_id: str, subsidy: GuardianSubsidy) -> T | None:
    """A check or payment already stored under ``client_id`` for this application."""
    existing = idempotency.stored_repeat(session, model, client_id, subsidy.recipient_id)
    if existing is not None and existing.subsidy_id != subsidy.id:
        raise refused("client_id", "error.client_id_reused")
    return existing


# --- the quarterly check ----------------------------------------------------------------------------------


def quarters_to_check(session: Session, actor: Actor, subsidy_id: object) -> list[int]:
    """The quarters the actor may record now: covered by the application, begun, not yet checked (the check
    form's choices; record_check decides again)."""
    subsidy, _recipient = subsidy_for(session, actor, subsidy_id, Action.subsidy_check)
    if subsidy.status not in rules.CHECKABLE:
        return []
    checked = set(session.exec(select(SubsidyCheck.quarter).where(SubsidyCheck.subsidy_id == subsidy.id)))
    open_now = rules.checkable_quarters(subsidy.year, applied_on(subsidy), clock.today())
    return [quarter for quarter in open_now if quarter not in checked]


def _read_quarter(session: Session, errors: fields.FieldErrors, data: dict, subsidy: GuardianSubsidy) -> int:
    if data.get("quarter") in (None, ""):
        errors.add("quarter", "error.required")
        return 0
    quarter = fields.whole_number(data.get("quarter"))
    if quarter not in rules.QUARTERS:
        errors.add("quarter", "error.subsidy_quarter")
    elif quarter not in rules.checkable_quarters(subsidy.year, applied_on(subsidy), clock.today()):
        errors.add("quarter", "error.subsidy_quarter_not_open", quarter=quarter)
    elif session.exec(
        select(SubsidyCheck.id).where(SubsidyCheck.subsidy_id == subsidy.id, SubsidyCheck.quarter == quarter)
    ).first():
        errors.add("quarter", "error.subsidy_quarter_checked", quarter=quarter)
    return quarter


def _yes_or_no(errors: fields.FieldErrors, data: dict, field: str) -> bool:
    """A required verdict: unlike a checkbox, leaving it out is not a no."""
    if data.get(field) in (None, ""):
        errors.add(field, "error.required")
    return fields.flag(data, field)


def record_check(
    session: Session, actor: Actor, subsidy_id: object, data: dict, *, captured_at: datetime | None = None
) -> CheckSaved:
    """看护管理记录 by the village committee of the recipient's area (or a coordinator): one per quarter, from the
    quarter the guardian applied in, once the quarter has begun; a failed check needs a note the guardian is told."""
    subsidy, recipient = subsidy_for(session, actor, subsidy_id, Action.subsidy_check)
    client_id = idempotency.client_id_of(data)
    existing = _repeat_of(session, SubsidyCheck, client_id, subsidy)
    if existing:
        return CheckSaved(existing, repeat=True)
    if subsidy.status not in rules.CHECKABLE:
        raise refused("status", "error.subsidy_illegal_step")
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    quarter = _read_quarter(session, errors, data, subsidy)
    duties = {duty: fields.flag(data, duty) for duty in rules.CHECK_DUTIES}
    passed = _yes_or_no(errors, data, "passed")
    note = fields.text(errors, data, "note", max_length=500, required=False)
    if not passed and not note and "passed" not in errors.errors:
        errors.add("note", "error.subsidy_check_note_required")
    errors.raise_if_any()
    check = SubsidyCheck(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        captured_at=captured_at,
        created_by=actor.user_id,
        subsidy_id=subsidy.id,
        quarter=quarter,
        passed=passed,
        note=note,
        **duties,
    )
    stored = insert_or_refuse(
        session, check, refused("quarter", "error.subsidy_quarter_checked", quarter=quarter)
    )
    if stored:
        return CheckSaved(stored, repeat=True)
    audit.record(
        session,
        actor,
        "subsidy.check",
        "subsidy_check",
        check.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"subsidy_id": subsidy.id, "quarter": quarter, "passed": passed},
    )
    if not passed:
        dedupe = f"subsidy:{subsidy.id}:q{quarter}"
        tell_guardians(
            session, actor, subsidy, recipient, "subsidy_check_failed", dedupe, quarter=quarter, note=note
        )
    session.commit()
    return CheckSaved(check, repeat=False)


# --- the yearly payment -----------------------------------------------------------------------------------


def _read_paid_on(errors: fields.FieldErrors, data: dict, year: int, today: date) -> date | None:
    paid_on = fields.local_date(errors, data, "paid_on", required=False) or today
    if paid_on > today:
        errors.add("paid_on", "error.date_in_future")
    elif paid_on.year <= year:
        errors.add("paid_on", "error.subsidy_paid_on_in_year", year=year)
    return paid_on


def record_payment(session: Session, actor: Actor, subsidy_id: object, data: dict) -> PaymentSaved:
    """Once the year is over: paid for the quarters whose check passed (every covered quarter must have been
    checked), or withheld with amount 0 when a follow-up of that year recorded 肇事 or 肇祸."""
    subsidy, recipient = subsidy_for(session, actor, subsidy_id, Action.subsidy_pay)
    client_id = idempotency.client_id_of(data)
    existing = _repeat_of(session, SubsidyPayment, client_id, subsidy)
    if existing:
        return PaymentSaved(existing, subsidy, repeat=True)
    incident_on = first_incident(session, recipient.id, subsidy.year)
    step = SubsidyStep.withhold if incident_on else SubsidyStep.pay
    check_version(session, subsidy, data.get("version"))
    check_step(subsidy, step)
    today = clock.today()
    if not rules.year_over(subsidy.year, today):
        raise refused("status", "error.subsidy_year_not_over", year=subsidy.year)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    paid_on = _read_paid_on(errors, data, subsidy.year, today)
    note = fields.text(errors, data, "note", max_length=500, required=False)
    checks = session.exec(select(SubsidyCheck).where(SubsidyCheck.subsidy_id == subsidy.id)).all()
    missing = rules.missing_checks(subsidy.year, applied_on(subsidy), [c.quarter for c in checks])
    if missing and not incident_on:
        errors.add("status", "error.subsidy_checks_missing", quarters=", ".join(map(str, missing)))
    errors.raise_if_any()
    passed = sorted(c.quarter for c in checks if c.passed)
    monthly = subsidy.guardian_monthly_yuan + subsidy.care_monthly_yuan
    amount = rules.yearly_amount(monthly, passed, incident_in_year=incident_on is not None)
    payment = SubsidyPayment(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=actor.user_id,
        subsidy_id=subsidy.id,
        year=subsidy.year,
        passed_quarters=passed,
        months=amount.months,
        monthly_yuan=amount.monthly_yuan,
        amount_yuan=amount.amount_yuan,
        withheld=amount.withheld,
        incident_on=incident_on,
        paid_on=paid_on,
        note=note,
    )
    stored = insert_or_refuse(session, payment, refused("status", "error.subsidy_illegal_step"))
    if stored:
        return PaymentSaved(stored, subsidy, repeat=True)
    detail = {"payment_id": payment.id, "months": amount.months, "amount_yuan": amount.amount_yuan}
    saved = save_step(
        session,
        actor,
        subsidy,
        recipient,
        step,
        ["payment"],
        detail,
        months=amount.months,
        amount=amount.amount_yuan,
        date=incident_on.isoformat() if incident_on else "",
    )
    return PaymentSaved(payment, saved, repeat=False)
