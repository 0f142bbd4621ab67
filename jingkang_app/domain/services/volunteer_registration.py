"""Becoming a volunteer (志愿者, DOMAIN.md §3.11): anyone may register without logging in — an account without a
role and a volunteer record waiting (待审核) for a coordinator of the chosen area, who is told — or a coordinator
adds a volunteer of their area directly (在册 at once). A phone number that already has an account or a volunteer
is refused clearly.

A recipient in stable recovery (在册, last follow-up 稳定) may volunteer too, added by a coordinator with the
recipient's consent to it on record (ConsentKind.volunteering); to themselves they are a volunteer like any other
(their own view carries no link to their recipient record)."""

import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, or_, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import FieldError, ValidationFailed
from jingkang_app.domain.models import Area, AreaLevel, RecipientStatus, Role, User, Volunteer
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_registry as registry
from jingkang_app.domain.rules.followup_schedule import Classification
from jingkang_app.domain.rules.idcard import InvalidIdNumber, parse_id_number
from jingkang_app.domain.rules.phone import InvalidMobile, normalise_mobile
from jingkang_app.domain.rules.volunteers import VolunteerStatus
from jingkang_app.domain.services import idempotency, rate_limit, users
from jingkang_app.domain.services.notifications import coordinators_over, notify
from jingkang_app.domain.services.recipients import recipient_for
from jingkang_app.domain.services.volunteer_views import (
    VolunteerView,
    managed_area,
    managed_paths,
    serving_area,
    view_of,
    volunteering_consent,
)
from jingkang_app.domain.services.volunteers import approve_record, read_profile, tell

PENDING_LINK = "/volunteers?status=pending"
PUBLIC_FORM = "volunteer_registration"  # its rate-limit bucket


@dataclass(frozen=True)
class VolunteerSaved:
    volunteer: VolunteerView
    repeat: bool


@dataclass(frozen=True)
class AreaChoice:
    id: int
    label: str  # "城关镇" or "城关镇 / 南塘村"


def registration_areas(session: Session) -> list[AreaChoice]:
    """Where one may register to serve (public, for the form): every township and village, in tree order."""
    areas = list(
        session.exec(
            select(Area)
            .where(or_(Area.level == AreaLevel.township, Area.level == AreaLevel.village))
            .order_by(Area.path)
        ).all()
    )
    names = {area.id: area.name for area in areas}
    return [
        AreaChoice(
            area.id, f"{names[area.parent_id]} / {area.name}" if area.parent_id in names else area.name
        )
        for area in areas
    ]


# --- reading the form -------------------------------------------------------------------------------------


def _read_identity(errors: fields.FieldErrors, data: dict) -> dict:
    """证件类型 and number, both optional; a resident ID number is checked and normalised."""
    id_type = fields.optional_choice(errors, data, "id_type", set(registry.ID_TYPES), "")
    number = fields.text(errors, data, "id_number", max_length=registry.ID_NUMBER_MAX, required=False)
    if number and not id_type:
        errors.add("id_type", "error.required")
    if number and id_type == registry.RESIDENT_ID:
        try:
            number = parse_id_number(number).number
        except InvalidIdNumber as exc:
            errors.add("id_number", f"error.id_number_{exc.reason}")
    return {"id_type": id_type if number else "", "id_number": number.upper()}


def _read_phone(session: Session, errors: fields.FieldErrors, data: dict) -> str:
    """The mobile number, refused clearly when an account or a volunteer already has it."""
    try:
        phone = normalise_mobile(str(data.get("phone") or ""))
    except InvalidMobile:
        errors.add("phone", "error.mobile_invalid")
        return ""
    taken = (
        session.exec(select(User.id).where(User.phone == phone)).first()
        or session.exec(select(Volunteer.id).where(Volunteer.phone == phone)).first()
    )
    if taken:
        errors.add("phone", "error.volunteer_phone_registered")
    return phone


def _read_volunteer(session: Session, errors: fields.FieldErrors, data: dict, area: Area | None) -> dict:
    return {
        "name": fields.text(errors, data, "name", max_length=registry.NAME_MAX),
        "phone": _read_phone(session, errors, data),
        "area_id": area.id if area else None,
        **_read_identity(errors, data),
        **read_profile(errors, data, trainings=True),
    }


def _account(
    session: Session, actor: Actor | None, data: dict, values: dict, errors: fields.FieldErrors
) -> User:
    """The volunteer's login (no role yet); every field error of the form is raised here, together."""
    account = {"name": values["name"], "phone": data.get("phone"), "password": data.get("password")}
    try:
        return users.new_account(session, actor, account, errors)
    except IntegrityError:  # the same form, sent twice at once, stored its account first
        session.rollback()
        raise ValidationFailed({"phone": FieldError("error.volunteer_phone_registered")}) from None


# --- registering and adding -------------------------------------------------------------------------------


