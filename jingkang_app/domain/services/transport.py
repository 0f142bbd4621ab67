"""Free transport and accompanied trips (免费接送/陪伴出行, DOMAIN.md §3.8): a caregiver for their relative, or a
social worker for a recipient of their area, asks for a ride (or a trip with someone along) to the service site;
the area's coordinators are told and see the requests waiting; one call fills a request with a 接送 shift (the
requester is told), and the requester may cancel it until then. If the shift is cancelled the request waits again
(services.shifts).

The shift tells volunteers only what the ride needs: the pickup point as the meeting place, "pickup → destination"
as the task, the recipient's given name. The family's note stays with the request (it may say more than a
volunteer should know): the pickup field is what the volunteer will read."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, Recipient, Role, TransportRequest, User, VolunteerShift
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import transport as rules
from jingkang_app.domain.rules import volunteer_shifts as shift_rules
from jingkang_app.domain.rules.events import local_text
from jingkang_app.domain.rules.transport import TransportStatus
from jingkang_app.domain.rules.volunteers import ShiftKind
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.events import check_version
from jingkang_app.domain.services.notifications import coordinators_over, notify
from jingkang_app.domain.services.recipients import recipient_for
from jingkang_app.domain.services.shift_views import ShiftView, manages_area, shift_view
from jingkang_app.domain.services.shifts import FORM_FIELDS, read_shift, store_shift
from jingkang_app.domain.services.volunteer_views import managed_paths

ENTITY = "transport_request"
QUEUE_LINK = "/transport"


@dataclass(frozen=True)
class TransportView:
    id: int
    client_id: str
    recipient_id: int
    recipient_name: str
    area_name: str
    requested_by: str
    accompanied: bool
    pickup: str
    destination: str
    wanted_at: datetime
    note: str
    status: str  # rules.transport.TransportStatus
    shift_id: int | None
    created_at: datetime
    version: int


@dataclass(frozen=True)
class TransportSaved:
    request: TransportView
    repeat: bool


@dataclass(frozen=True)
class TransportFilled:
    request: TransportView
    shift: ShiftView
    repeat: bool


def _views(session: Session, *conditions, offset: int = 0, limit: int = 100, newest: bool = False) -> list:
    order = col(TransportRequest.wanted_at).desc() if newest else col(TransportRequest.wanted_at)
    rows = session.exec(
        select(TransportRequest, Recipient.name, Area.name, User.name)
        .join(Recipient, Recipient.id == TransportRequest.recipient_id)
        .join(Area, Area.id == TransportRequest.area_id)
        .join(User, User.id == TransportRequest.created_by)
        .where(*conditions)
        .order_by(order, TransportRequest.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        TransportView(
            id=r.id,
            client_id=r.client_id,
            recipient_id=r.recipient_id,
            recipient_name=recipient_name,
            area_name=area_name,
            requested_by=requested_by,
            accompanied=r.accompanied,
            pickup=r.pickup,
            destination=r.destination,
            wanted_at=r.wanted_at,
            note=r.note,
            status=r.status,
            shift_id=r.shift_id,
            created_at=r.created_at,
            version=r.version,
        )
        for r, recipient_name, area_name, requested_by in rows
    ]


def view_of(session: Session, request: TransportRequest) -> TransportView:
    return _views(session, TransportRequest.id == request.id)[0]


# --- asking -----------------------------------------------------------------------------------------------


def request_transport(session: Session, actor: Actor, data: dict) -> TransportSaved:
    """Asks for a ride for ``recipient_id``; the same ``client_id`` again returns the stored request."""
    recipient = recipient_for(session, actor, Action.transport_request, data.get("recipient_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, TransportRequest, client_id, recipient.id)
    if existing:
        return TransportSaved(view_of(session, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    wanted_at = fields.local_datetime(errors, data, "wanted_at")
    if wanted_at and wanted_at <= clock.now():
        errors.add("wanted_at", "error.transport_time_in_past")
    request = TransportRequest(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        accompanied=fields.flag(data, "accompanied"),
        pickup=fields.text(errors, data, "pickup", max_length=rules.PLACE_MAX),
        destination=fields.text(errors, data, "destination", max_length=rules.PLACE_MAX),
        wanted_at=wanted_at,
        note=fields.text(errors, data, "note", max_length=rules.NOTE_MAX, required=False),
        created_by=actor.user_id,
    )
    errors.raise_if_any()
    stored = idempotency.insert_once(session, request)
    if stored:
        return TransportSaved(view_of(session, stored), repeat=True)
    audit.record(
        session,
        actor,
        "transport.request",
        ENTITY,
        request.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"wanted_at": wanted_at, "accompanied": request.accompanied},
    )
    area_path = session.get(Area, recipient.area_id).path
    notify(
        session,
        coordinators_over(session, area_path, Role.township_coordinator) - {actor.user_id},
        "transport_requested",
        params={"time": local_text(wanted_at), "destination": request.destination},
        link=QUEUE_LINK,
        dedupe=f"transport:{request.id}:requested",
    )
    session.commit()
    return TransportSaved(view_of(session, request), repeat=False)


def requests_of(session: Session, actor: Actor, recipient_id: object) -> list[TransportView]:
    """One recipient's requests, latest wanted time first (for those who may ask for them)."""
    recipient = recipient_for(session, actor, Action.transport_request, recipient_id)
    return _views(session, TransportRequest.recipient_id == recipient.id, newest=True)


