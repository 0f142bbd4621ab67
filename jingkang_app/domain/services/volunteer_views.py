"""Who reaches a volunteer's record and what each sees of it (志愿者, DOMAIN.md §3.11, §8).

A volunteer's record is no recipient's: coordinators reach it by area (volunteer.manage), the volunteer their own
by being its user (volunteer.serve), as services.volunteer_access decides. Lists mask phone and ID numbers; a
coordinator's detail read shows them in full and is audited. A recipient who volunteers is, to themselves, a
volunteer like any other: their own view carries no link to their recipient record, and a coordinator sees the link
only if they may open that recipient's record."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import (
    Area,
    AreaLevel,
    AuditLog,
    ConsentKind,
    ConsentRecord,
    Recipient,
    Volunteer,
)
from jingkang_app.domain.permissions import Action, Actor, area_scope_paths, can
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_registry as registry
from jingkang_app.domain.rules.idcard import mask_id_number
from jingkang_app.domain.rules.phone import mask_mobile
from jingkang_app.domain.rules.volunteers import VolunteerStatus
from jingkang_app.domain.services.recipients import target_of
from jingkang_app.domain.services.volunteer_access import own_volunteer, volunteer_to_manage

STATUS_STEPS = tuple(f"volunteer.{step.value}" for step in registry.VolunteerStep)


@dataclass(frozen=True)
class VolunteerView:
    id: int
    client_id: str
    volunteer_no: str  # "" until a coordinator approves
    name: str
    phone: str  # masked in lists
    id_type: str
    id_number: str  # masked in lists
    area_id: int
    area_name: str
    skills: list[str]
    availability: list[str]
    insured_until: date | None
    trainings: list[str]
    status: str  # rules.volunteers.VolunteerStatus
    status_reason: str  # why the last step (reject, pause, leave …) was taken; "" when none was given
    # A recipient volunteering: only for a coordinator who may open that recipient; never in the own view.
    recipient_id: int | None
    self_registered: bool
    created_at: datetime
    version: int


# --- reaching a record (the rest of the rules are services.volunteer_access) -------------------------------


def area_of(session: Session, volunteer: Volunteer) -> Area:
    return session.get(Area, volunteer.area_id)


def own_record(session: Session, actor: Actor) -> Volunteer:
    """The caller's own volunteer record, whatever its status — also a registration still waiting for approval,
    whose account holds no role yet (NotFound when they have none)."""
    volunteer = session.exec(select(Volunteer).where(Volunteer.user_id == actor.user_id)).first()
    if volunteer is None:
        raise NotFound()
    return volunteer


def serving_volunteer(session: Session, actor: Actor) -> Volunteer:
    """The caller's own record, for taking part in shifts: they hold the volunteer role and are 在册."""
    volunteer = own_volunteer(session, actor)
    check_active(volunteer)
    return volunteer


def volunteering_consent(session: Session, recipient_id: int) -> bool:
    """A recipient volunteers only with their consent to it on record and not withdrawn (ConsentKind.volunteering)."""
    return (
        session.exec(
            select(ConsentRecord.id).where(
                ConsentRecord.recipient_id == recipient_id,
                ConsentRecord.kind == ConsentKind.volunteering,
                col(ConsentRecord.withdrawn_on).is_(None),
            )
        ).first()
        is not None
    )


def check_active(volunteer: Volunteer) -> None:
    if volunteer.status != VolunteerStatus.active:
        raise ValidationFailed({"status": FieldError("error.volunteer_not_active")})


def managed_paths(actor: Actor) -> list[str]:
    """Area paths in which the actor manages volunteers and shifts; PermissionDenied when there are none."""
    paths = area_scope_paths(actor, Action.volunteer_manage)
    if not paths:
        raise PermissionDenied()
    return paths


def managed_area(session: Session, actor: Actor, area_id: object) -> Area | None:
    """The area, when it lies inside the actor's scope for volunteers; else None."""
    area = session.get(Area, fields.whole_number(area_id))
    if area is None or not any(area.path.startswith(p) for p in managed_paths(actor)):
        return None
    return area


def serving_area(session: Session, area_id: object) -> Area | None:
    """An area a volunteer may serve in: a village, or a whole township."""
    area = session.get(Area, fields.whole_number(area_id))
    return area if area is not None and area.level in (AreaLevel.village, AreaLevel.township) else None


# --- views ------------------------------------------------------------------------------------------------


