"""Volunteer shifts (志愿服务岗位/班次, DOMAIN.md §3.11): a coordinator creates a shift for an area of their scope —
by hand here, or in one tap from the record it serves (services.shift_sources) — and may cancel it before it
starts with a reason every volunteer on it is told. What each sees is services.shift_views and
services.shift_offers; volunteers take seats in services.shift_sign_ups."""

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import StaleVersion
from jingkang_app.domain.models import (
    Area,
    ShiftSignUp,
    TransportRequest,
    Volunteer,
    VolunteerShift,
)
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.events import local_text
from jingkang_app.domain.rules.transport import TransportStatus
from jingkang_app.domain.rules.volunteers import TRAININGS, ShiftKind, ShiftStatus
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.events import check_version
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.shift_sign_ups import audit_step
from jingkang_app.domain.services.shift_views import (
    ShiftView,
    check_open,
    managed_shift,
    shift_view,
)
from jingkang_app.domain.services.sign_up_changes import call_off
from jingkang_app.domain.services.volunteer_views import managed_area, managed_paths

# The fields of the hand-made form; a one-tap call may send any of them to override the source's default.
FORM_FIELDS = (
    "area_id",
    "kind",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "needs_insurance",
    "needs_training",
    "task",
    "first_name",
)


@dataclass(frozen=True)
class ShiftSaved:
    shift: ShiftView
    repeat: bool


# --- reading the form -------------------------------------------------------------------------------------


def _read_area(session: Session, errors: fields.FieldErrors, actor: Actor, data: dict) -> Area | None:
    """The area chosen (one inside the coordinator's scope), else the coordinator's own."""
    if data.get("area_id") in (None, ""):
        return session.exec(select(Area).where(Area.path == managed_paths(actor)[0])).one()
    area = managed_area(session, actor, data.get("area_id"))
    if area is None:
        errors.add("area_id", "error.shift_area_out_of_scope")
    return area


def _read_capacity(errors: fields.FieldErrors, data: dict) -> int:
    if not str(data.get("capacity") if data.get("capacity") is not None else "").strip():
        errors.add("capacity", "error.required")
        return 0
    capacity = fields.whole_number(data.get("capacity"))
    if rules.capacity_error(capacity):
        errors.add("capacity", "error.shift_capacity", max=rules.MAX_CAPACITY)
    return capacity


def read_shift(session: Session, errors: fields.FieldErrors, actor: Actor, data: dict) -> dict:
    starts_at = fields.local_datetime(errors, data, "starts_at")
    ends_at = fields.local_datetime(errors, data, "ends_at")
    for field, key in rules.schedule_errors(starts_at, ends_at, clock.now()).items():
        errors.add(field, key, max=rules.MAX_HOURS)
    area = _read_area(session, errors, actor, data)
    return {
        "area_id": area.id if area else None,
        "kind": fields.choice(errors, data, "kind", {k.value for k in ShiftKind}),
        "place": fields.text(errors, data, "place", max_length=rules.PLACE_MAX),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": _read_capacity(errors, data),
        "needs_insurance": fields.flag(data, "needs_insurance"),
        "needs_training": fields.optional_choice(errors, data, "needs_training", set(TRAININGS)),
        "task": fields.text(errors, data, "task", max_length=rules.TASK_MAX, required=False),
        "first_name": fields.text(
            errors, data, "first_name", max_length=rules.FIRST_NAME_MAX, required=False
        ),
    }


# --- creating ---------------------------------------------------------------------------------------------


def store_shift(
    session: Session,
    actor: Actor,
    client_id: str,
    values: dict,
    *,
    recipient_id: int | None = None,
    **source: int,
) -> tuple[VolunteerShift, bool]:
    """Adds the shift and its audit entry — in the trail of ``recipient_id`` when it serves one person (made from
    their respite request, visit or ride) — (flushes; the caller commits). (stored, True) when the same client id
    arrived twice at once and the other request stored it first."""
    shift = VolunteerShift(client_id=client_id, created_by=actor.user_id, **values, **source)
    stored = idempotency.insert_once(session, shift, owner="created_by")
    if stored:
        return stored, True
    audit.record(
        session,
        actor,
        "shift.create",
        "volunteer_shift",
        shift.id,
        recipient_id=recipient_id,
        area_id=shift.area_id,
        detail={"kind": shift.kind, "starts_at": shift.starts_at, "capacity": shift.capacity, **source},
    )
    return shift, False


def repeat_of(session: Session, actor: Actor, data: dict) -> VolunteerShift | None:
    """The shift this coordinator already stored under the submission's client id, if any."""
    managed_paths(actor)
    return idempotency.stored_repeat(
        session, VolunteerShift, idempotency.client_id_of(data), actor.user_id, owner="created_by"
    )


