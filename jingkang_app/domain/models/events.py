"""Caregiver training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10) and the families' sign-ups."""

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from jingkang_app.domain import clock
from jingkang_app.domain.models.care import Recorded
from jingkang_app.domain.models.types import UTCDateTime


class FamilyEvent(SQLModel, table=True):
    """One training session or mutual-aid group meeting, published by a coordinator or social worker for an area.
    Not a recipient's record (so not ``Recorded``): it belongs to the area and its organiser."""

    __tablename__ = "family_event"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)  # open to the families living inside it
    kind: str = Field(max_length=16)  # rules.events.EventKind
    title: str = Field(max_length=100)
    place: str = Field(max_length=100)
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    capacity: int
    # Sign-ups holding a seat. Moved only by conditional UPDATEs (services.event_seats), never read-then-written,
    # so two families cannot both take the last seat.
    seats_taken: int = 0
    notes: str = Field(default="", max_length=500)
    status: str = Field(default="scheduled", max_length=16, index=True)  # rules.events.EventStatus
    cancel_reason: str = Field(default="", max_length=200)
    cancelled_by: int | None = Field(default=None, foreign_key="app_user.id")
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    attendance_taken_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


# One live sign-up per caregiver and event: a second tap with a new client id is refused by the database too.
_ONE_LIVE_SIGN_UP = text("status != 'cancelled'")


class EventSignUp(Recorded, table=True):
    """A caregiver's place at an event, for their family (``recipient_id``); ``created_by`` is the caregiver who
    comes. A waiting sign-up's place in the queue follows its id."""

    __tablename__ = "event_sign_up"
    __table_args__ = (
        Index(
            "uq_event_sign_up_live",
            "event_id",
            "created_by",
            unique=True,
            sqlite_where=_ONE_LIVE_SIGN_UP,
            postgresql_where=_ONE_LIVE_SIGN_UP,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="family_event.id", index=True)
    status: str = Field(max_length=16)  # rules.events.SignUpStatus
    attended: bool | None = None  # recorded by the organiser once the event has started
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
