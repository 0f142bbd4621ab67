"""Seats at an event and its waiting list, safe under concurrent sign-ups (the caller commits).

A seat is taken and given back by the conditional UPDATEs of services.seats (why: see there). A promotion from the
waiting list is conditional the same way (``WHERE status = 'waiting'``), so two cancellations at once cannot
promote the same family twice.
"""

from sqlalchemy import update
from sqlmodel import Session, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import EventSignUp, FamilyEvent
from jingkang_app.domain.rules.events import EventStatus, SignUpStatus
from jingkang_app.domain.services import seats


def take_seat(session: Session, event_id: int) -> bool:
    """One seat more is taken, if one is free at an event still scheduled."""
    return seats.take_seat(session, FamilyEvent, event_id, EventStatus.scheduled)


def release_seat(session: Session, event_id: int) -> None:
    seats.release_seat(session, FamilyEvent, event_id)


def set_status(
    session: Session,
    sign_up_id: int,
    old: SignUpStatus,
    new: SignUpStatus,
    by: int,
    *,
    version: int | None = None,
) -> bool:
    """Moves a sign-up from ``old`` (at ``version``, if given) to ``new`` with a new version, unless someone else
    moved it first."""
    values = {"status": new, "version": EventSignUp.version + 1, "updated_by": by, "updated_at": clock.now()}
    if new is SignUpStatus.cancelled:
        values["cancelled_at"] = clock.now()
    still = [] if version is None else [EventSignUp.version == version]
    moved = session.execute(
        update(EventSignUp)
        .where(EventSignUp.id == sign_up_id, EventSignUp.status == old, *still)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return moved.rowcount == 1


def waiting_list(session: Session, event_id: int) -> list[EventSignUp]:
    """The event's waiting sign-ups, first come first."""
    return list(
        session.exec(
            select(EventSignUp)
            .where(EventSignUp.event_id == event_id, EventSignUp.status == SignUpStatus.waiting)
            .order_by(EventSignUp.id)
        ).all()
    )


def fill_from_waiting(session: Session, event_id: int, by: int) -> list[EventSignUp]:
    """Gives free seats to the waiting list in order; returns the sign-ups promoted (refreshed)."""
    promoted = []
    for waiting in waiting_list(session, event_id):
        if not take_seat(session, event_id):
            break
        if set_status(session, waiting.id, SignUpStatus.waiting, SignUpStatus.signed_up, by):
            promoted.append(waiting)
        else:  # cancelled meanwhile: the seat goes back for the next in line
            release_seat(session, event_id)
    for sign_up in promoted:
        session.refresh(sign_up)
    return promoted