def transport_queue(
    session: Session,
    actor: Actor,
    *,
    status: str = TransportStatus.requested,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[TransportView], int]:
    """The coordinator's requests in their area in one status, soonest wanted first, with the total."""
    paths = managed_paths(actor)
    if status not in {s.value for s in TransportStatus}:
        raise ValidationFailed({"status": FieldError("error.invalid_choice")})
    in_area = TransportRequest.area_id.in_(
        select(Area.id).where(or_(*[col(Area.path).startswith(p) for p in paths]))
    )
    conditions = (TransportRequest.status == status, in_area)
    total = session.exec(select(func.count()).select_from(TransportRequest).where(*conditions)).one()
    return _views(session, *conditions, offset=offset, limit=limit), total


# --- filling and cancelling -------------------------------------------------------------------------------


def _request(session: Session, request_id: object) -> TransportRequest:
    request = session.get(TransportRequest, fields.whole_number(request_id))
    if request is None:
        raise NotFound()
    return request


def _not_requested() -> ValidationFailed:
    return ValidationFailed({"status": FieldError("error.transport_not_requested")})


def _move(
    session: Session, actor: Actor, request: TransportRequest, version: int, action: str, **values
) -> None:
    """Writes ``values`` if the request still waits at ``version`` — one conditional UPDATE, so a coordinator
    filling it and the family cancelling it at the same moment cannot both win — and audits; else rolls back and
    raises StaleVersion or the refusal."""
    written = session.execute(
        update(TransportRequest)
        .where(
            TransportRequest.id == request.id,
            TransportRequest.version == version,
            TransportRequest.status == TransportStatus.requested,
        )
        .values(**values, version=version + 1, updated_by=actor.user_id, updated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if written.rowcount != 1:
        session.rollback()
        session.refresh(request)
        check_version(session, ENTITY, request, version)
        raise _not_requested()
    session.refresh(request)
    audit.record(
        session,
        actor,
        action,
        ENTITY,
        request.id,
        recipient_id=request.recipient_id,
        area_id=request.area_id,
        detail={"version": request.version, "changed": list(values)},
    )


def _read_version(session: Session, request: TransportRequest, data: dict) -> int:
    version = check_version(session, ENTITY, request, data.get("version"))
    if request.status != TransportStatus.requested:
        raise _not_requested()
    return version


def fill_transport(session: Session, actor: Actor, request_id: object, data: dict) -> TransportFilled:
    """A coordinator of the request's area fills it with a 接送 shift in one call (any field of the shift form may
    be sent to change its default); the requester is told. The same ``client_id`` again returns the same pair."""
    request = _request(session, request_id)
    area = session.get(Area, request.area_id)
    if not manages_area(actor, area.path):
        raise PermissionDenied()
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(
        session, VolunteerShift, client_id, actor.user_id, owner="created_by"
    )
    if existing and request.shift_id == existing.id:
        return TransportFilled(view_of(session, request), shift_view(session, existing), repeat=True)
    version = _read_version(session, request, data)
    recipient = session.get(Recipient, request.recipient_id)
    defaults = {
        "area_id": area.id,
        "kind": ShiftKind.transport,
        "place": request.pickup,
        "starts_at": request.wanted_at,
        "ends_at": request.wanted_at + rules.trip_length(request.accompanied),
        "capacity": 1,
        "needs_insurance": shift_rules.ONE_TAP_NEEDS[ShiftKind.transport][0],
        "task": rules.route(request.pickup, request.destination, shift_rules.TASK_MAX),
        "first_name": shift_rules.given_name(recipient.name),
    }
    given = {name: data[name] for name in FORM_FIELDS if data.get(name) not in (None, "")}
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    values = read_shift(session, errors, actor, defaults | given)
    errors.raise_if_any()
    shift, repeat = store_shift(session, actor, client_id, values, recipient_id=request.recipient_id)
    if repeat:
        session.refresh(request)
        return TransportFilled(view_of(session, request), shift_view(session, shift), repeat=True)
    _move(
        session, actor, request, version, "transport.fill", status=TransportStatus.filled, shift_id=shift.id
    )
    notify(
        session,
        {request.created_by} - {actor.user_id},
        "transport_filled",
        params={"time": local_text(shift.starts_at), "place": shift.place},
        link=f"/transport?rid={request.recipient_id}",
        dedupe=f"transport:{request.id}:filled",
    )
    session.commit()
    return TransportFilled(view_of(session, request), shift_view(session, shift), repeat=False)


def cancel_transport(session: Session, actor: Actor, request_id: object, data: dict) -> TransportView:
    """The requester (or whoever may ask for that recipient) cancels before the request is filled."""
    request = _request(session, request_id)
    recipient_for(session, actor, Action.transport_request, request.recipient_id)
    version = _read_version(session, request, data)
    _move(session, actor, request, version, "transport.cancel", status=TransportStatus.cancelled)
    session.commit()
    return view_of(session, request)
