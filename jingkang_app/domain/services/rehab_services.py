"""Rehab service records (康复服务记录, DOMAIN.md §3.8): one session at a site or at home, for one recipient or a
group, with who attended. Attended sessions feed the standardised-service indicator (规范服务率, §6) and earn the
recipient the county's attendance points (积分, services.points) in the same transaction."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Recipient, RehabAttendance, RehabService, User
from jingkang_app.domain.permissions import Action, Actor, may_ever, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import idempotency, points
from jingkang_app.domain.services.recipients import recipient_for, registered_on, target_of

CONTENTS = (
    "life_skills",  # 生活技能
    "social_skills",  # 社交技能
    "vocational",  # 职业康复
    "medication_self_management",  # 药物自我管理
    "symptom_self_monitoring",  # 症状自我监控
    "counselling",  # 心理疏导
    "health_education",  # 健康教育
    "social_adaptation",  # 社会适应
    "independent_living",  # 独立生活
)
PLACES = ("site", "home")  # 站点 (定点服务) / 居家 (居家服务)
EARLIEST_SERVICE = 2000
MIN_MINUTES, MAX_MINUTES = 10, 480
SITE_NAME_MAX = 100
NOTES_MAX = 1000
HISTORY_MAX = 100


@dataclass(frozen=True)
class RehabServiceView:
    """One session as a recipient's history shows it, with whether this recipient attended."""

    id: int
    service_date: date
    place: str
    site_name: str
    contents: tuple[str, ...]
    duration_minutes: int
    attended: bool
    provider_name: str


def require_recorder(actor: Actor) -> None:
    """Refuses at once a user none of whose roles records rehab services (a grid worker, a caregiver), even
    before any attendee is named. Access to each attendee is still decided per recipient."""
    if not may_ever(actor, Action.rehab_record):
        raise PermissionDenied()


def record_service(session: Session, actor: Actor, data: dict) -> RehabService:
    """Stores one session and its attendance; the same ``client_id`` sent twice is stored once and returns the
    first. Every attendee must be in the actor's reach: one out of scope refuses the whole record."""
    require_recorder(actor)
    errors = fields.FieldErrors()
    attendees = _read_attendees(errors, data)
    recipients = _attendee_recipients(session, [rid for rid, _ in attendees])
    for recipient in recipients:
        require(actor, Action.rehab_record, target_of(session, recipient))
    client_id = idempotency.client_id_of(data)
    existing = _by_client_id(session, client_id)
    if existing and not errors.errors:
        return _repeat(session, existing, recipients)
    idempotency.check_client_id(errors, client_id)
    service_date = _read_service_date(errors, data, recipients)
    place = fields.choice(errors, data, "place", set(PLACES))
    site_name = fields.text(errors, data, "site_name", max_length=SITE_NAME_MAX, required=place == "site")
    if place == "home":
        site_name = ""  # a home session has no site; a name left in the form is not kept
        if len(attendees) > 1:
            errors.add("attendees", "error.home_single_attendee")
    contents = _read_contents(errors, data)
    duration = _read_duration(errors, data)
    notes = fields.text(errors, data, "notes", max_length=NOTES_MAX, required=False)
    errors.raise_if_any()
    service = RehabService(
        client_id=client_id,
        area_id=recipients[0].area_id,
        service_date=service_date,
        place=place,
        site_name=site_name,
        contents=contents,
        duration_minutes=duration,
        notes=notes,
        provider_id=actor.user_id,
    )
    session.add(service)
    try:
        session.flush()
    except IntegrityError:
        # The same submission arrived twice at once (an outbox retry beside the online event): the other
        # request stored it; answer with that record.
        session.rollback()
        return _repeat(session, _by_client_id(session, client_id), recipients)
    for (recipient_id, attended), recipient in zip(attendees, recipients, strict=True):
        attendance = RehabAttendance(service_id=service.id, recipient_id=recipient_id, attended=attended)
        session.add(attendance)
        session.flush()  # its id ties the attendance points (积分) to it
        points.earn_for_attendance(session, actor, attendance, recipient.area_id)
        audit.record(
            session,
            actor,
            "rehab.record",
            "rehab_service",
            service.id,
            recipient_id=recipient_id,
            area_id=recipient.area_id,
            detail={"attended": attended, "place": place},
        )
    session.commit()
    return service


def attendance_of(session: Session, service_id: int) -> list[RehabAttendance]:
    """The attendance rows of one stored session, in the order they were recorded."""
    return list(
        session.exec(
            select(RehabAttendance)
            .where(RehabAttendance.service_id == service_id)
            .order_by(col(RehabAttendance.id))
        )
    )