def register_volunteer(session: Session, data: dict, *, ip: str | None = None) -> VolunteerSaved:
    """Public self-registration: a waiting volunteer and their account; the area's coordinators are told. The
    same ``client_id`` again (with the same phone) returns the stored registration; a new one beyond the hourly
    limit of its client address ``ip`` is refused (TooManySubmissions)."""
    client_id = idempotency.client_id_of(data)
    try:
        phone = normalise_mobile(str(data.get("phone") or ""))
    except InvalidMobile:
        phone = ""
    existing = idempotency.stored_repeat(session, Volunteer, client_id, phone, owner="phone")
    if existing:
        return VolunteerSaved(view_of(session, existing), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    area = serving_area(session, data.get("area_id"))
    if area is None:
        errors.add("area_id", "error.volunteer_area")
    else:  # refused before the password is hashed, so a flood costs the server little
        rate_limit.check(session, PUBLIC_FORM, ip, max_per_hour=rate_limit.limit_of(session, area.path))
    values = _read_volunteer(session, errors, data, area)
    user = _account(session, None, data, values, errors)
    rate_limit.hit(session, PUBLIC_FORM, ip)  # only once every field was accepted
    token = uuid.uuid4().hex
    volunteer = Volunteer(
        client_id=client_id, user_id=user.id, volunteer_no=registry.provisional_number(token), **values
    )
    stored = idempotency.insert_once(session, volunteer, owner="phone")
    if stored:
        return VolunteerSaved(view_of(session, stored), repeat=True)
    audit.record(session, None, "volunteer.register", "volunteer", volunteer.id, area_id=area.id, ip=ip)
    told = coordinators_over(session, area.path, Role.township_coordinator) or coordinators_over(
        session, area.path, Role.county_coordinator
    )
    notify(
        session,
        told,
        "volunteer_registered",
        params={"name": volunteer.name, "area": area.name},
        link=PENDING_LINK,
        dedupe=f"volunteer:{volunteer.id}:registered",
    )
    session.commit()
    return VolunteerSaved(view_of(session, volunteer), repeat=False)


def _read_recipient(session: Session, actor: Actor, errors: fields.FieldErrors, data: dict) -> int | None:
    """A recipient volunteering: 在册, last classified 稳定, with their consent to volunteering on record."""
    if data.get("recipient_id") in (None, ""):
        return None
    recipient = recipient_for(session, actor, Action.volunteer_manage, data.get("recipient_id"))
    if recipient.status != RecipientStatus.registered or recipient.classification != Classification.stable:
        errors.add("recipient_id", "error.volunteer_recipient_not_stable")
    elif not volunteering_consent(session, recipient.id):
        errors.add("recipient_id", "error.volunteer_consent_missing")
    elif session.exec(select(Volunteer.id).where(Volunteer.recipient_id == recipient.id)).first():
        errors.add("recipient_id", "error.volunteer_recipient_registered")
    return recipient.id


def add_volunteer(session: Session, actor: Actor, data: dict) -> VolunteerSaved:
    """A coordinator adds a volunteer of their area, 在册 at once, with an initial ``password`` for their login;
    ``recipient_id`` for a recipient volunteering. The same ``client_id`` again returns the stored one."""
    managed_paths(actor)
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, Volunteer, client_id, actor.user_id, owner="created_by")
    if existing:
        return VolunteerSaved(view_of(session, existing, coordinator=actor), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    area = serving_area(session, data.get("area_id"))
    if area is None or managed_area(session, actor, area.id) is None:
        errors.add("area_id", "error.volunteer_area_out_of_scope")
        area = None
    recipient_id = _read_recipient(session, actor, errors, data)
    values = _read_volunteer(session, errors, data, area)
    user = _account(session, actor, data, values, errors)
    volunteer = Volunteer(
        client_id=client_id,
        user_id=user.id,
        volunteer_no=registry.provisional_number(uuid.uuid4().hex),
        status=VolunteerStatus.active,
        recipient_id=recipient_id,
        created_by=actor.user_id,
        **values,
    )
    stored = idempotency.insert_once(session, volunteer, owner="created_by")
    if stored:
        return VolunteerSaved(view_of(session, stored, coordinator=actor), repeat=True)
    approve_record(session, actor, volunteer, area)
    session.add(volunteer)
    audit.record(
        session,
        actor,
        "volunteer.add",
        "volunteer",
        volunteer.id,
        recipient_id=recipient_id,
        area_id=area.id,
        detail={"volunteer_no": volunteer.volunteer_no},
    )
    tell(session, volunteer, "volunteer_approve", "")
    session.commit()
    return VolunteerSaved(view_of(session, volunteer, coordinator=actor), repeat=False)


@dataclass(frozen=True)
class RecipientVolunteering:
    """Whether a recipient page offers 「登记为志愿者」: their consent to it in force, and whether they already are."""

    consented: bool
    registered: bool
    area_id: int


def recipient_volunteering(session: Session, actor: Actor, recipient_id: object) -> RecipientVolunteering:
    """For a coordinator who manages volunteers where the recipient lives (PermissionDenied otherwise)."""
    recipient = recipient_for(session, actor, Action.volunteer_manage, recipient_id)
    registered = session.exec(select(Volunteer.id).where(Volunteer.recipient_id == recipient.id)).first()
    return RecipientVolunteering(
        volunteering_consent(session, recipient.id), registered is not None, recipient.area_id
    )
