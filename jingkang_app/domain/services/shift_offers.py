"""The shifts offered to a volunteer (志愿服务岗位/班次, DOMAIN.md §3.11, §8), in the least view: the kind, the task,
the first name of whom it serves, the meeting place, the times, the seats left and whether they qualify — never a
recipient id, diagnosis, risk, ID number, address or the id of the record the shift serves.

Which shifts reach a volunteer: those whose area contains the volunteer's or lies inside it
(rules.volunteer_shifts.shift_reaches) — a village volunteer's village, township and county, and for a volunteer
of a whole township also its villages; never a neighbouring village's or another township's."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, and_, col, or_, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.events import ancestor_paths
from jingkang_app.domain.rules.volunteers import ShiftStatus, VolunteerStatus
from jingkang_app.domain.services.shift_views import cancel_hours
from jingkang_app.domain.services.volunteer_access import own_volunteer

OFFERED_MAX = 100


@dataclass(frozen=True)
class MySignUp:
    id: int
    status: str  # invited or signed_up
    version: int
    cancel_until: datetime  # the volunteer may cancel their own sign-up until then (volunteer.cancel_hours)


@dataclass(frozen=True)
class VolunteerShiftView:
    """A shift as a volunteer sees it (least view, DOMAIN.md §8)."""

    id: int
    kind: str
    task: str
    first_name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    seats_left: int
    qualifies: bool
    unmet: tuple[str, ...]  # "insurance", "training": what the volunteer lacks for it
    needs_training: str | None  # which training, when it needs one
    mine: MySignUp | None  # the volunteer's own live sign-up (an invitation to answer, or a seat)


# --- the volunteer's view ---------------------------------------------------------------------------------


def unmet_for(volunteer: Volunteer, shift: VolunteerShift) -> tuple[str, ...]:
    return rules.unmet_needs(
        needs_insurance=shift.needs_insurance,
        needs_training=shift.needs_training,
        last_day=rules.local_day(shift.ends_at),
        insured_until=volunteer.insured_until,
        trainings=list(volunteer.trainings),
    )


def volunteer_view(
    volunteer: Volunteer, shift: VolunteerShift, mine: ShiftSignUp | None, hours: int
) -> VolunteerShiftView:
    unmet = unmet_for(volunteer, shift)
    return VolunteerShiftView(
        id=shift.id,
        kind=shift.kind,
        task=shift.task,
        first_name=shift.first_name,
        place=shift.place,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        seats_left=rules.seats_left(shift.capacity, shift.seats_taken),
        qualifies=not unmet,
        unmet=unmet,
        needs_training=shift.needs_training,
        mine=None
        if mine is None
        else MySignUp(mine.id, mine.status, mine.version, rules.cancel_deadline(shift.starts_at, hours)),
    )


def offered_shifts(session: Session, actor: Actor) -> list[VolunteerShiftView]:
    """The volunteer's list, soonest first: open shifts not yet started that reach their area with a seat left,
    and every shift not yet started they are invited to or hold a seat on (to answer or cancel). Unqualified
    ones are listed too, saying what is missing. Empty while the volunteer is not 在册."""
    volunteer = own_volunteer(session, actor)
    if volunteer.status != VolunteerStatus.active:
        return []
    home = session.get(Area, volunteer.area_id).path
    mine = {
        s.shift_id: s
        for s in session.exec(
            select(ShiftSignUp).where(
                ShiftSignUp.volunteer_id == volunteer.id, col(ShiftSignUp.status).in_(rules.CANCELLABLE)
            )
        ).all()
    }
    reaches = or_(col(Area.path).startswith(home), col(Area.path).in_(ancestor_paths(home)))
    rows = session.exec(
        select(VolunteerShift)
        .join(Area, Area.id == VolunteerShift.area_id)
        .where(
            VolunteerShift.status == ShiftStatus.open,
            VolunteerShift.starts_at > clock.now(),
            or_(
                and_(reaches, VolunteerShift.seats_taken < VolunteerShift.capacity),
                col(VolunteerShift.id).in_(list(mine)),
            ),
        )
        .order_by(VolunteerShift.starts_at, VolunteerShift.id)
        .limit(OFFERED_MAX)
    ).all()
    hours = cancel_hours(session, home)
    return [volunteer_view(volunteer, shift, mine.get(shift.id), hours) for shift in rows]