def create_from(
    session: Session, actor: Actor, data: dict, *, recipient_id: int | None = None, **source: int
) -> ShiftSaved:
    """Reads the form in ``data`` and stores the shift, linked to its ``source`` record if any."""
    client_id = idempotency.client_id_of(data)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    values = read_shift(session, errors, actor, data)
    errors.raise_if_any()
    shift, repeat = store_shift(session, actor, client_id, values, recipient_id=recipient_id, **source)
    if not repeat:
        session.commit()
    return ShiftSaved(shift_view(session, shift), repeat)


def create_shift(session: Session, actor: Actor, data: dict) -> ShiftSaved:
    """A shift made by hand; the same ``client_id`` again returns the stored one."""
    existing = repeat_of(session, actor, data)
    if existing:
        return ShiftSaved(shift_view(session, existing), repeat=True)
    return create_from(session, actor, data)


# --- cancelling -------------------------------------------------------------------------------------------


def _cancel_sign_ups(session: Session, actor: Actor, shift: VolunteerShift) -> set[int]:
    """Calls off every invitation and seat on the shift; returns the users of the volunteers to tell."""
    rows = session.exec(
        select(ShiftSignUp, Volunteer.user_id)
        .join(Volunteer, Volunteer.id == ShiftSignUp.volunteer_id)
        .where(ShiftSignUp.shift_id == shift.id, col(ShiftSignUp.status).in_(rules.CANCELLABLE))
    ).all()
    told = set()
    for sign_up, user_id in rows:
        if call_off(session, actor, sign_up):
            audit_step(session, actor, sign_up, "shift.cancel_sign_up", shift.area_id, shift_cancelled=True)
            told |= {user_id} if user_id else set()
    return told


def _reopen_transport(session: Session, actor: Actor, shift: VolunteerShift) -> None:
    """A transport request the shift filled waits for another shift; its requester is told."""
    for request in session.exec(
        select(TransportRequest).where(
            TransportRequest.shift_id == shift.id, TransportRequest.status == TransportStatus.filled
        )
    ).all():
        request.status, request.shift_id = TransportStatus.requested, None
        request.version += 1
        request.updated_by, request.updated_at = actor.user_id, clock.now()
        session.add(request)
        audit.record(
            session,
            actor,
            "transport.reopen",
            "transport_request",
            request.id,
            recipient_id=request.recipient_id,
            area_id=request.area_id,
            detail={"version": request.version, "changed": ["status", "shift_id"]},
        )
        notify(
            session,
            {request.created_by},
            "transport_reopened",
            params={"time": local_text(request.wanted_at), "reason": shift.cancel_reason},
            link=f"/transport?rid={request.recipient_id}",
            dedupe=f"transport:{request.id}:v{request.version}",
        )


def cancel_shift(session: Session, actor: Actor, shift_id: object, data: dict) -> ShiftView:
    """Cancels a shift before it starts, with a reason: every invitation and seat on it is called off and the
    volunteers are told; a transport request it filled goes back to waiting."""
    shift, _ = managed_shift(session, actor, shift_id)
    version = check_version(session, "volunteer_shift", shift, data.get("version"))
    check_open(shift)
    errors = fields.FieldErrors()
    reason = fields.text(errors, data, "reason", max_length=rules.REASON_MAX)
    errors.raise_if_any()
    written = session.execute(
        update(VolunteerShift)
        .where(VolunteerShift.id == shift.id, VolunteerShift.version == version)
        .values(
            status=ShiftStatus.cancelled,
            cancel_reason=reason,
            version=version + 1,
            updated_by=actor.user_id,
            updated_at=clock.now(),
        )
        .execution_options(synchronize_session=False)
    )
    if written.rowcount != 1:
        session.rollback()
        session.refresh(shift)
        check_version(session, "volunteer_shift", shift, version)
        raise StaleVersion(field="version")
    session.refresh(shift)
    audit.record(
        session,
        actor,
        "shift.cancel",
        "volunteer_shift",
        shift.id,
        area_id=shift.area_id,
        detail={"version": shift.version, "changed": ["status", "cancel_reason"], "reason": reason},
    )
    told = _cancel_sign_ups(session, actor, shift)
    notify(
        session,
        told - {actor.user_id},
        "shift_cancelled",
        params={"start": local_text(shift.starts_at), "place": shift.place, "reason": reason},
        link="/volunteer",
        dedupe=f"shift:{shift.id}:cancelled",
    )
    _reopen_transport(session, actor, shift)
    session.commit()
    return shift_view(session, shift)
