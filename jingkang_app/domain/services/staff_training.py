"""培训记录 (DOMAIN.md §1, §3.12): a coordinator records the courses their area's direct-service staff attended,
and sees each one's hours this year against the county's yearly target (≥ 20 h), those furthest below it first;
every staff member may read their own total. Staff are active accounts holding a staff role (rules.staff_training)
on an area inside the coordinator's scope."""

from collections import defaultdict
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import date

from sqlmodel import Session, col, or_, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, RoleAssignment, StaffTraining, User
from jingkang_app.domain.permissions import Action, Actor, Target, area_scope_paths, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import staff_training as rules
from jingkang_app.domain.services import idempotency


@dataclass(frozen=True)
class TrainingView:
    id: int
    client_id: str
    user_id: int
    area_id: int
    course: str
    organiser: str
    minutes: int
    trained_on: date


@dataclass(frozen=True)
class TrainingSaved:
    training: TrainingView
    repeat: bool


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str
    roles: tuple[str, ...]
    area_id: int  # where they work: their first staff role's area inside the coordinator's scope
    area_name: str


@dataclass(frozen=True)
class StaffHours:
    """One staff member's year: their minutes of training against the target, and the records behind them."""

    user_id: int
    name: str
    roles: tuple[str, ...]
    area_name: str
    minutes: int
    target_minutes: int
    under_target: bool
    records: tuple[TrainingView, ...]


@dataclass(frozen=True)
class OwnTraining:
    year: int
    minutes: int
    target_minutes: int
    records: tuple[TrainingView, ...]


def view_of(record: StaffTraining) -> TrainingView:
    return TrainingView(**{f.name: getattr(record, f.name) for f in dataclass_fields(TrainingView)})


# --- who is staff -----------------------------------------------------------------------------------------


def _scope_paths(actor: Actor) -> list[str]:
    paths = area_scope_paths(actor, Action.training_record)
    if not paths:
        raise PermissionDenied()
    return paths


def staff_of(session: Session, actor: Actor) -> list[StaffMember]:
    """The staff of the coordinator's area, by name (PermissionDenied for one who records no training)."""
    paths = _scope_paths(actor)
    rows = session.exec(
        select(User.id, User.name, RoleAssignment.role, Area.id, Area.name)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .join(Area, Area.id == RoleAssignment.area_id)
        .where(
            User.active,
            col(RoleAssignment.role).in_([r.value for r in rules.STAFF_ROLES]),
            or_(*(col(Area.path).startswith(path) for path in paths)),
        )
        .order_by(User.name, User.id, Area.path)
    ).all()
    members: dict[int, StaffMember] = {}
    for user_id, name, role, area_id, area_name in rows:
        known = members.get(user_id)
        if known is None:
            members[user_id] = StaffMember(user_id, name, (role,), area_id, area_name)
        elif role not in known.roles:
            members[user_id] = replace(known, roles=(*known.roles, role))
    return list(members.values())


# --- recording ----------------------------------------------------------------------------------------------


def _read_date(errors: fields.FieldErrors, data: dict) -> date | None:
    trained_on = fields.local_date(errors, data, "trained_on")
    if trained_on and trained_on > clock.today():
        errors.add("trained_on", "error.date_in_future")
    elif trained_on and trained_on.year < rules.EARLIEST_YEAR:
        errors.add("trained_on", "error.date_too_early")
    return trained_on


def _read_minutes(errors: fields.FieldErrors, data: dict) -> int:
    if not str(data.get("hours") or "").strip():
        errors.add("hours", "error.required")
        return 0
    try:
        return rules.minutes_of(data.get("hours"))
    except rules.InvalidHours as exc:
        errors.add("hours", f"error.training_hours_{exc.reason}", min="0.5", max="24")
        return 0


