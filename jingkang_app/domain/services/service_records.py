"""志愿服务记录 (DOMAIN.md §3.11, §5): the volunteer checks in and out of a shift on their phone (here); a
coordinator corrects the times with a reason, records a no-show, and verifies the service time — hours count only
once verified, and verifying earns the volunteer's points in the same transaction (services.service_review). The
windows, the default verified time and the points are rules.volunteer_hours.

Every change is a conditional UPDATE on the sign-up's status (and, for a coordinator, the version they read), so
two taps, two devices or two coordinators at once move it only once: a resent check-in or check-out returns the
record as it stands, a second verification is refused and never counted twice."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import PointsEntry, ShiftSignUp
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_hours as rules
from jingkang_app.domain.rules.events import local_text
from jingkang_app.domain.rules.volunteers import ShiftStatus, SignUpStatus
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.volunteer_access import (
    SignUpContext,
    is_self,
    manages,
    require_manager,
    require_self,
    sign_up_context,
)

S = SignUpStatus
CHECKED_IN_OR_LATER = {S.checked_in, S.checked_out, S.verified}
CORRECTABLE = {S.signed_up, S.checked_in, S.checked_out, S.no_show}
ENTITY = "shift_sign_up"
# Why a check-in or check-out at this moment is refused (rules.moment_of's "early" / "late").
OUTSIDE_WINDOW = {
    ("check_in", "early"): "error.service_check_in_not_open",
    ("check_in", "late"): "error.service_check_in_closed",
    ("check_out", "early"): "error.service_check_out_not_open",
    ("check_out", "late"): "error.service_check_out_closed",
}


@dataclass(frozen=True)
class ServiceRecordView:
    """One volunteer on one shift, as the volunteer and the coordinator see it (no recipient data: the shift's
    task and first name are all a volunteer is told)."""

    id: int
    shift_id: int
    volunteer_id: int
    volunteer_name: str
    status: str
    kind: str
    task: str
    first_name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    check_in_at: datetime | None
    check_out_at: datetime | None
    correction_reason: str
    proposed_minutes: int | None  # what verification would count by default, once checked out
    verified_minutes: int | None
    verified_at: datetime | None
    rating: int | None
    points: int | None  # earned by the verification
    version: int


def view_of(session: Session, context: SignUpContext) -> ServiceRecordView:
    sign_up, shift = context.sign_up, context.shift
    proposed = None
    if sign_up.check_in_at and sign_up.check_out_at:
        proposed = rules.proposed_minutes(
            sign_up.check_in_at, sign_up.check_out_at, shift.starts_at, shift.ends_at
        )
    earned = session.exec(
        select(PointsEntry.points).where(PointsEntry.shift_sign_up_id == sign_up.id)
    ).first()
    return ServiceRecordView(
        id=sign_up.id,
        shift_id=shift.id,
        volunteer_id=context.volunteer.id,
        volunteer_name=context.volunteer.name,
        status=sign_up.status,
        kind=shift.kind,
        task=shift.task,
        first_name=shift.first_name,
        place=shift.place,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        check_in_at=sign_up.check_in_at,
        check_out_at=sign_up.check_out_at,
        correction_reason=sign_up.correction_reason,
        proposed_minutes=proposed,
        verified_minutes=sign_up.verified_minutes,
        verified_at=sign_up.verified_at,
        rating=sign_up.rating,
        points=earned,
        version=sign_up.version,
    )


def service_record(session: Session, actor: Actor, sign_up_id: object) -> ServiceRecordView:
    """For the volunteer themselves or a coordinator of the shift's area."""
    context = sign_up_context(session, sign_up_id)
    if not (is_self(actor, context.volunteer) or manages(actor, context.volunteer, context.area_path)):
        raise PermissionDenied()
    return view_of(session, context)


# --- shared steps ---------------------------------------------------------------------------------------------


def refuse(field: str, key: str, **params: object) -> ValidationFailed:
    return ValidationFailed({field: FieldError(key, params)})


def status_refusal(sign_up: ShiftSignUp) -> ValidationFailed:
    if sign_up.status == S.verified:
        return refuse("status", "error.service_already_verified")
    return refuse("status", "error.service_record_status")


def check_version(session: Session, sign_up: ShiftSignUp, version: object) -> int:
    version = fields.whole_number(version)
    if version != sign_up.version:
        raise StaleVersion(field="version", changed=audit.changed_since(session, ENTITY, sign_up.id, version))
    return version


