"""Coordination tables (DOMAIN.md §3.12, §3.14): staff training records (培训记录), public feedback (意见反馈), and
the hits of the public forms' rate limiter."""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from jingkang_app.domain import clock
from jingkang_app.domain.models.types import UTCDateTime


class StaffTraining(SQLModel, table=True):
    """培训记录: one course a staff member attended; their yearly total is held against 20 hours."""

    __tablename__ = "staff_training"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)  # the staff member trained
    area_id: int = Field(foreign_key="area.id", index=True)  # where they work (their role's area)
    course: str = Field(max_length=100)
    organiser: str = Field(default="", max_length=100)
    minutes: int  # hours × 60: half hours are common
    trained_on: date = Field(index=True)
    recorded_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    version: int = 1


class Feedback(SQLModel, table=True):
    """意见反馈: a complaint or suggestion from the public (no login), answered by a coordinator of its area."""

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)  # the township (or county) it is about
    kind: str = Field(max_length=16)  # complaint / suggestion
    content: str = Field(max_length=1000)
    contact_name: str = Field(default="", max_length=32)
    contact_phone: str = Field(default="", max_length=16)
    status: str = Field(default="open", max_length=16, index=True)  # open / answered
    received_on: date = Field(index=True)  # local date
    answer_by: date  # the county's answering time, in working days
    answer: str = Field(default="", max_length=1000)
    answered_by: int | None = Field(default=None, foreign_key="app_user.id")
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    answered_on: date | None = None
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    version: int = 1


class RateLimitHit(SQLModel, table=True):
    """One accepted submission of a public form, by bucket (form and client address): kept in the shared database
    so every worker counts the same hits."""

    __tablename__ = "rate_limit_hit"
    __table_args__ = (Index("ix_rate_limit_hit_bucket_at", "bucket", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=96)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