def services_for_recipient(
    session: Session, actor: Actor, recipient_id: int, limit: int = 20
) -> list[RehabServiceView]:
    """A recipient's sessions, newest first. Rehab history is care information: the read is audited."""
    recipient = recipient_for(session, actor, Action.recipient_view_clinical, recipient_id)
    rows = session.exec(
        select(RehabService, RehabAttendance.attended, User.name)
        .join(RehabAttendance, RehabAttendance.service_id == RehabService.id)
        .join(User, User.id == RehabService.provider_id)
        .where(RehabAttendance.recipient_id == recipient.id)
        .order_by(col(RehabService.service_date).desc(), col(RehabService.id).desc())
        .limit(max(1, min(limit, HISTORY_MAX)))
    ).all()
    views = [
        RehabServiceView(
            id=service.id,
            service_date=service.service_date,
            place=service.place,
            site_name=service.site_name,
            contents=tuple(service.contents),
            duration_minutes=service.duration_minutes,
            attended=attended,
            provider_name=provider_name,
        )
        for service, attended, provider_name in rows
    ]
    audit.record(
        session,
        actor,
        "rehab.view",
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"rows": len(views)},
    )
    session.commit()
    return views


def attendance_count(
    session: Session, recipient_ids: Iterable[int], start: date, end: date
) -> dict[int, int]:
    """Sessions each recipient attended from ``start`` to ``end`` (both included); 0 for those with none.
    No actor: the indicator that calls it decides who may see the figures."""
    ids = sorted(set(recipient_ids))
    if not ids:
        return {}
    counts = session.exec(
        select(RehabAttendance.recipient_id, func.count())
        .join(RehabService, RehabService.id == RehabAttendance.service_id)
        .where(
            col(RehabAttendance.recipient_id).in_(ids),
            col(RehabAttendance.attended).is_(True),
            RehabService.service_date >= start,
            RehabService.service_date <= end,
        )
        .group_by(RehabAttendance.recipient_id)
    ).all()
    return {rid: 0 for rid in ids} | dict(counts)


# --- reading the submission ---------------------------------------------------------------------------------


def _as_list(value: object) -> list:
    """A browser sends one checked value as a string and several as a list; JSON sends a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _read_attendees(errors: fields.FieldErrors, data: dict) -> list[tuple[int, bool]]:
    """(recipient id, attended) pairs from ``attendees`` or, when absent, ``recipient_ids`` (all attended).
    A recipient named twice counts once."""
    raw = data.get("attendees")
    if raw is None:
        raw = [{"recipient_id": rid} for rid in _as_list(data.get("recipient_ids"))]
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        errors.add("attendees", "error.invalid_choice")
        return []
    seen: dict[int, bool] = {}
    for entry in raw:
        recipient_id = fields.whole_number(entry.get("recipient_id"))
        if not recipient_id:
            errors.add("attendees", "error.invalid_choice")
            return []
        # Listed without saying: listed means came (as recipient_ids does).
        attended = fields.flag(entry, "attended") if "attended" in entry else True
        seen.setdefault(recipient_id, attended)
    if not seen:
        errors.add("attendees", "error.attendee_required")
    return list(seen.items())


def _attendee_recipients(session: Session, recipient_ids: list[int]) -> list[Recipient]:
    """The attendees' rows in the order given; an unknown id refuses the whole record."""
    if not recipient_ids:
        return []
    found = {
        r.id: r for r in session.exec(select(Recipient).where(col(Recipient.id).in_(recipient_ids))).all()
    }
    if len(found) != len(recipient_ids):
        raise NotFound()
    return [found[rid] for rid in recipient_ids]


def _read_service_date(errors: fields.FieldErrors, data: dict, recipients: list[Recipient]) -> date | None:
    service_date = fields.local_date(errors, data, "service_date")
    if service_date is None:
        return None
    if service_date > clock.today():
        errors.add("service_date", "error.date_in_future")
    elif service_date.year < EARLIEST_SERVICE:
        errors.add("service_date", "error.date_too_early")
    else:
        for recipient in recipients:
            registered = registered_on(recipient)
            if service_date < registered:
                errors.add(
                    "service_date",
                    "error.before_registration",
                    name=recipient.name,
                    date=registered.isoformat(),
                )
                break
    return service_date


def _read_contents(errors: fields.FieldErrors, data: dict) -> list[str]:
    chosen = {str(value).strip() for value in _as_list(data.get("contents"))} - {""}
    if not chosen:
        errors.add("contents", "error.content_required")
    elif not chosen <= set(CONTENTS):
        errors.add("contents", "error.invalid_choice")
    return [content for content in CONTENTS if content in chosen]


def _read_duration(errors: fields.FieldErrors, data: dict) -> int:
    raw = data.get("duration_minutes")
    if raw is None or str(raw).strip() == "":
        errors.add("duration_minutes", "error.required")
        return 0
    minutes = 0 if isinstance(raw, bool) else fields.whole_number(raw)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors.add("duration_minutes", "error.duration_range", min=MIN_MINUTES, max=MAX_MINUTES)
    return minutes


def _by_client_id(session: Session, client_id: str) -> RehabService | None:
    if not client_id:
        return None
    return session.exec(select(RehabService).where(RehabService.client_id == client_id)).first()


def _repeat(session: Session, existing: RehabService, recipients: list[Recipient]) -> RehabService:
    """A repeat returns the stored record, but only for the same (already authorised) attendees: a client id
    reused for other recipients is refused, so it can never read someone else's record."""
    stored = {row.recipient_id for row in attendance_of(session, existing.id)}
    if stored != {r.id for r in recipients}:
        raise ValidationFailed({"client_id": FieldError("error.client_id_reused")})
    return existing