def record_training(session: Session, actor: Actor, data: dict) -> TrainingSaved:
    """Records one course of a staff member of the coordinator's area; the same ``client_id`` again returns the
    stored record."""
    staff = {member.user_id: member for member in staff_of(session, actor)}
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(
        session, StaffTraining, client_id, actor.user_id, owner="recorded_by"
    )
    if existing:
        return TrainingSaved(view_of(existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    member = staff.get(fields.whole_number(data.get("user_id")))
    if member is None:
        errors.add("user_id", "error.training_not_staff")
    course = fields.text(errors, data, "course", max_length=rules.COURSE_MAX)
    organiser = fields.text(errors, data, "organiser", max_length=rules.ORGANISER_MAX, required=False)
    minutes = _read_minutes(errors, data)
    trained_on = _read_date(errors, data)
    errors.raise_if_any()
    area = session.get(Area, member.area_id)
    require(actor, Action.training_record, Target(area_path=area.path))
    record = StaffTraining(
        client_id=client_id,
        user_id=member.user_id,
        area_id=area.id,
        course=course,
        organiser=organiser,
        minutes=minutes,
        trained_on=trained_on,
        recorded_by=actor.user_id,
    )
    stored = idempotency.insert_once(session, record, owner="recorded_by")
    if stored:
        return TrainingSaved(view_of(stored), repeat=True)
    audit.record(
        session,
        actor,
        "training.record",
        "staff_training",
        record.id,
        area_id=area.id,
        detail={"user_id": member.user_id, "course": course, "minutes": minutes, "trained_on": trained_on},
    )
    session.commit()
    return TrainingSaved(view_of(record), repeat=False)


# --- yearly hours -------------------------------------------------------------------------------------------


def _year(value: object) -> int:
    year = fields.whole_number(value) if value not in (None, "") else clock.today().year
    if not rules.EARLIEST_YEAR <= year <= clock.today().year:
        raise ValidationFailed({"year": FieldError("error.invalid_choice")})
    return year


def _target_minutes(session: Session, area_path: str | None) -> int:
    hours = (
        settings.get(session, settings.county_id_of(area_path), "training.yearly_hours")
        if area_path
        else settings.DEFAULTS["training.yearly_hours"]
    )
    return int(hours * 60)


def _records_in(session: Session, user_ids: list[int], year: int) -> dict[int, list[TrainingView]]:
    """Each person's records of the year, the latest first (whoever recorded them: the total is the person's)."""
    found: dict[int, list[TrainingView]] = defaultdict(list)
    if not user_ids:
        return found
    rows = session.exec(
        select(StaffTraining)
        .where(
            col(StaffTraining.user_id).in_(user_ids),
            StaffTraining.trained_on >= date(year, 1, 1),
            StaffTraining.trained_on <= date(year, 12, 31),
        )
        .order_by(StaffTraining.trained_on.desc(), StaffTraining.id.desc())
    ).all()
    for record in rows:
        found[record.user_id].append(view_of(record))
    return found


def staff_hours(session: Session, actor: Actor, year: object = None) -> list[StaffHours]:
    """The area's staff with their training of ``year`` (this year by default) against the county's target,
    fewest hours first: who needs training most comes first."""
    year = _year(year)
    members = staff_of(session, actor)
    target = _target_minutes(session, _scope_paths(actor)[0])
    records = _records_in(session, [m.user_id for m in members], year)
    rows = []
    for member in members:
        mine = records.get(member.user_id, [])
        minutes = sum(r.minutes for r in mine)
        rows.append(
            StaffHours(
                member.user_id,
                member.name,
                member.roles,
                member.area_name,
                minutes,
                target,
                minutes < target,
                tuple(mine),
            )
        )
    return sorted(rows, key=lambda row: row.minutes)  # stable: by name within the same hours


def own_training(session: Session, actor: Actor, year: object = None) -> OwnTraining:
    """The caller's own records and total of ``year``: anyone may read their own, nothing more."""
    year = _year(year)
    mine = _records_in(session, [actor.user_id], year).get(actor.user_id, [])
    area_path = actor.scopes[0].area_path if actor.scopes else None
    return OwnTraining(year, sum(r.minutes for r in mine), _target_minutes(session, area_path), tuple(mine))
