"""The coordinator's side of 志愿服务记录 (DOMAIN.md §3.11, §5): what needs review, corrected check-in and
check-out times (with a reason), no-shows, and the verification that makes hours count and earns the volunteer's
points — never twice, never for oneself. Shared steps are in services.service_records."""

from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import PermissionDenied
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_hours as rules
from jingkang_app.domain.rules.events import local_text
from jingkang_app.domain.rules.volunteers import ShiftStatus
from jingkang_app.domain.services import points as points_service
from jingkang_app.domain.services.service_records import (
    CORRECTABLE,
    S,
    ServiceRecordView,
    audit_step,
    managed,
    managed_move,
    refuse,
    status_refusal,
    tell_volunteer,
    view_of,
)
from jingkang_app.domain.services.volunteer_access import SignUpContext

QUEUE_MAX = 100


def to_review(session: Session, actor: Actor, limit: int = QUEUE_MAX) -> list[ServiceRecordView]:
    """Service records in the coordinator's areas that need them, oldest shift first: checked out (to verify),
    still checked in after the shift ended (to correct), or never checked in once it started (a no-show?)."""
    paths = area_scope_paths(actor, Action.volunteer_manage)
    if not paths:
        raise PermissionDenied()
    now = clock.now()
    rows = session.exec(
        select(ShiftSignUp, VolunteerShift, Volunteer, Area.path)
        .join(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .join(Volunteer, Volunteer.id == ShiftSignUp.volunteer_id)
        .join(Area, Area.id == VolunteerShift.area_id)
        .where(
            or_(*[col(Area.path).startswith(path) for path in paths]),
            VolunteerShift.status == ShiftStatus.open,
            or_(Volunteer.user_id.is_(None), Volunteer.user_id != actor.user_id),
            or_(
                ShiftSignUp.status == S.checked_out,
                and_(ShiftSignUp.status == S.checked_in, VolunteerShift.ends_at < now),
                and_(ShiftSignUp.status == S.signed_up, VolunteerShift.starts_at <= now),
            ),
        )
        .order_by(col(VolunteerShift.starts_at), col(ShiftSignUp.id))
        .limit(max(1, min(limit, QUEUE_MAX)))
    ).all()
    return [view_of(session, SignUpContext(*row)) for row in rows]


def _read_times(errors: fields.FieldErrors, data: dict, context: SignUpContext) -> tuple[datetime, datetime]:
    check_in_at = fields.local_datetime(errors, data, "check_in_at")
    check_out_at = fields.local_datetime(errors, data, "check_out_at")
    window = rules.correction_window(context.shift.starts_at, context.shift.ends_at)
    for field, moment in (("check_in_at", check_in_at), ("check_out_at", check_out_at)):
        if moment and moment > clock.now():
            errors.add(field, "error.service_time_in_future")
        elif moment and not window.holds(moment):
            errors.add(
                field,
                "error.service_times_outside_shift",
                start=local_text(window.opens),
                end=local_text(window.closes),
            )
    if check_in_at and check_out_at and check_out_at <= check_in_at:
        errors.add("check_out_at", "error.service_times_order")
    return check_in_at, check_out_at


def correct_times(session: Session, actor: Actor, sign_up_id: object, data: dict) -> ServiceRecordView:
    """The coordinator records the check-in and check-out times with a reason (a forgotten check-out, a phone
    with no signal, a no-show recorded by mistake); the sign-up is then checked out, ready to verify."""
    context, version = managed(session, actor, sign_up_id, data.get("version"))
    if context.sign_up.status not in CORRECTABLE:
        raise status_refusal(context.sign_up)
    errors = fields.FieldErrors()
    check_in_at, check_out_at = _read_times(errors, data, context)
    reason = fields.text(errors, data, "reason", max_length=rules.REASON_MAX)
    errors.raise_if_any()
    before = {
        "status": context.sign_up.status,
        "check_in_at": context.sign_up.check_in_at,
        "check_out_at": context.sign_up.check_out_at,
    }
    values = {
        "status": S.checked_out,
        "check_in_at": check_in_at,
        "check_out_at": check_out_at,
        "corrected_by": actor.user_id,
        "correction_reason": reason,
    }
    managed_move(session, actor, context, CORRECTABLE, values, version)
    changed = ["status", "check_in_at", "check_out_at", "correction_reason"]
    audit_step(session, actor, context, "volunteer.correct", changed, reason=reason, before=before)
    tell_volunteer(session, context, "service_times_corrected", reason=reason)
    session.commit()
    return view_of(session, context)


def record_no_show(session: Session, actor: Actor, sign_up_id: object, data: dict) -> ServiceRecordView:
    """Once the shift has started, a volunteer still only signed up (never checked in) did not come."""
    context, version = managed(session, actor, sign_up_id, data.get("version"))
    if context.sign_up.status != S.signed_up:
        raise status_refusal(context.sign_up)
    if clock.now() < context.shift.starts_at:
        raise refuse("status", "error.service_shift_not_started")
    managed_move(session, actor, context, {S.signed_up}, {"status": S.no_show}, version)
    audit_step(session, actor, context, "volunteer.no_show", ["status"])
    tell_volunteer(session, context, "service_no_show")
    session.commit()
    return view_of(session, context)


def _read_minutes(errors: fields.FieldErrors, data: dict, context: SignUpContext, proposed: int) -> int:
    """``verified_minutes`` when given (0 is a valid answer), else the proposed time."""
    raw = data.get("verified_minutes")
    given = "" if raw is None else str(raw).strip()
    if not given:
        return proposed
    most = rules.max_minutes(context.shift.starts_at, context.shift.ends_at)
    minutes = int(given) if given.isascii() and given.isdigit() and not isinstance(raw, bool) else -1
    if not 0 <= minutes <= most:
        errors.add("verified_minutes", "error.service_minutes_range", max=most)
    return minutes


def _read_verification(
    errors: fields.FieldErrors, data: dict, context: SignUpContext
) -> tuple[int, str, int | None]:
    sign_up, shift = context.sign_up, context.shift
    proposed = rules.proposed_minutes(
        sign_up.check_in_at, sign_up.check_out_at, shift.starts_at, shift.ends_at
    )
    minutes = _read_minutes(errors, data, context, proposed)
    reason = fields.text(errors, data, "reason", max_length=rules.REASON_MAX, required=False)
    if minutes != proposed and not reason and "verified_minutes" not in errors.errors:
        errors.add("reason", "error.service_minutes_reason", proposed=proposed)
    rating = None
    if str(data.get("rating") or "").strip():
        rating = fields.whole_number(data.get("rating"))
        if rating not in rules.RATINGS:
            errors.add("rating", "error.service_rating")
    return minutes, reason, rating


def verify_hours(session: Session, actor: Actor, sign_up_id: object, data: dict) -> ServiceRecordView:
    """Counts the service time: ``verified_minutes`` defaults to the proposed time, any other value needs a
    ``reason`` (kept as the record's correction reason); an optional ``rating`` 1–5 is the coordinator's
    evaluation. Earns the volunteer's points in the same transaction."""
    context, version = managed(session, actor, sign_up_id, data.get("version"))
    if context.sign_up.status != S.checked_out:
        if context.sign_up.status == S.verified:
            raise status_refusal(context.sign_up)
        raise refuse("status", "error.service_not_checked_out")
    errors = fields.FieldErrors()
    minutes, reason, rating = _read_verification(errors, data, context)
    errors.raise_if_any()
    values = {
        "status": S.verified,
        "verified_minutes": minutes,
        "verified_by": actor.user_id,
        "verified_at": clock.now(),
        "rating": rating,
    }
    if reason:
        values["correction_reason"] = reason
    managed_move(session, actor, context, {S.checked_out}, values, version)
    entry = points_service.earn_for_sign_up(session, actor, context, minutes)
    earned = entry.points if entry else 0
    changed = ["status", "verified_minutes", "rating", *(["correction_reason"] if reason else [])]
    audit_step(
        session, actor, context, "volunteer.verify", changed, minutes=minutes, points=earned, reason=reason
    )
    hours, rest = rules.hours_and_minutes(minutes)
    tell_volunteer(session, context, "service_hours_verified", hours=hours, minutes=rest, points=earned)
    session.commit()
    return view_of(session, context)