def move(
    session: Session,
    actor: Actor,
    sign_up: ShiftSignUp,
    from_statuses: set[SignUpStatus],
    values: dict,
    *,
    version: int | None = None,
) -> bool:
    """Writes ``values`` and the next version if the sign-up is still in one of ``from_statuses`` (and at
    ``version``); otherwise rolls back, reloads it and returns False."""
    still = [] if version is None else [ShiftSignUp.version == version]
    moved = session.execute(
        update(ShiftSignUp)
        .where(ShiftSignUp.id == sign_up.id, col(ShiftSignUp.status).in_(from_statuses), *still)
        .values(**values, version=ShiftSignUp.version + 1, updated_by=actor.user_id, updated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        session.rollback()
    session.refresh(sign_up)
    return moved.rowcount == 1


def managed_move(
    session: Session, actor: Actor, context: SignUpContext, from_statuses: set, values: dict, version: int
) -> None:
    if not move(session, actor, context.sign_up, from_statuses, values, version=version):
        check_version(session, context.sign_up, version)
        raise status_refusal(context.sign_up)


def audit_step(
    session: Session, actor: Actor, context: SignUpContext, action: str, changed: list[str], **detail
) -> None:
    audit.record(
        session,
        actor,
        action,
        ENTITY,
        context.sign_up.id,
        area_id=context.shift.area_id,
        detail={"version": context.sign_up.version, "changed": changed, **detail},
    )


def tell_volunteer(session: Session, context: SignUpContext, kind: str, **params: object) -> None:
    if context.volunteer.user_id:
        notify(
            session,
            {context.volunteer.user_id},
            kind,
            params={"date": local_text(context.shift.starts_at), "task": context.shift.task, **params},
            link="/volunteer",
            dedupe=f"sign_up:{context.sign_up.id}:{kind}:v{context.sign_up.version}",
        )


def managed(session: Session, actor: Actor, sign_up_id: object, version: object) -> tuple[SignUpContext, int]:
    """A sign-up a coordinator of its shift's area changes (never their own), at the version they read."""
    context = sign_up_context(session, sign_up_id)
    require_manager(actor, context.volunteer, context.area_path)
    return context, check_version(session, context.sign_up, version)


# --- the volunteer: check-in and check-out --------------------------------------------------------------------


def _clock_step(
    session: Session, actor: Actor, sign_up_id: object, data: dict, step: str
) -> ServiceRecordView:
    """Check-in (``step`` "check_in") or check-out, by the volunteer on their own sign-up."""
    context = sign_up_context(session, sign_up_id)
    require_self(actor, context.volunteer)
    sign_up, shift = context.sign_up, context.shift
    done = CHECKED_IN_OR_LATER if step == "check_in" else {S.checked_out, S.verified}
    if sign_up.status in done:  # sent again (a double tap, an outbox retry): nothing changes
        return view_of(session, context)
    needed = S.signed_up if step == "check_in" else S.checked_in
    if sign_up.status != needed:
        if step == "check_out" and sign_up.status == S.signed_up:
            raise refuse("status", "error.service_not_checked_in")
        raise status_refusal(sign_up)
    if step == "check_in" and shift.status == ShiftStatus.cancelled:
        raise refuse("status", "error.service_shift_cancelled")
    errors = fields.FieldErrors()
    captured = fields.local_datetime(errors, data, "captured_at", required=False)
    errors.raise_if_any()
    if step == "check_in":
        window = rules.check_in_window(shift.starts_at, shift.ends_at)
    else:
        window = rules.check_out_window(sign_up.check_in_at, shift.ends_at)
    deadline = shift.ends_at + rules.CHECK_OUT_LATE
    moment, refusal = rules.moment_of(clock.now(), captured, window, deadline)
    if refusal == "future":
        raise refuse("captured_at", "error.service_captured_in_future")
    if refusal:
        raise refuse("status", OUTSIDE_WINDOW[step, refusal], opens=local_text(window.opens))
    new_status = S.checked_in if step == "check_in" else S.checked_out
    if not move(session, actor, sign_up, {needed}, {"status": new_status, f"{step}_at": moment}):
        if sign_up.status in done:
            return view_of(session, context)
        raise status_refusal(sign_up)
    audit_step(
        session, actor, context, f"volunteer.{step}", ["status", f"{step}_at"], captured=captured is not None
    )
    session.commit()
    return view_of(session, context)


def check_in(session: Session, actor: Actor, sign_up_id: object, data: dict) -> ServiceRecordView:
    """From 60 minutes before the shift until it ends; ``captured_at`` only for an offline device (see rules)."""
    return _clock_step(session, actor, sign_up_id, data, "check_in")


def check_out(session: Session, actor: Actor, sign_up_id: object, data: dict) -> ServiceRecordView:
    """After the check-in, until 6 hours after the shift ends."""
    return _clock_step(session, actor, sign_up_id, data, "check_out")
