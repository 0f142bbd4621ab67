"""意见反馈 (DOMAIN.md §3.14): anyone may send a complaint or a suggestion about the county or one of its
townships, without logging in, and note the reference code it gets; the area's coordinators are told and answer it
within the county's working days (``feedback.answer_within_days``, on the referral calendar of holidays and 调休
days). The public form is rate-limited per client address; each answer is versioned and audited."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Area, AreaLevel, Feedback, Role
from jingkang_app.domain.permissions import Action, Actor, Target, require
from jingkang_app.domain.rules import feedback as rules
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.feedback import FeedbackKind, FeedbackStatus
from jingkang_app.domain.rules.phone import InvalidMobile, normalise_mobile
from jingkang_app.domain.rules.working_days import add_working_days, parse_days
from jingkang_app.domain.services import idempotency, rate_limit
from jingkang_app.domain.services.notifications import coordinators_over, notify
from jingkang_app.domain.services.volunteer_registration import AreaChoice

PUBLIC_FORM = "feedback"  # its rate-limit bucket
QUEUE_LINK = "/feedback/manage"


@dataclass(frozen=True)
class FeedbackReceipt:
    """What the sender is shown: no content and nothing about them, only what to note."""

    reference: str
    kind: str
    area_name: str
    received_on: date
    answer_by: date
    answer_within_days: int  # the county's promise, in working days
    repeat: bool


@dataclass(frozen=True)
class FeedbackContact:
    name: str
    phone: str


def feedback_areas(session: Session) -> list[AreaChoice]:
    """What feedback may be about (public, for the form): each county, then its townships, in tree order."""
    areas = session.exec(
        select(Area).where(col(Area.level).in_([AreaLevel.county, AreaLevel.township])).order_by(Area.path)
    ).all()
    names = {area.id: area.name for area in areas}
    return [
        AreaChoice(
            area.id, f"{names[area.parent_id]} / {area.name}" if area.parent_id in names else area.name
        )
        for area in areas
    ]


def _public_area(session: Session, area_id: object) -> Area | None:
    area = session.get(Area, fields.whole_number(area_id))
    return area if area is not None and area.level in (AreaLevel.county, AreaLevel.township) else None


def answer_within_days(session: Session, area_path: str) -> int:
    return settings.get(session, settings.county_id_of(area_path), "feedback.answer_within_days")


def answer_by(session: Session, area_path: str, received_on: date) -> date:
    county_id = settings.county_id_of(area_path)
    return add_working_days(
        received_on,
        answer_within_days(session, area_path),
        parse_days(settings.get(session, county_id, "referral.holidays")),
        parse_days(settings.get(session, county_id, "referral.make_up_days")),
    )


# --- the public form ----------------------------------------------------------------------------------------


def _read_contact_phone(errors: fields.FieldErrors, data: dict) -> str:
    raw = fields.text(errors, data, "contact_phone", max_length=rules.CONTACT_PHONE_MAX, required=False)
    if not raw or "contact_phone" in errors.errors:
        return ""
    try:
        return normalise_mobile(raw)
    except InvalidMobile:
        errors.add("contact_phone", "error.mobile_invalid")
        return ""


def _receipt(session: Session, feedback: Feedback, *, repeat: bool) -> FeedbackReceipt:
    area = session.get(Area, feedback.area_id)
    return FeedbackReceipt(
        rules.reference_code(feedback.id),
        feedback.kind,
        area.name,
        feedback.received_on,
        feedback.answer_by,
        answer_within_days(session, area.path),
        repeat,
    )


def submit_feedback(session: Session, data: dict, *, ip: str | None = None) -> FeedbackReceipt:
    """Stores a complaint or suggestion from anyone; the same ``client_id`` again (about the same area) returns
    its receipt without counting against the sender's hourly limit."""
    client_id = idempotency.client_id_of(data)
    area = _public_area(session, data.get("area_id"))
    existing = idempotency.stored_repeat(
        session, Feedback, client_id, area.id if area else 0, owner="area_id"
    )
    if existing:
        return _receipt(session, existing, repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    kind = fields.choice(errors, data, "kind", {k.value for k in FeedbackKind})
    if area is None:
        errors.add("area_id", "error.feedback_area")
    content = fields.text(errors, data, "content", max_length=rules.CONTENT_MAX)
    contact_name = fields.text(
        errors, data, "contact_name", max_length=rules.CONTACT_NAME_MAX, required=False
    )
    contact_phone = _read_contact_phone(errors, data)
    errors.raise_if_any()
    rate_limit.check_and_hit(session, PUBLIC_FORM, ip, max_per_hour=rate_limit.limit_of(session, area.path))
    received_on = clock.today()
    feedback = Feedback(
        client_id=client_id,
        area_id=area.id,
        kind=kind,
        content=content,
        contact_name=contact_name,
        contact_phone=contact_phone,
        received_on=received_on,
        answer_by=answer_by(session, area.path, received_on),
    )
    stored = idempotency.insert_once(session, feedback, owner="area_id")
    if stored:
        return _receipt(session, stored, repeat=True)
    audit.record(
        session,
        None,
        "feedback.submit",
        "feedback",
        feedback.id,
        area_id=area.id,
        detail={"kind": kind},
        ip=ip,
    )
    told = coordinators_over(session, area.path, Role.township_coordinator) or coordinators_over(
        session, area.path, Role.county_coordinator
    )
    notify(
        session,
        told,
        "feedback_received",
        params={
            "reference": rules.reference_code(feedback.id),
            "area": area.name,
            "answer_by": feedback.answer_by.isoformat(),
        },
        link=QUEUE_LINK,
        dedupe=f"feedback:{feedback.id}:received",
    )
    session.commit()
    return _receipt(session, feedback, repeat=False)


# --- the coordinator's side ---------------------------------------------------------------------------------


def feedback_for(session: Session, actor: Actor, feedback_id: object) -> tuple[Feedback, Area]:
    """A feedback the actor answers (PermissionDenied outside their area, NotFound for no such one)."""
    feedback = session.get(Feedback, fields.whole_number(feedback_id))
    if feedback is None:
        raise NotFound()
    area = session.get(Area, feedback.area_id)
    require(actor, Action.feedback_answer, Target(area_path=area.path))
    return feedback, area


def contact_of(session: Session, actor: Actor, feedback_id: object) -> FeedbackContact:
    """The sender's name and full phone number, to call them back: lists show it masked; a read of a number is
    audited."""
    feedback, area = feedback_for(session, actor, feedback_id)
    if feedback.contact_phone:
        audit.record(session, actor, "feedback.view_contact", "feedback", feedback.id, area_id=area.id)
        session.commit()
    return FeedbackContact(feedback.contact_name, feedback.contact_phone)


def answer_feedback(session: Session, actor: Actor, feedback_id: object, data: dict) -> Feedback:
    """Answers an open feedback at the ``version`` it was read at; a stale version is refused naming what changed."""
    feedback, area = feedback_for(session, actor, feedback_id)
    version = fields.whole_number(data.get("version"))
    if version != feedback.version:
        raise StaleVersion(
            field="version", changed=audit.changed_since(session, "feedback", feedback.id, version)
        )
    if feedback.status != FeedbackStatus.open:
        raise ValidationFailed({"status": FieldError("error.feedback_already_answered")})
    errors = fields.FieldErrors()
    answer = fields.text(errors, data, "answer", max_length=rules.ANSWER_MAX)
    errors.raise_if_any()
    feedback.answer, feedback.status = answer, FeedbackStatus.answered
    feedback.answered_by, feedback.answered_at, feedback.answered_on = (
        actor.user_id,
        clock.now(),
        clock.today(),
    )
    feedback.version += 1
    session.add(feedback)
    audit.record(
        session,
        actor,
        "feedback.answer",
        "feedback",
        feedback.id,
        area_id=area.id,
        detail={
            "version": feedback.version,
            "changed": ["status", "answer"],
            "on_time": feedback.answered_on <= feedback.answer_by,
        },
    )
    session.commit()
    return feedback
