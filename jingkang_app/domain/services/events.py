"""Caregiver training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10): coordinators and social workers
publish events for an area of their scope, change or cancel them before they start, and take attendance once they
have started; families are told of what concerns them. What each sees is in services.event_views; families sign
up in services.event_sign_ups."""

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Area, EventSignUp, FamilyEvent
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths, may_ever
from jingkang_app.domain.rules import events as rules
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.events import EventKind, EventStatus, SignUpStatus
from jingkang_app.domain.services import event_seats, idempotency
from jingkang_app.domain.services.event_views import (
    EventDetail,
    EventView,
    detail_of,
    event_and_area,
    is_organiser,
    view_of,
)
from jingkang_app.domain.services.notifications import notify

# Changes the families who signed up are told of.
TOLD_OF = ("starts_at", "ends_at", "place")


@dataclass(frozen=True)
class EventSaved:
    event: EventView
    repeat: bool


# --- checks ----------------------------------------------------------------------------------------------


def check_version(session: Session, entity: str, record: FamilyEvent | EventSignUp, version: object) -> int:
    """The version the caller read, if it is still the record's; else StaleVersion naming what changed since."""
    version = fields.whole_number(version)
    if version != record.version:
        raise StaleVersion(field="version", changed=audit.changed_since(session, entity, record.id, version))
    return version


def check_open(event: FamilyEvent) -> None:
    """Sign-ups and changes end when the event is cancelled or has started."""
    if event.status == EventStatus.cancelled:
        raise ValidationFailed({"status": FieldError("error.event_cancelled")})
    if rules.has_started(event.starts_at, clock.now()):
        raise ValidationFailed({"status": FieldError("error.event_started")})


def _organised(
    session: Session, actor: Actor, event_id: object, version: object
) -> tuple[FamilyEvent, Area, int]:
    event, area = event_and_area(session, event_id)
    if not is_organiser(actor, area.path):
        raise PermissionDenied()
    return event, area, check_version(session, "family_event", event, version)


# --- publishing and changing ------------------------------------------------------------------------------


def _read_area(session: Session, errors: fields.FieldErrors, actor: Actor, data: dict) -> Area | None:
    """The area chosen (one inside the organiser's scope), else the organiser's own."""
    if data.get("area_id") in (None, ""):
        path = area_scope_paths(actor, Action.event_publish)[0]
        return session.exec(select(Area).where(Area.path == path)).one()
    area = session.get(Area, fields.whole_number(data.get("area_id")))
    if area is None or not is_organiser(actor, area.path):
        errors.add("area_id", "error.event_area_out_of_scope")
        return None
    return area


def _read_capacity(errors: fields.FieldErrors, data: dict, seats_taken: int) -> int:
    raw = data.get("capacity")
    if raw is None or not str(raw).strip():
        errors.add("capacity", "error.required")
        return 0
    capacity = fields.whole_number(raw)
    key = rules.capacity_error(capacity, seats_taken)
    if key:
        errors.add("capacity", key, max=rules.MAX_CAPACITY, taken=seats_taken)
    return capacity


def _read_event(errors: fields.FieldErrors, data: dict, *, seats_taken: int = 0) -> dict:
    starts_at = fields.local_datetime(errors, data, "starts_at")
    ends_at = fields.local_datetime(errors, data, "ends_at")
    for field, key in rules.schedule_errors(starts_at, ends_at, clock.now()).items():
        errors.add(field, key)
    return {
        "kind": fields.choice(errors, data, "kind", {k.value for k in EventKind}),
        "title": fields.text(errors, data, "title", max_length=rules.TITLE_MAX),
        "place": fields.text(errors, data, "place", max_length=rules.PLACE_MAX),
        "notes": fields.text(errors, data, "notes", max_length=rules.NOTES_MAX, required=False),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": _read_capacity(errors, data, seats_taken),
    }


