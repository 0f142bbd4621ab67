"""What an organiser and a family see of training and mutual-aid events (家属培训/互助小组, DOMAIN.md §3.10).

An event is open to the families living inside its area; organisers (coordinators and social workers) see the
events inside their own areas. Least view (§8): a family sees an event's counts and its own sign-up, never who
else comes; the roster (names, waiting list, attendance) is for the organisers of the event's area only."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import Area, EventSignUp, FamilyEvent, Recipient, User
from jingkang_app.domain.permissions import Action, Actor, Target, area_scope_paths, can, may_ever
from jingkang_app.domain.rules import events as rules
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.events import EventStatus, SignUpStatus
from jingkang_app.domain.services.recipients import in_scope, recipient_for

UPCOMING_LIMIT = 100


@dataclass(frozen=True)
class SignUpView:
    id: int
    event_id: int
    recipient_id: int
    recipient_name: str
    caregiver_name: str
    status: str  # rules.events.SignUpStatus
    position: int | None  # place on the waiting list, 1 first; None unless waiting
    attended: bool | None
    version: int


@dataclass(frozen=True)
class EventView:
    id: int
    client_id: str
    kind: str
    title: str
    place: str
    notes: str
    area_id: int
    area_name: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    signed_up: int
    seats_left: int
    waiting: int
    status: str  # rules.events.EventStatus
    cancel_reason: str
    attendance_taken_at: datetime | None
    organiser: bool  # the caller may change the event, take attendance and see the roster
    mine: SignUpView | None  # the caller's own live sign-up
    version: int


@dataclass(frozen=True)
class EventDetail:
    event: EventView
    roster: tuple[SignUpView, ...] | None  # signed up first, then the waiting list; None unless organiser


# --- who sees what ----------------------------------------------------------------------------------------


def is_organiser(actor: Actor, area_path: str) -> bool:
    return can(actor, Action.event_publish, Target(area_path=area_path))


def _family_paths(session: Session, actor: Actor) -> list[str]:
    """Area paths of the families the actor may sign up (a caregiver's relatives, through the care team)."""
    if not may_ever(actor, Action.event_join):
        return []
    rows = session.exec(
        in_scope(actor, Action.event_join, [Recipient.id, Area.path], Area.id == Recipient.area_id)
    )
    return [path for _, path in rows]


def area_path_of(session: Session, recipient: Recipient) -> str:
    return session.get(Area, recipient.area_id).path


def _visible(session: Session, actor: Actor, recipient_id: object | None) -> ColumnElement:
    """SQL condition on the event's Area: the organiser's areas, and the areas containing the caller's families
    (only those containing ``recipient_id``'s, when given)."""
    if not (may_ever(actor, Action.event_publish) or may_ever(actor, Action.event_join)):
        raise PermissionDenied()
    ways = [col(Area.path).startswith(path) for path in area_scope_paths(actor, Action.event_publish)]
    families = sorted({a for path in _family_paths(session, actor) for a in rules.ancestor_paths(path)})
    if families:
        ways.append(col(Area.path).in_(families))
    condition = or_(*ways) if ways else false()
    if recipient_id is not None:
        action = Action.event_join if may_ever(actor, Action.event_join) else Action.recipient_list
        recipient = recipient_for(session, actor, action, recipient_id)
        condition = and_(
            condition, col(Area.path).in_(rules.ancestor_paths(area_path_of(session, recipient)))
        )
    return condition


def event_and_area(session: Session, event_id: object) -> tuple[FamilyEvent, Area]:
    event = session.get(FamilyEvent, fields.whole_number(event_id))
    if event is None:
        raise NotFound()
    return event, session.get(Area, event.area_id)


# --- views ------------------------------------------------------------------------------------------------


def _waiting(session: Session, event_ids: list[int]) -> tuple[dict[int, int], Counter[int]]:
    """Each waiting sign-up's place in its event's queue, and how many wait per event."""
    rows = session.exec(
        select(EventSignUp.id, EventSignUp.event_id)
        .where(col(EventSignUp.event_id).in_(event_ids), EventSignUp.status == SignUpStatus.waiting)
        .order_by(EventSignUp.id)
    ).all()
    positions: dict[int, int] = {}
    counts: Counter[int] = Counter()
    for sign_up_id, event_id in rows:
        counts[event_id] += 1
        positions[sign_up_id] = counts[event_id]
    return positions, counts


def _sign_up_views(session: Session, positions: dict[int, int], *conditions) -> list[SignUpView]:
    rows = session.exec(
        select(EventSignUp, Recipient.name, User.name)
        .join(Recipient, Recipient.id == EventSignUp.recipient_id)
        .join(User, User.id == EventSignUp.created_by)
        .where(*conditions)
        .order_by(EventSignUp.id)
    ).all()
    return [
        SignUpView(
            id=s.id,
            event_id=s.event_id,
            recipient_id=s.recipient_id,
            recipient_name=recipient_name,
            caregiver_name=caregiver_name,
            status=s.status,
            position=positions.get(s.id),
            attended=s.attended,
            version=s.version,
        )
        for s, recipient_name, caregiver_name in rows
    ]


def _views(session: Session, actor: Actor, rows: list[tuple[FamilyEvent, Area]]) -> list[EventView]:
    ids = [event.id for event, _ in rows]
    positions, waiting = _waiting(session, ids)
    mine = {
        s.event_id: s
        for s in _sign_up_views(
            session,
            positions,
            col(EventSignUp.event_id).in_(ids),
            EventSignUp.created_by == actor.user_id,
            col(EventSignUp.status).in_(rules.ACTIVE),
        )
    }
    return [
        EventView(
            id=event.id,
            client_id=event.client_id,
            kind=event.kind,
            title=event.title,
            place=event.place,
            notes=event.notes,
            area_id=area.id,
            area_name=area.name,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            capacity=event.capacity,
            signed_up=event.seats_taken,
            seats_left=rules.seats_left(event.capacity, event.seats_taken),
            waiting=waiting[event.id],
            status=event.status,
            cancel_reason=event.cancel_reason,
            attendance_taken_at=event.attendance_taken_at,
            organiser=is_organiser(actor, area.path),
            mine=mine.get(event.id),
            version=event.version,
        )
        for event, area in rows
    ]


def view_of(session: Session, actor: Actor, event: FamilyEvent) -> EventView:
    return _views(session, actor, [(event, session.get(Area, event.area_id))])[0]


def sign_up_view(session: Session, sign_up: EventSignUp) -> SignUpView:
    positions, _ = _waiting(session, [sign_up.event_id])
    return _sign_up_views(session, positions, EventSignUp.id == sign_up.id)[0]


def upcoming_events(session: Session, actor: Actor, *, recipient_id: object | None = None) -> list[EventView]:
    """Scheduled events not yet over that the caller may see, soonest first: an organiser's in their areas, a
    family's in the areas containing their relative's (one relative's with ``recipient_id``)."""
    rows = session.exec(
        select(FamilyEvent, Area)
        .join(Area, Area.id == FamilyEvent.area_id)
        .where(
            FamilyEvent.status == EventStatus.scheduled,
            FamilyEvent.ends_at > clock.now(),
            _visible(session, actor, recipient_id),
        )
        .order_by(FamilyEvent.starts_at, FamilyEvent.id)
        .limit(UPCOMING_LIMIT)
    ).all()
    return _views(session, actor, list(rows))


def event_detail(session: Session, actor: Actor, event_id: object) -> EventDetail:
    """One event; the roster (who signed up, who waits, who came) only for its organisers."""
    event, area = event_and_area(session, event_id)
    organiser = is_organiser(actor, area.path)
    if not organiser and not any(rules.is_open_to(area.path, p) for p in _family_paths(session, actor)):
        raise PermissionDenied()
    return detail_of(session, actor, event, area, organiser)


def detail_of(session: Session, actor: Actor, event: FamilyEvent, area: Area, organiser: bool) -> EventDetail:
    roster = None
    if organiser:
        positions, _ = _waiting(session, [event.id])
        live = _sign_up_views(
            session, positions, EventSignUp.event_id == event.id, col(EventSignUp.status).in_(rules.ACTIVE)
        )
        roster = tuple(sorted(live, key=lambda s: (s.status != SignUpStatus.signed_up, s.id)))
    return EventDetail(_views(session, actor, [(event, area)])[0], roster)
