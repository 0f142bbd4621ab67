"""Volunteers taking shifts (DOMAIN.md §3.11, §5): a volunteer signs up for a shift offered to them, or a coordinator
invites them (no seat until they accept, services.sign_up_changes). Who may take a seat: an active (在册) volunteer,
insured for the shift's days and trained as it needs, with no other seat at an overlapping time. A shift is never
over-booked: a seat is taken by the conditional UPDATE of services.seats. The weekly hours cap does not refuse:
the hours planned in the shift's ISO week come back with the result, for the coordinator's warning.

One volunteer's sign-ups are taken one at a time (the row lock points.lock_ledger takes on the volunteer, held to
the commit), so two overlapping shifts taken at the same moment cannot both pass the overlap check. Check-in,
check-out and verified hours are services.service_records."""

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from jingkang_app.domain import audit, settings
from jingkang_app.domain.errors import FieldError, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.events import local_text
from jingkang_app.domain.rules.volunteers import ShiftStatus, SignUpStatus
from jingkang_app.domain.services import idempotency, points, seats
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.shift_offers import unmet_for
from jingkang_app.domain.services.shift_views import check_open, managed_shift, shift_and_area
from jingkang_app.domain.services.volunteer_access import (
    volunteer_to_manage,
)
from jingkang_app.domain.services.volunteer_views import check_active, serving_volunteer, volunteering_consent

ENTITY = "shift_sign_up"
# Notices a volunteer receives (the others go to the coordinator who made or manages the shift).
TO_VOLUNTEER = {"shift_invited", "shift_called_off"}


@dataclass(frozen=True)
class SignUpView:
    id: int
    shift_id: int
    volunteer_id: int
    volunteer_name: str
    status: str  # rules.volunteers.SignUpStatus
    invited: bool
    version: int


@dataclass(frozen=True)
class SignUpSaved:
    sign_up: SignUpView
    repeat: bool
    weekly: rules.WeeklyHours  # the volunteer's planned hours in the shift's week against the cap (a warning)


def sign_up_view(sign_up: ShiftSignUp, volunteer: Volunteer) -> SignUpView:
    return SignUpView(
        id=sign_up.id,
        shift_id=sign_up.shift_id,
        volunteer_id=volunteer.id,
        volunteer_name=volunteer.name,
        status=sign_up.status,
        invited=sign_up.invited_by is not None,
        version=sign_up.version,
    )


def refuse(key: str, field: str = "status", **params: object) -> ValidationFailed:
    return ValidationFailed({field: FieldError(key, params)})


# --- the checks -------------------------------------------------------------------------------------------


def _seated_shifts(session: Session, volunteer_id: int, besides: int, *conditions) -> list[VolunteerShift]:
    return list(
        session.exec(
            select(VolunteerShift)
            .join(ShiftSignUp, ShiftSignUp.shift_id == VolunteerShift.id)
            .where(
                ShiftSignUp.volunteer_id == volunteer_id,
                col(ShiftSignUp.status).in_(rules.SEATED),
                VolunteerShift.status == ShiftStatus.open,
                VolunteerShift.id != besides,
                *conditions,
            )
        ).all()
    )


def weekly_hours(
    session: Session, volunteer_id: int, shift: VolunteerShift, area_path: str
) -> rules.WeeklyHours:
    """Hours of the volunteer's other seats in the shift's ISO week, with this shift's added, against the cap."""
    monday, next_monday = rules.week_bounds(shift.starts_at)
    planned = sum(
        rules.hours(s.starts_at, s.ends_at)
        for s in _seated_shifts(
            session,
            volunteer_id,
            shift.id,
            VolunteerShift.starts_at >= monday,
            VolunteerShift.starts_at < next_monday,
        )
    )
    cap = settings.get(session, settings.county_id_of(area_path), "volunteer.weekly_hours_cap")
    return rules.weekly_hours(planned, rules.hours(shift.starts_at, shift.ends_at), cap)


def check_fit(session: Session, volunteer: Volunteer, shift: VolunteerShift) -> None:
    """在册, insured and trained as the shift needs, and (for a recipient volunteering) their consent in force."""
    check_active(volunteer)
    if volunteer.recipient_id and not volunteering_consent(session, volunteer.recipient_id):
        raise refuse("error.volunteer_consent_missing")
    unmet = unmet_for(volunteer, shift)
    if "insurance" in unmet:
        raise refuse("error.shift_needs_insurance", until=rules.local_day(shift.ends_at).isoformat())
    if "training" in unmet:
        raise refuse("error.shift_needs_training", training=shift.needs_training)


def check_free(session: Session, volunteer: Volunteer, shift: VolunteerShift) -> None:
    """No seat at an overlapping time. Takes the volunteer's lock first, so it holds until the commit."""
    points.lock_ledger(session, volunteer)
    clash = _seated_shifts(
        session,
        volunteer.id,
        shift.id,
        VolunteerShift.starts_at < shift.ends_at,
        VolunteerShift.ends_at > shift.starts_at,
    )
    if clash:
        other = clash[0]
        raise refuse("error.shift_overlaps", start=local_text(other.starts_at), place=other.place)


def take_seat(session: Session, shift: VolunteerShift) -> None:
    if not seats.take_seat(session, VolunteerShift, shift.id, ShiftStatus.open):
        raise refuse("error.shift_full", capacity=shift.capacity)