def publish_event(session: Session, actor: Actor, data: dict) -> EventSaved:
    """Publishes an event; the same ``client_id`` sent again by the same organiser returns the stored one."""
    if not may_ever(actor, Action.event_publish):
        raise PermissionDenied()
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, FamilyEvent, client_id, actor.user_id, owner="created_by")
    if existing:
        return EventSaved(view_of(session, actor, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    area = _read_area(session, errors, actor, data)
    values = _read_event(errors, data)
    errors.raise_if_any()
    event = FamilyEvent(client_id=client_id, area_id=area.id, created_by=actor.user_id, **values)
    stored = idempotency.insert_once(session, event, owner="created_by")
    if stored:
        return EventSaved(view_of(session, actor, stored), repeat=True)
    audit.record(
        session,
        actor,
        "event.publish",
        "family_event",
        event.id,
        area_id=area.id,
        detail={"title": event.title, "starts_at": event.starts_at, "capacity": event.capacity},
    )
    session.commit()
    return EventSaved(view_of(session, actor, event), repeat=False)


def _write(
    session: Session,
    actor: Actor,
    event: FamilyEvent,
    version: int,
    values: dict,
    *,
    capacity: int | None = None,
) -> None:
    """Writes ``values`` and the next version only if the event is still at ``version`` — and, for a new
    ``capacity``, its seats taken still fit in it. The database checks both in the UPDATE itself, so two
    organisers saving at once cannot both win, nor a capacity cut beat a family taking a seat. Otherwise rolls
    back and raises StaleVersion or the capacity error."""
    holds = [] if capacity is None else [FamilyEvent.seats_taken <= capacity]
    written = session.execute(
        update(FamilyEvent)
        .where(FamilyEvent.id == event.id, FamilyEvent.version == version, *holds)
        .values(**values, version=version + 1, updated_by=actor.user_id, updated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if written.rowcount != 1:
        session.rollback()
        session.refresh(event)
        check_version(session, "family_event", event, version)
        raise ValidationFailed(
            {"capacity": FieldError("error.event_capacity_below_taken", {"taken": event.seats_taken})}
        )
    session.refresh(event)


def _audit_change(
    session: Session, actor: Actor, event: FamilyEvent, action: str, changed: list[str]
) -> None:
    audit.record(
        session,
        actor,
        action,
        "family_event",
        event.id,
        area_id=event.area_id,
        detail={"version": event.version, "changed": changed},
    )


def _caregivers(session: Session, event_id: int) -> set[int]:
    """Who signed up or waits: the people to tell of a change."""
    return set(
        session.exec(
            select(EventSignUp.created_by).where(
                EventSignUp.event_id == event_id, col(EventSignUp.status).in_(rules.ACTIVE)
            )
        ).all()
    )


def _tell(session: Session, user_ids: set[int], event: FamilyEvent, kind: str, dedupe: str) -> None:
    notify(
        session,
        user_ids,
        kind,
        params={
            "title": event.title,
            "start": rules.local_text(event.starts_at),
            "place": event.place,
            "reason": event.cancel_reason,
        },
        link=f"/events/{event.id}",
        dedupe=dedupe,
    )


def promote_waiting(session: Session, actor: Actor, event: FamilyEvent) -> list[EventSignUp]:
    """Free seats go to the waiting list in order; each family promoted is told and the change audited."""
    promoted = event_seats.fill_from_waiting(session, event.id, actor.user_id)
    for sign_up in promoted:
        audit.record(
            session,
            actor,
            "event.promote",
            "event_sign_up",
            sign_up.id,
            recipient_id=sign_up.recipient_id,
            area_id=sign_up.area_id,
            detail={"event_id": event.id, "version": sign_up.version, "changed": ["status"]},
        )
        _tell(
            session, {sign_up.created_by}, event, "event_promoted", f"event:{event.id}:promoted:{sign_up.id}"
        )
    session.refresh(event)  # its seat count moved in the database, behind the ORM's back
    return promoted


def update_event(session: Session, actor: Actor, event_id: object, data: dict) -> EventView:
    """Changes title, place, times, capacity or notes before the event starts. The capacity never goes below the
    seats taken; a larger one gives seats to the waiting list. Families are told of a new time or place."""
    event, _, version = _organised(session, actor, event_id, data.get("version"))
    check_open(event)
    errors = fields.FieldErrors()
    values = _read_event(errors, data, seats_taken=event.seats_taken)
    errors.raise_if_any()
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    if not changed:
        return view_of(session, actor, event)
    _write(session, actor, event, version, values, capacity=values["capacity"])
    _audit_change(session, actor, event, "event.update", changed)
    promote_waiting(session, actor, event)
    if set(changed) & set(TOLD_OF):
        told = _caregivers(session, event.id) - {actor.user_id}
        _tell(session, told, event, "event_changed", f"event:{event.id}:v{event.version}")
    session.commit()
    return view_of(session, actor, event)


def cancel_event(session: Session, actor: Actor, event_id: object, data: dict) -> EventView:
    """Cancels an event before it starts, with a reason every family signed up or waiting is told."""
    event, _, version = _organised(session, actor, event_id, data.get("version"))
    check_open(event)
    errors = fields.FieldErrors()
    reason = fields.text(errors, data, "reason", max_length=rules.REASON_MAX)
    errors.raise_if_any()
    values = {
        "status": EventStatus.cancelled,
        "cancel_reason": reason,
        "cancelled_by": actor.user_id,
        "cancelled_at": clock.now(),
    }
    _write(session, actor, event, version, values)
    _audit_change(session, actor, event, "event.cancel", ["status", "cancel_reason"])
    _tell(session, _caregivers(session, event.id), event, "event_cancelled", f"event:{event.id}:cancelled")
    session.commit()
    return view_of(session, actor, event)


# --- attendance -------------------------------------------------------------------------------------------


def _read_attendance(data: dict, seated: dict[int, EventSignUp]) -> dict[int, bool]:
    """``attendance``: [{"sign_up_id": …, "attended": true/false}, …] for sign-ups holding a seat."""
    raw = data.get("attendance")
    errors = fields.FieldErrors()
    marks: dict[int, bool] = {}
    if not isinstance(raw, list) or not raw:
        errors.add("attendance", "error.required")
    for item in raw if isinstance(raw, list) else []:
        item = item if isinstance(item, dict) else {}
        sign_up_id = fields.whole_number(item.get("sign_up_id"))
        if sign_up_id not in seated:
            errors.add("attendance", "error.event_attendance_unknown")
        elif not isinstance(item.get("attended"), bool):
            errors.add("attendance", "error.event_attendance_invalid")
        else:
            marks[sign_up_id] = item["attended"]
    errors.raise_if_any()
    return marks


def record_attendance(session: Session, actor: Actor, event_id: object, data: dict) -> EventDetail:
    """The organiser marks who came, once the event has started (and may correct it later)."""
    event, area, version = _organised(session, actor, event_id, data.get("version"))
    if event.status == EventStatus.cancelled:
        raise ValidationFailed({"status": FieldError("error.event_cancelled")})
    if not rules.has_started(event.starts_at, clock.now()):
        raise ValidationFailed({"status": FieldError("error.event_not_started")})
    seated = {
        s.id: s
        for s in session.exec(
            select(EventSignUp).where(
                EventSignUp.event_id == event.id, EventSignUp.status == SignUpStatus.signed_up
            )
        ).all()
    }
    marks = _read_attendance(data, seated)
    _write(session, actor, event, version, {"attendance_taken_at": clock.now()})
    _audit_change(session, actor, event, "event.attendance", ["attendance"])
    for sign_up_id, attended in marks.items():
        sign_up = seated[sign_up_id]
        if sign_up.attended is attended:
            continue
        sign_up.attended = attended
        sign_up.version += 1
        sign_up.updated_by, sign_up.updated_at = actor.user_id, clock.now()
        session.add(sign_up)
        audit.record(
            session,
            actor,
            "event.attendance",
            "event_sign_up",
            sign_up.id,
            recipient_id=sign_up.recipient_id,
            area_id=sign_up.area_id,
            detail={
                "event_id": event.id,
                "attended": attended,
                "version": sign_up.version,
                "changed": ["attended"],
            },
        )
    session.commit()
    return detail_of(session, actor, event, area, organiser=True)