def _status_reasons(session: Session, volunteer_ids: list[int]) -> dict[int, str]:
    """The reason given with each volunteer's latest status step (the table keeps none; the audit trail does)."""
    rows = session.exec(
        select(AuditLog.entity_id, AuditLog.detail)
        .where(
            AuditLog.entity == "volunteer",
            col(AuditLog.entity_id).in_(volunteer_ids),
            col(AuditLog.action).in_(STATUS_STEPS),
        )
        .order_by(AuditLog.id)
    ).all()
    reasons: dict[int, str] = {}
    for volunteer_id, detail in rows:
        try:
            reasons[volunteer_id] = str(json.loads(detail).get("reason") or "")
        except (ValueError, AttributeError):
            reasons[volunteer_id] = ""
    return reasons


def _linked_recipient(session: Session, coordinator: Actor | None, volunteer: Volunteer) -> int | None:
    """Which recipient the volunteer is: shown only to a coordinator who may open that recipient's record (a
    volunteer's mental-health history is sensitive even to a coordinator of where they serve)."""
    if coordinator is None or volunteer.recipient_id is None:
        return None
    recipient = session.get(Recipient, volunteer.recipient_id)
    return recipient.id if can(coordinator, Action.recipient_view, target_of(session, recipient)) else None


def _view(
    volunteer: Volunteer, area: Area, reason: str, recipient_id: int | None, *, masked: bool
) -> VolunteerView:
    return VolunteerView(
        id=volunteer.id,
        client_id=volunteer.client_id,
        volunteer_no=registry.shown_number(volunteer.volunteer_no),
        name=volunteer.name,
        phone=mask_mobile(volunteer.phone) if masked else volunteer.phone,
        id_type=volunteer.id_type,
        id_number=mask_id_number(volunteer.id_number) if masked else volunteer.id_number,
        area_id=area.id,
        area_name=area.name,
        skills=list(volunteer.skills),
        availability=list(volunteer.availability),
        insured_until=volunteer.insured_until,
        trainings=list(volunteer.trainings),
        status=volunteer.status,
        status_reason=reason,
        recipient_id=recipient_id,
        self_registered=volunteer.created_by is None,
        created_at=volunteer.created_at,
        version=volunteer.version,
    )


def view_of(
    session: Session, volunteer: Volunteer, *, coordinator: Actor | None = None, masked: bool = False
) -> VolunteerView:
    """The record as ``coordinator`` sees it, or (without one) as the volunteer sees their own."""
    reason = _status_reasons(session, [volunteer.id]).get(volunteer.id, "")
    recipient_id = _linked_recipient(session, coordinator, volunteer)
    return _view(volunteer, area_of(session, volunteer), reason, recipient_id, masked=masked)


def list_volunteers(
    session: Session,
    actor: Actor,
    *,
    status: str | None = None,
    area_id: object | None = None,
    search: str = "",
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[VolunteerView], int]:
    """The coordinator's list: volunteers serving inside their scope (optionally one status, one area and what
    lies inside it, a name or phone fragment), waiting registrations first, then by name; masked; with the total."""
    paths = managed_paths(actor)
    query = select(Volunteer, Area).join(Area, Area.id == Volunteer.area_id)
    query = query.where(or_(*[col(Area.path).startswith(p) for p in paths]))
    if status:
        if status not in {s.value for s in VolunteerStatus}:
            raise ValidationFailed({"status": FieldError("error.invalid_choice")})
        query = query.where(Volunteer.status == status)
    if area_id not in (None, ""):
        area = managed_area(session, actor, area_id)
        if area is None:
            raise PermissionDenied()
        query = query.where(col(Area.path).startswith(area.path))
    if search.strip():
        query = query.where(
            or_(col(Volunteer.name).contains(search.strip()), col(Volunteer.phone).contains(search.strip()))
        )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(Volunteer.status != VolunteerStatus.pending, Volunteer.name, Volunteer.id)
        .offset(offset)
        .limit(limit)
    ).all()
    reasons = _status_reasons(session, [v.id for v, _ in rows])
    views = [
        _view(v, a, reasons.get(v.id, ""), _linked_recipient(session, actor, v), masked=True) for v, a in rows
    ]
    return views, total


def volunteer_detail(session: Session, actor: Actor, volunteer_id: object) -> VolunteerView:
    """One volunteer in full (phone and ID number, to call them and for the certificate): the read is audited."""
    volunteer = volunteer_to_manage(session, actor, volunteer_id)
    audit.record(session, actor, "volunteer.view", "volunteer", volunteer.id, area_id=volunteer.area_id)
    session.commit()
    return view_of(session, volunteer, coordinator=actor)


def my_profile(session: Session, actor: Actor) -> VolunteerView:
    """The caller's own record, also while it waits for approval (their own least view: no recipient link)."""
    return view_of(session, own_record(session, actor))
