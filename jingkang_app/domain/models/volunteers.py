"""Volunteer coordination (志愿者, DOMAIN.md §3.11, §5, §8): the registry, shifts linked to the care they serve,
each volunteer's service record on a shift, the points ledgers, transport requests and certificates.

None of these is a recipient's record: a shift names at most the recipient's first name and what the task needs
(least view, §8), and the link to the respite request, event or home visit it serves stays on the server."""

from datetime import date, datetime

from sqlalchemy import JSON, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from jingkang_app.domain import clock
from jingkang_app.domain.models.types import UTCDateTime


class Volunteer(SQLModel, table=True):
    """志愿者: registered by themselves (待审核 until a coordinator approves) or by a coordinator. Once approved the
    volunteer logs in with ``user_id`` (the volunteer role on ``area_id``)."""

    __tablename__ = "volunteer"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", unique=True)
    volunteer_no: str = Field(max_length=32, unique=True)  # 志愿者编号, on the certificate
    name: str = Field(max_length=32)
    phone: str = Field(max_length=16, index=True)
    id_type: str = Field(default="", max_length=16)  # 身份证 / 护照 …; optional
    id_number: str = Field(default="", max_length=32)
    area_id: int = Field(foreign_key="area.id", index=True)  # where they serve
    skills: list[str] = Field(default_factory=list, sa_type=JSON)  # rules.volunteers.SKILLS
    availability: list[str] = Field(
        default_factory=list, sa_type=JSON
    )  # "mon_am", "sat_pm", … (weekday × part)
    insured_until: date | None = None  # 志愿服务保险; None: not insured
    trainings: list[str] = Field(default_factory=list, sa_type=JSON)  # rules.volunteers.TRAININGS completed
    status: str = Field(default="pending", max_length=16, index=True)  # rules.volunteers.VolunteerStatus
    # A recipient in stable recovery who volunteers (DOMAIN.md §3.11), with their consent on record.
    recipient_id: int | None = Field(default=None, foreign_key="recipient.id")
    decided_by: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_by: int | None = Field(default=None, foreign_key="app_user.id")  # None: self-registered
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class VolunteerShift(SQLModel, table=True):
    """志愿服务岗位/班次: a task at a place and time for up to ``capacity`` volunteers, created by a coordinator,
    optionally for a respite request, a family event or a home visit (at most one of the three)."""

    __tablename__ = "volunteer_shift"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    kind: str = Field(max_length=16)  # rules.volunteers.ShiftKind: 陪伴/接送/活动协助/喘息协助/走访陪同
    place: str = Field(max_length=100)  # the meeting place
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    capacity: int
    seats_taken: int = 0  # moved only by conditional UPDATEs, like FamilyEvent.seats_taken
    needs_insurance: bool = False
    needs_training: str | None = Field(default=None, max_length=32)  # a rules.volunteers.TRAININGS key
    # What the volunteer is told (least view): the task in plain words and, when it serves one person, their
    # first name only — written by the coordinator, never copied from the clinical record.
    task: str = Field(default="", max_length=200)
    first_name: str = Field(default="", max_length=8)
    respite_request_id: int | None = Field(default=None, foreign_key="respite_request.id", index=True)
    event_id: int | None = Field(default=None, foreign_key="family_event.id", index=True)
    home_visit_id: int | None = Field(default=None, foreign_key="home_visit.id", index=True)
    status: str = Field(default="open", max_length=16, index=True)  # rules.volunteers.ShiftStatus
    cancel_reason: str = Field(default="", max_length=200)
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


_LIVE = text("status != 'cancelled'")


class ShiftSignUp(SQLModel, table=True):
    """志愿服务记录: one volunteer on one shift — invited or signed up, checked in and out on the phone (a
    coordinator may correct the times with a reason), and hours that count only once a coordinator verifies them;
    or a no-show."""

    __tablename__ = "shift_sign_up"
    __table_args__ = (
        Index(
            "uq_shift_sign_up_live",
            "shift_id",
            "volunteer_id",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    shift_id: int = Field(foreign_key="volunteer_shift.id", index=True)
    volunteer_id: int = Field(foreign_key="volunteer.id", index=True)
    # rules.volunteers.SignUpStatus: invited → signed_up → checked_in → checked_out → verified; cancelled; no_show
    status: str = Field(max_length=16, index=True)
    invited_by: int | None = Field(default=None, foreign_key="app_user.id")
    check_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    check_out_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    corrected_by: int | None = Field(default=None, foreign_key="app_user.id")
    correction_reason: str = Field(default="", max_length=200)
    verified_minutes: int | None = None  # service time, travel excluded; set by the verifying coordinator
    verified_by: int | None = Field(default=None, foreign_key="app_user.id")
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    rating: int | None = None  # 1–5, the coordinator's evaluation (评价, 民政部令第67号 Art. 4)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class PointsEntry(SQLModel, table=True):
    """积分: one line of a volunteer's or a recipient's ledger. Earned per verified hour of a sign-up or per attended
    rehab session, spent by a coordinator's redemption; every line points at what it came from, and the balance
    (the sum of ``points``) never goes below zero."""

    __tablename__ = "points_entry"
    __table_args__ = (
        # One earning per sign-up and per attended session: verifying twice cannot pay twice.
        UniqueConstraint("shift_sign_up_id"),
        UniqueConstraint("rehab_attendance_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    volunteer_id: int | None = Field(default=None, foreign_key="volunteer.id", index=True)
    recipient_id: int | None = Field(default=None, foreign_key="recipient.id", index=True)
    points: int  # positive when earned, negative when redeemed
    shift_sign_up_id: int | None = Field(default=None, foreign_key="shift_sign_up.id")
    rehab_attendance_id: int | None = Field(default=None, foreign_key="rehab_attendance.id")
    redemption: str = Field(default="", max_length=100)  # what was given for a redemption
    area_id: int = Field(foreign_key="area.id", index=True)
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)


class TransportRequest(SQLModel, table=True):
    """免费接送/陪伴出行: a family or social worker asks for a ride or an accompanied trip to the service site; a
    coordinator fills it as a 接送 shift."""

    __tablename__ = "transport_request"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    recipient_id: int = Field(foreign_key="recipient.id", index=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    accompanied: bool = False  # 陪伴出行: someone goes along, not only a ride
    pickup: str = Field(max_length=100)
    destination: str = Field(max_length=100)
    wanted_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    note: str = Field(default="", max_length=200)
    status: str = Field(default="requested", max_length=16, index=True)  # requested / filled / cancelled
    shift_id: int | None = Field(default=None, foreign_key="volunteer_shift.id")
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    version: int = 1


class VolunteerCertificate(SQLModel, table=True):
    """志愿服务记录证明 (DOMAIN.md §3.11, "谁记录谁证明"): what was certified for a period, frozen when issued, and the
    code the public certificate page checks."""

    __tablename__ = "volunteer_certificate"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=36, unique=True)
    code: str = Field(max_length=16, unique=True)  # 证明编号 and verification code
    volunteer_id: int = Field(foreign_key="volunteer.id", index=True)
    period_start: date
    period_end: date
    minutes: int  # verified service time in the period
    shifts: int
    content: str = Field(max_length=500)  # the kinds of service, in words
    issuer: str = Field(max_length=100)  # the organisation that recorded the service
    person_in_charge: str = Field(max_length=32)
    handler: str = Field(max_length=32)  # 经办人: the issuing coordinator
    contact: str = Field(max_length=32)
    issued_on: date
    created_by: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=clock.now, sa_type=UTCDateTime, nullable=False)
