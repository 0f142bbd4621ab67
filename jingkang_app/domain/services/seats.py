"""Seats on anything with a ``capacity`` and a ``seats_taken`` count — an event (services.event_seats) or a
volunteer shift (services.shift_sign_ups) — safe under concurrent sign-ups (the caller commits).

Why conditional UPDATEs rather than counting sign-ups and then inserting: two people pressing 「报名」 for the last
seat at the same moment would both count one seat left. Here a seat is taken by

    UPDATE family_event SET seats_taken = seats_taken + 1
    WHERE id = :event AND status = 'scheduled' AND seats_taken < capacity

and the database decides who gets it: on PostgreSQL the second UPDATE waits for the first's row lock and then
re-checks its WHERE against the committed row (READ COMMITTED), so it matches nothing; on SQLite the first write
locks the whole database until commit. Nothing is read first, so the same code is right on both, without
SELECT … FOR UPDATE (which SQLite lacks).
"""

from typing import Protocol

from sqlalchemy import update
from sqlmodel import Session


class Seated(Protocol):
    """A table with seats: FamilyEvent, VolunteerShift."""

    id: int
    status: str
    capacity: int
    seats_taken: int


def take_seat(session: Session, model: type[Seated], record_id: int, open_status: str) -> bool:
    """One seat more is taken, if one is free and the record is still in ``open_status``."""
    taken = session.execute(
        update(model)
        .where(model.id == record_id, model.status == open_status, model.seats_taken < model.capacity)
        .values(seats_taken=model.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def release_seat(session: Session, model: type[Seated], record_id: int) -> None:
    session.execute(
        update(model)
        .where(model.id == record_id, model.seats_taken > 0)
        .values(seats_taken=model.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
