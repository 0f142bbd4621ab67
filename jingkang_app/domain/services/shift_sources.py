"""Shifts made in one tap (志愿服务岗位/班次, DOMAIN.md §3.11, §8): from the approved 居家喘息 request, the family
event or the home visit a shift serves, the coordinator sends only the source's id (and a client id) and gets a
stored shift: kind, times, place, what it asks of volunteers and the first name of whom it serves are filled in
from the source (rules.volunteer_shifts.ONE_TAP_*). Any field of the hand-made form sent along overrides its
default (e.g. ``day`` for another day of a respite, ``starts_at`` for a visit without a next date).

Nothing from the clinical record is copied: the first name is the recipient's given name only, the place is their
village's name (never the address), the task is empty unless the coordinator writes one (an event's title
otherwise), and the link to the source stays on the server."""

from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import FieldError, NotFound, ValidationFailed
from jingkang_app.domain.models import Area, FamilyEvent, HomeVisit, Recipient, RespiteRequest
from jingkang_app.domain.permissions import Action, Actor, Target, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.events import EventStatus
from jingkang_app.domain.rules.respite import RespiteKind, RespiteStatus
from jingkang_app.domain.rules.volunteers import ShiftKind
from jingkang_app.domain.services.shift_views import shift_view
from jingkang_app.domain.services.shifts import FORM_FIELDS, ShiftSaved, create_from, repeat_of

RESPITE_READY = (RespiteStatus.approved, RespiteStatus.arranged)


def _one_tap(
    session: Session,
    actor: Actor,
    data: dict,
    area: Area,
    defaults: dict,
    *,
    recipient_id: int | None = None,
    **source: int,
) -> ShiftSaved:
    """A shift for the record behind ``source`` in ``area`` (serving ``recipient_id``, if one person)."""
    require(actor, Action.volunteer_manage, Target(area_path=area.path))
    needs_insurance, needs_training = rules.ONE_TAP_NEEDS[defaults["kind"]]
    prefilled = {
        "area_id": area.id,
        "place": area.name,
        "capacity": 1,
        "needs_insurance": needs_insurance,
        "needs_training": needs_training,
        **defaults,
    }
    given = {name: data[name] for name in FORM_FIELDS if data.get(name) not in (None, "")}
    form = {"client_id": data.get("client_id")} | prefilled | given
    return create_from(session, actor, form, recipient_id=recipient_id, **source)


def _refuse(field: str, key: str) -> ValidationFailed:
    return ValidationFailed({field: FieldError(key)})


def _given_name(session: Session, recipient_id: int) -> str:
    return rules.given_name(session.get(Recipient, recipient_id).name)


def shift_from_respite(session: Session, actor: Actor, data: dict) -> ShiftSaved:
    """喘息协助 for an approved 居家喘息 request: a morning of its first day (or of ``day``, one of its days)."""
    existing = repeat_of(session, actor, data)
    if existing:
        return ShiftSaved(shift_view(session, existing), repeat=True)
    request = session.get(RespiteRequest, fields.whole_number(data.get("respite_request_id")))
    if request is None:
        raise NotFound()
    require(actor, Action.volunteer_manage, Target(area_path=session.get(Area, request.area_id).path))
    if request.kind != RespiteKind.home:
        raise _refuse("respite_request_id", "error.shift_respite_not_home")
    if request.status not in RESPITE_READY:
        raise _refuse("respite_request_id", "error.shift_respite_not_approved")
    errors = fields.FieldErrors()
    day = fields.local_date(errors, data, "day", required=False) or request.start_date
    errors.raise_if_any()
    if not request.start_date <= day <= request.end_date:
        raise _refuse("day", "error.shift_day_outside_respite")
    starts_at, ends_at = rules.one_tap_times(day)
    defaults = {
        "kind": ShiftKind.respite,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "first_name": _given_name(session, request.recipient_id),
    }
    area = session.get(Area, request.area_id)
    return _one_tap(
        session, actor, data, area, defaults, recipient_id=request.recipient_id, respite_request_id=request.id
    )


def shift_from_event(session: Session, actor: Actor, data: dict) -> ShiftSaved:
    """活动协助 at a family event not yet started: its times and place, its title as the task, two helpers."""
    existing = repeat_of(session, actor, data)
    if existing:
        return ShiftSaved(shift_view(session, existing), repeat=True)
    event = session.get(FamilyEvent, fields.whole_number(data.get("event_id")))
    if event is None:
        raise NotFound()
    area = session.get(Area, event.area_id)
    require(actor, Action.volunteer_manage, Target(area_path=area.path))
    if event.status != EventStatus.scheduled or clock.now() >= event.starts_at:
        raise _refuse("event_id", "error.shift_event_not_open")
    defaults = {
        "kind": ShiftKind.activity,
        "place": event.place,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "capacity": rules.EVENT_HELPERS,
        "task": event.title[: rules.TASK_MAX],
    }
    return _one_tap(session, actor, data, area, defaults, event_id=event.id)


def shift_from_visit(session: Session, actor: Actor, data: dict) -> ShiftSaved:
    """走访陪同 on the next visit a home visit planned: a morning of its next-visit date."""
    existing = repeat_of(session, actor, data)
    if existing:
        return ShiftSaved(shift_view(session, existing), repeat=True)
    visit = session.get(HomeVisit, fields.whole_number(data.get("home_visit_id")))
    if visit is None:
        raise NotFound()
    area = session.get(Area, visit.area_id)
    require(actor, Action.volunteer_manage, Target(area_path=area.path))
    defaults: dict = {
        "kind": ShiftKind.visit_companion,
        "first_name": _given_name(session, visit.recipient_id),
    }
    if visit.next_visit_date:
        defaults["starts_at"], defaults["ends_at"] = rules.one_tap_times(visit.next_visit_date)
    elif not data.get("starts_at"):
        raise _refuse("starts_at", "error.shift_visit_no_next_date")
    return _one_tap(
        session, actor, data, area, defaults, recipient_id=visit.recipient_id, home_visit_id=visit.id
    )