VOLUNTEER_LINK = "/volunteer"


def tell(
    session: Session, user_ids: set[int], kind: str, shift: VolunteerShift, dedupe: str, **params: object
) -> None:
    """A notice about ``shift``: to a volunteer it links to their page, to a coordinator to the shift."""
    notify(
        session,
        user_ids,
        kind,
        params={"start": local_text(shift.starts_at), "place": shift.place, **params},
        link=VOLUNTEER_LINK if kind in TO_VOLUNTEER else f"/shifts/{shift.id}",
        dedupe=dedupe,
    )


def audit_step(
    session: Session, actor: Actor, sign_up: ShiftSignUp, action: str, area_id: int, **detail
) -> None:
    audit.record(
        session,
        actor,
        action,
        ENTITY,
        sign_up.id,
        area_id=area_id,
        detail={"shift_id": sign_up.shift_id, "version": sign_up.version, "changed": ["status"], **detail},
    )


# --- signing up and inviting ------------------------------------------------------------------------------


def _store(
    session: Session, actor: Actor, shift: VolunteerShift, volunteer: Volunteer, client_id: str, status: str
) -> tuple[ShiftSignUp, bool]:
    """Inserts the sign-up (flushes). (stored, True) when the same client id arrived twice at once and the other
    request stored it first (this transaction, with any seat it took, is rolled back)."""
    record = ShiftSignUp(
        client_id=client_id,
        shift_id=shift.id,
        volunteer_id=volunteer.id,
        status=status,
        invited_by=actor.user_id if status == SignUpStatus.invited else None,
        created_by=actor.user_id,
    )
    try:
        stored = idempotency.insert_once(session, record, owner="created_by")
    except IntegrityError:
        # Another live sign-up of this volunteer on this shift (the table's unique index) was stored first.
        raise refuse("error.shift_already_signed_up") from None
    return (stored, True) if stored else (record, False)


def _live(session: Session, shift_id: int, volunteer_id: int) -> ShiftSignUp | None:
    return session.exec(
        select(ShiftSignUp).where(
            ShiftSignUp.shift_id == shift_id,
            ShiftSignUp.volunteer_id == volunteer_id,
            col(ShiftSignUp.status).in_(rules.LIVE),
        )
    ).first()


def _repeat(session: Session, actor: Actor, data: dict) -> tuple[str, ShiftSignUp | None]:
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(session, ShiftSignUp, client_id, actor.user_id, owner="created_by")
    if not existing:
        errors = fields.FieldErrors()
        idempotency.check_client_id(errors, client_id)
        errors.raise_if_any()
    return client_id, existing


def _saved(session: Session, record: ShiftSignUp, repeat: bool) -> SignUpSaved:
    shift, area = shift_and_area(session, record.shift_id)
    volunteer = session.get(Volunteer, record.volunteer_id)
    weekly = weekly_hours(session, volunteer.id, shift, area.path)
    return SignUpSaved(sign_up_view(record, volunteer), repeat, weekly)


def sign_up(session: Session, actor: Actor, shift_id: object, data: dict) -> SignUpSaved:
    """The volunteer takes a seat on a shift offered to them; the same ``client_id`` again returns it."""
    volunteer = serving_volunteer(session, actor)
    shift, area = shift_and_area(session, shift_id)
    if not rules.shift_reaches(session.get(Area, volunteer.area_id).path, area.path):
        raise PermissionDenied()
    client_id, existing = _repeat(session, actor, data)
    if existing:
        return _saved(session, existing, repeat=True)
    check_open(shift)
    check_fit(session, volunteer, shift)
    if _live(session, shift.id, volunteer.id):
        raise refuse("error.shift_already_signed_up")
    check_free(session, volunteer, shift)
    take_seat(session, shift)
    record, repeat = _store(session, actor, shift, volunteer, client_id, SignUpStatus.signed_up)
    if repeat:
        return _saved(session, record, repeat=True)
    audit_step(session, actor, record, "shift.sign_up", shift.area_id)
    tell(session, {shift.created_by}, "shift_signed_up", shift, f"sign_up:{record.id}", name=volunteer.name)
    session.commit()
    return _saved(session, record, repeat=False)


def invite(session: Session, actor: Actor, shift_id: object, data: dict) -> SignUpSaved:
    """A coordinator of the shift's area asks a volunteer of their area; the answer holds the weekly warning."""
    shift, _ = managed_shift(session, actor, shift_id)
    volunteer = volunteer_to_manage(session, actor, data.get("volunteer_id"))
    client_id, existing = _repeat(session, actor, data)
    if existing:
        return _saved(session, existing, repeat=True)
    check_open(shift)
    check_fit(session, volunteer, shift)
    if _live(session, shift.id, volunteer.id):
        raise refuse("error.shift_already_signed_up", field="volunteer_id")
    check_free(session, volunteer, shift)
    record, repeat = _store(session, actor, shift, volunteer, client_id, SignUpStatus.invited)
    if repeat:
        return _saved(session, record, repeat=True)
    audit_step(session, actor, record, "shift.invite", shift.area_id, volunteer_id=volunteer.id)
    if volunteer.user_id:
        tell(session, {volunteer.user_id}, "shift_invited", shift, f"sign_up:{record.id}:invited")
    session.commit()
    return _saved(session, record, repeat=False)
