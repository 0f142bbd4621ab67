"""Answering and calling off a place on a shift (DOMAIN.md §3.11, §5): the volunteer accepts an invitation (taking a
seat, with the same checks as signing up) or declines it; the volunteer gives back their seat until
volunteer.cancel_hours before the start, a coordinator calls off a seat or an invitation at any time; a volunteer
paused or leaving gives back every place on shifts to come. A seat given back is free for others at once."""

from sqlalchemy import update
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import PermissionDenied, StaleVersion
from jingkang_app.domain.models import ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.volunteers import SignUpStatus
from jingkang_app.domain.services import seats
from jingkang_app.domain.services.service_records import check_version, move
from jingkang_app.domain.services.shift_sign_ups import (
    SignUpView,
    audit_step,
    check_fit,
    check_free,
    refuse,
    sign_up_view,
    take_seat,
    tell,
)
from jingkang_app.domain.services.shift_views import cancel_hours, check_open
from jingkang_app.domain.services.volunteer_access import (
    SignUpContext,
    is_self,
    manages,
    require_self,
    sign_up_context,
)


def _moved(
    session: Session, actor: Actor, sign_up: ShiftSignUp, old: SignUpStatus, values: dict, version: int
) -> None:
    """Moves the sign-up on from ``old`` at ``version``, else (someone moved it first) StaleVersion."""
    if not move(session, actor, sign_up, {old}, values, version=version):
        check_version(session, sign_up, version)
        raise StaleVersion(field="version", changed=["status"])


def _answer(session: Session, actor: Actor, sign_up_id: object, data: dict) -> tuple[SignUpContext, int]:
    context = sign_up_context(session, sign_up_id)
    require_self(actor, context.volunteer)
    version = check_version(session, context.sign_up, data.get("version"))
    if context.sign_up.status != SignUpStatus.invited:
        raise refuse("error.shift_not_invited")
    return context, version


def accept(session: Session, actor: Actor, sign_up_id: object, data: dict) -> SignUpView:
    """The volunteer takes the seat they were invited to, if one is still free and they may take it."""
    context, version = _answer(session, actor, sign_up_id, data)
    sign_up, shift, volunteer = context.sign_up, context.shift, context.volunteer
    check_open(shift)
    check_fit(session, volunteer, shift)
    check_free(session, volunteer, shift)
    take_seat(session, shift)
    _moved(session, actor, sign_up, SignUpStatus.invited, {"status": SignUpStatus.signed_up}, version)
    audit_step(session, actor, sign_up, "shift.accept", shift.area_id)
    told = {sign_up.invited_by or shift.created_by}
    tell(session, told, "shift_accepted", shift, f"sign_up:{sign_up.id}:accepted", name=volunteer.name)
    session.commit()
    return sign_up_view(sign_up, volunteer)


def decline(session: Session, actor: Actor, sign_up_id: object, data: dict) -> SignUpView:
    """The volunteer says no to an invitation (it is cancelled; they may still sign up later)."""
    context, version = _answer(session, actor, sign_up_id, data)
    sign_up, shift, volunteer = context.sign_up, context.shift, context.volunteer
    values = {"status": SignUpStatus.cancelled, "cancelled_at": clock.now()}
    _moved(session, actor, sign_up, SignUpStatus.invited, values, version)
    audit_step(session, actor, sign_up, "shift.decline", shift.area_id)
    told = {sign_up.invited_by or shift.created_by}
    tell(session, told, "shift_declined", shift, f"sign_up:{sign_up.id}:declined", name=volunteer.name)
    session.commit()
    return sign_up_view(sign_up, volunteer)


def cancel_sign_up(session: Session, actor: Actor, sign_up_id: object, data: dict) -> SignUpView:
    """The volunteer gives back their seat until volunteer.cancel_hours before the start (an invitation they
    decline instead); a coordinator of the shift's area calls off a seat or an invitation at any time. A seat
    given back is free for others at once; the other side is told."""
    context = sign_up_context(session, sign_up_id)
    sign_up, shift, volunteer = context.sign_up, context.shift, context.volunteer
    coordinator = manages(actor, volunteer, context.area_path)
    if not (coordinator or is_self(actor, volunteer)):
        raise PermissionDenied()
    version = check_version(session, sign_up, data.get("version"))
    status = SignUpStatus(sign_up.status)
    if status not in (rules.CANCELLABLE if coordinator else (SignUpStatus.signed_up,)):
        raise refuse("error.shift_sign_up_not_cancellable")
    hours = cancel_hours(session, context.area_path)
    if not coordinator and not rules.may_cancel_self(shift.starts_at, clock.now(), hours):
        raise refuse("error.shift_cancel_too_late", hours=hours)
    _moved(
        session,
        actor,
        sign_up,
        status,
        {"status": SignUpStatus.cancelled, "cancelled_at": clock.now()},
        version,
    )
    if status == SignUpStatus.signed_up:
        seats.release_seat(session, VolunteerShift, shift.id)
    audit_step(session, actor, sign_up, "shift.cancel_sign_up", shift.area_id, by_coordinator=coordinator)
    if coordinator:
        told, kind = {volunteer.user_id} - {None}, "shift_called_off"
    else:
        told, kind = {shift.created_by}, "shift_volunteer_cancelled"
    tell(session, told, kind, shift, f"sign_up:{sign_up.id}:cancelled", name=volunteer.name)
    session.commit()
    return sign_up_view(sign_up, volunteer)


def release_future(session: Session, actor: Actor, volunteer: Volunteer) -> None:
    """A volunteer paused or leaving gives back every seat and invitation on shifts not yet started; the shifts'
    coordinators are told (the caller commits)."""
    rows = session.exec(
        select(ShiftSignUp, VolunteerShift)
        .join(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .where(
            ShiftSignUp.volunteer_id == volunteer.id,
            col(ShiftSignUp.status).in_(rules.CANCELLABLE),
            VolunteerShift.starts_at > clock.now(),
        )
    ).all()
    for sign_up, shift in rows:
        held = sign_up.status == SignUpStatus.signed_up
        if not call_off(session, actor, sign_up):
            continue
        if held:
            seats.release_seat(session, VolunteerShift, shift.id)
        audit_step(session, actor, sign_up, "shift.cancel_sign_up", shift.area_id, volunteer_off_duty=True)
        tell(
            session,
            {shift.created_by},
            "shift_volunteer_cancelled",
            shift,
            f"sign_up:{sign_up.id}:cancelled",
            name=volunteer.name,
        )


def call_off(session: Session, actor: Actor, sign_up: ShiftSignUp) -> bool:
    """Cancels an invitation or a seat, if it is still as it was read (no rollback when it moved on meanwhile: it
    runs inside the caller's larger change — a cancelled shift, a volunteer paused). The caller gives back the seat
    a sign-up read as signed up held, and audits."""
    moved = session.execute(
        update(ShiftSignUp)
        .where(
            ShiftSignUp.id == sign_up.id,
            ShiftSignUp.status == sign_up.status,
            col(ShiftSignUp.status).in_(rules.CANCELLABLE),
        )
        .values(
            status=SignUpStatus.cancelled,
            cancelled_at=clock.now(),
            version=ShiftSignUp.version + 1,
            updated_by=actor.user_id,
            updated_at=clock.now(),
        )
        .execution_options(synchronize_session=False)
    )
    session.refresh(sign_up)
    return moved.rowcount == 1
