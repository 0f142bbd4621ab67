"""The volunteer's own page (志愿者, DOMAIN.md §3.11, §8): the shifts ahead — in the least view a volunteer gets:
the kind, the task, the first name of whom it serves, the meeting place and the times, never recipient data —
verified hours this year and in all, the points balance with the latest ledger lines, and the certificates."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import ShiftSignUp, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import volunteer_hours as rules
from jingkang_app.domain.rules.volunteer_registry import shown_number
from jingkang_app.domain.rules.volunteers import ShiftStatus, SignUpStatus
from jingkang_app.domain.services import certificates, points
from jingkang_app.domain.services.certificates import CertificateView
from jingkang_app.domain.services.points import LedgerLine
from jingkang_app.domain.services.volunteer_access import own_volunteer

UPCOMING_MAX = 20
RECENT_LINES = 10
FIRST_YEAR = date(2000, 1, 1)


@dataclass(frozen=True)
class UpcomingShift:
    sign_up_id: int
    status: str  # invited, signed_up or checked_in
    kind: str
    task: str
    first_name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    may_check_in: bool  # now, by the server's clock
    may_check_out: bool
    version: int


@dataclass(frozen=True)
class VolunteerHome:
    volunteer_id: int
    name: str
    volunteer_no: str
    year: int
    minutes_this_year: int  # verified only
    minutes_total: int
    points: int
    upcoming: list[UpcomingShift]
    recent_points: list[LedgerLine]
    certificates: list[CertificateView]


def _upcoming(session: Session, volunteer_id: int, now: datetime) -> list[UpcomingShift]:
    """Shifts not yet over (a checked-in one until its check-out closes), soonest first."""
    rows = session.exec(
        select(ShiftSignUp, VolunteerShift)
        .join(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .where(
            ShiftSignUp.volunteer_id == volunteer_id,
            VolunteerShift.status == ShiftStatus.open,
            or_(
                and_(
                    col(ShiftSignUp.status).in_([SignUpStatus.invited, SignUpStatus.signed_up]),
                    VolunteerShift.ends_at >= now,
                ),
                and_(
                    ShiftSignUp.status == SignUpStatus.checked_in,
                    VolunteerShift.ends_at >= now - rules.CHECK_OUT_LATE,
                ),
            ),
        )
        .order_by(col(VolunteerShift.starts_at), col(ShiftSignUp.id))
        .limit(UPCOMING_MAX)
    ).all()
    return [
        UpcomingShift(
            sign_up_id=sign_up.id,
            status=sign_up.status,
            kind=shift.kind,
            task=shift.task,
            first_name=shift.first_name,
            place=shift.place,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            may_check_in=sign_up.status == SignUpStatus.signed_up
            and rules.check_in_window(shift.starts_at, shift.ends_at).holds(now),
            may_check_out=sign_up.status == SignUpStatus.checked_in,
            version=sign_up.version,
        )
        for sign_up, shift in rows
    ]


def my_summary(session: Session, actor: Actor) -> VolunteerHome:
    """For the volunteer themselves (PermissionDenied for anyone else, NotFound without a volunteer record)."""
    volunteer = own_volunteer(session, actor)
    today = clock.today()
    this_year = certificates.service_totals(session, volunteer.id, date(today.year, 1, 1), today)
    in_all = certificates.service_totals(session, volunteer.id, FIRST_YEAR, today)
    ledger = points.volunteer_ledger(session, actor, volunteer.id, limit=RECENT_LINES)
    return VolunteerHome(
        volunteer_id=volunteer.id,
        name=volunteer.name,
        volunteer_no=shown_number(volunteer.volunteer_no),
        year=today.year,
        minutes_this_year=this_year.minutes,
        minutes_total=in_all.minutes,
        points=ledger.balance,
        upcoming=_upcoming(session, volunteer.id, clock.now()),
        recent_points=ledger.lines,
        certificates=certificates.certificates_of(session, actor, volunteer.id),
    )
