"""Families signing up for training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10): a caregiver takes a
seat for their family, or — when the event is full and they ask for it — a place on the waiting list; cancelling
frees the seat for the first family waiting, who is told. One live sign-up per caregiver and event."""

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, StaleVersion, ValidationFailed
from jingkang_app.domain.models import EventSignUp
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import events as rules
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.events import SignUpStatus
from jingkang_app.domain.services import event_seats, idempotency
from jingkang_app.domain.services.event_views import SignUpView, area_path_of, event_and_area, sign_up_view
from jingkang_app.domain.services.events import check_open, check_version, promote_waiting
from jingkang_app.domain.services.recipients import recipient_for


def _already_signed_up() -> ValidationFailed:
    return ValidationFailed({"status": FieldError("error.event_already_signed_up")})


@dataclass(frozen=True)
class SignUpSaved:
    sign_up: SignUpView
    repeat: bool


def _live_sign_up(session: Session, event_id: int, caregiver_id: int) -> EventSignUp | None:
    return session.exec(
        select(EventSignUp).where(
            EventSignUp.event_id == event_id,
            EventSignUp.created_by == caregiver_id,
            col(EventSignUp.status).in_(rules.ACTIVE),
        )
    ).first()


def sign_up(session: Session, actor: Actor, event_id: object, data: dict) -> SignUpSaved:
    """Signs the caregiver up for ``recipient_id``'s family. When the event is full it is refused, unless
    ``waitlist`` is true: then the sign-up waits, with its place in the queue. The same ``client_id`` again
    returns the stored sign-up."""
    event, area = event_and_area(session, event_id)
    recipient = recipient_for(session, actor, Action.event_join, data.get("recipient_id"))
    if not rules.is_open_to(area.path, area_path_of(session, recipient)):
        raise PermissionDenied()
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, EventSignUp, client_id, recipient.id)
    if existing:
        return SignUpSaved(sign_up_view(session, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    errors.raise_if_any()
    check_open(event)
    if _live_sign_up(session, event.id, actor.user_id):
        raise _already_signed_up()
    if event_seats.take_seat(session, event.id):
        status = SignUpStatus.signed_up
    elif fields.flag(data, "waitlist"):
        status = SignUpStatus.waiting
    else:
        raise ValidationFailed({"waitlist": FieldError("error.event_full", {"capacity": event.capacity})})
    record = EventSignUp(
        client_id=client_id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        created_by=actor.user_id,
        event_id=event.id,
        status=status,
    )
    try:
        stored = idempotency.insert_once(session, record)
    except IntegrityError:
        # The caregiver's other sign-up (another client id), sent at the same moment, was stored first; this
        # transaction, with the seat it took, is rolled back.
        raise _already_signed_up() from None
    if stored:
        return SignUpSaved(sign_up_view(session, stored), repeat=True)
    audit.record(
        session,
        actor,
        "event.sign_up",
        "event_sign_up",
        record.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"event_id": event.id, "status": status},
    )
    session.commit()
    return SignUpSaved(sign_up_view(session, record), repeat=False)


def cancel_sign_up(session: Session, actor: Actor, sign_up_id: object, data: dict) -> SignUpView:
    """Cancels before the event starts. A seat it held goes to the first family waiting."""
    record = session.get(EventSignUp, fields.whole_number(sign_up_id))
    if record is None:
        raise NotFound()
    recipient_for(session, actor, Action.event_join, record.recipient_id)
    version = check_version(session, "event_sign_up", record, data.get("version"))
    if record.status == SignUpStatus.cancelled:
        raise ValidationFailed({"status": FieldError("error.event_sign_up_cancelled")})
    event, _ = event_and_area(session, record.event_id)
    check_open(event)
    held_seat = record.status == SignUpStatus.signed_up
    if not event_seats.set_status(
        session,
        record.id,
        SignUpStatus(record.status),
        SignUpStatus.cancelled,
        actor.user_id,
        version=version,
    ):
        session.rollback()
        raise StaleVersion(field="version", changed=["status"])
    session.refresh(record)
    audit.record(
        session,
        actor,
        "event.cancel_sign_up",
        "event_sign_up",
        record.id,
        recipient_id=record.recipient_id,
        area_id=record.area_id,
        detail={"event_id": event.id, "version": record.version, "changed": ["status"]},
    )
    if held_seat:
        event_seats.release_seat(session, event.id)
        promote_waiting(session, actor, event)
    session.commit()
    return sign_up_view(session, record)
