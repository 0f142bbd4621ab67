"""What a coordinator and a volunteer see of shifts (志愿服务岗位/班次, DOMAIN.md §3.11, §8).

A coordinator sees the shifts inside their area with their source (the respite request, event, home visit or
transport request they serve) and the roster; a volunteer sees shifts in the least view (services.shift_offers).
Here too: reaching a shift and the checks every change of one makes."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, ShiftSignUp, TransportRequest, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Action, Actor, Target, can
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.phone import mask_mobile
from jingkang_app.domain.rules.volunteers import ShiftStatus, SignUpStatus
from jingkang_app.domain.services.volunteer_views import managed_area, managed_paths


@dataclass(frozen=True)
class ShiftView:
    """The coordinator's view of a shift."""

    id: int
    client_id: str
    area_id: int
    area_name: str
    kind: str  # rules.volunteers.ShiftKind
    place: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    seats_taken: int
    seats_left: int
    invited: int  # invitations not yet answered
    needs_insurance: bool
    needs_training: str | None
    task: str
    first_name: str
    source: str  # "respite", "event", "visit", "transport" or "" (made by hand)
    source_id: int | None
    status: str  # rules.volunteers.ShiftStatus
    cancel_reason: str
    version: int


@dataclass(frozen=True)
class RosterRow:
    sign_up_id: int
    volunteer_id: int
    volunteer_name: str
    phone: str  # masked
    status: str  # rules.volunteers.SignUpStatus
    invited: bool  # the coordinator asked (rather than the volunteer signing up)
    version: int


@dataclass(frozen=True)
class ShiftDetail:
    shift: ShiftView
    roster: tuple[RosterRow, ...]  # live sign-ups: seated first, then invitations


# --- reaching a shift -------------------------------------------------------------------------------------


def shift_and_area(session: Session, shift_id: object) -> tuple[VolunteerShift, Area]:
    shift = session.get(VolunteerShift, fields.whole_number(shift_id))
    if shift is None:
        raise NotFound()
    return shift, session.get(Area, shift.area_id)


def manages_area(actor: Actor, area_path: str) -> bool:
    return can(actor, Action.volunteer_manage, Target(area_path=area_path))


def managed_shift(session: Session, actor: Actor, shift_id: object) -> tuple[VolunteerShift, Area]:
    """A shift inside the actor's area (PermissionDenied / NotFound otherwise)."""
    shift, area = shift_and_area(session, shift_id)
    if not manages_area(actor, area.path):
        raise PermissionDenied()
    return shift, area


def check_open(shift: VolunteerShift) -> None:
    """Sign-ups, invitations and cancelling the shift end when it is cancelled or has started."""
    if shift.status == ShiftStatus.cancelled:
        raise ValidationFailed({"status": FieldError("error.shift_cancelled")})
    if clock.now() >= shift.starts_at:
        raise ValidationFailed({"status": FieldError("error.shift_started")})


def cancel_hours(session: Session, area_path: str) -> int:
    return settings.get(session, settings.county_id_of(area_path), "volunteer.cancel_hours")


# --- the coordinator's views ------------------------------------------------------------------------------


def _sources(session: Session, shifts: list[VolunteerShift]) -> dict[int, tuple[str, int | None]]:
    transports = dict(
        session.exec(
            select(TransportRequest.shift_id, TransportRequest.id).where(
                col(TransportRequest.shift_id).in_([s.id for s in shifts])
            )
        ).all()
    )
    sources: dict[int, tuple[str, int | None]] = {}
    for shift in shifts:
        for source, source_id in (
            ("respite", shift.respite_request_id),
            ("event", shift.event_id),
            ("visit", shift.home_visit_id),
            ("transport", transports.get(shift.id)),
            ("", None),
        ):
            if source_id is not None or not source:
                sources[shift.id] = (source, source_id)
                break
    return sources


def shift_views(session: Session, rows: list[tuple[VolunteerShift, Area]]) -> list[ShiftView]:
    shifts = [shift for shift, _ in rows]
    invited = Counter(
        session.exec(
            select(ShiftSignUp.shift_id).where(
                col(ShiftSignUp.shift_id).in_([s.id for s in shifts]),
                ShiftSignUp.status == SignUpStatus.invited,
            )
        ).all()
    )
    sources = _sources(session, shifts)
    return [
        ShiftView(
            id=shift.id,
            client_id=shift.client_id,
            area_id=area.id,
            area_name=area.name,
            kind=shift.kind,
            place=shift.place,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            capacity=shift.capacity,
            seats_taken=shift.seats_taken,
            seats_left=rules.seats_left(shift.capacity, shift.seats_taken),
            invited=invited[shift.id],
            needs_insurance=shift.needs_insurance,
            needs_training=shift.needs_training,
            task=shift.task,
            first_name=shift.first_name,
            source=sources[shift.id][0],
            source_id=sources[shift.id][1],
            status=shift.status,
            cancel_reason=shift.cancel_reason,
            version=shift.version,
        )
        for shift, area in rows
    ]


def shift_view(session: Session, shift: VolunteerShift) -> ShiftView:
    return shift_views(session, [(shift, session.get(Area, shift.area_id))])[0]


def list_shifts(
    session: Session,
    actor: Actor,
    *,
    status: str = ShiftStatus.open,
    upcoming: bool = True,
    area_id: object | None = None,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[ShiftView], int]:
    """The coordinator's shifts in their area (or one area of it): by default open ones not yet over, soonest
    first; with ``upcoming`` false, past ones too, latest first. With the total, for paging."""
    paths = managed_paths(actor)
    if status not in {s.value for s in ShiftStatus}:
        raise ValidationFailed({"status": FieldError("error.invalid_choice")})
    query = (
        select(VolunteerShift, Area)
        .join(Area, Area.id == VolunteerShift.area_id)
        .where(VolunteerShift.status == status, or_(*[col(Area.path).startswith(p) for p in paths]))
    )
    if area_id not in (None, ""):
        area = managed_area(session, actor, area_id)
        if area is None:
            raise PermissionDenied()
        query = query.where(col(Area.path).startswith(area.path))
    if upcoming:
        query = query.where(VolunteerShift.ends_at > clock.now())
    order = col(VolunteerShift.starts_at) if upcoming else col(VolunteerShift.starts_at).desc()
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(order, VolunteerShift.id).offset(offset).limit(limit)).all()
    return shift_views(session, list(rows)), total


def roster_of(session: Session, shift_id: int) -> tuple[RosterRow, ...]:
    rows = session.exec(
        select(ShiftSignUp, Volunteer)
        .join(Volunteer, Volunteer.id == ShiftSignUp.volunteer_id)
        .where(ShiftSignUp.shift_id == shift_id, col(ShiftSignUp.status).in_(rules.LIVE))
        .order_by(ShiftSignUp.status == SignUpStatus.invited, ShiftSignUp.id)
    ).all()
    return tuple(
        RosterRow(
            sign_up_id=s.id,
            volunteer_id=v.id,
            volunteer_name=v.name,
            phone=mask_mobile(v.phone),
            status=s.status,
            invited=s.invited_by is not None,
            version=s.version,
        )
        for s, v in rows
    )


def shift_detail(session: Session, actor: Actor, shift_id: object) -> ShiftDetail:
    shift, area = managed_shift(session, actor, shift_id)
    return ShiftDetail(shift_views(session, [(shift, area)])[0], roster_of(session, shift.id))
