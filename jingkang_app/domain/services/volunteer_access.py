"""Who reaches a volunteer's service records, points and certificates (DOMAIN.md §3.11, §8), as permissions.py
describes: a volunteer's own record is a Target with the volunteer's user as its only team member, so the
volunteer reaches it by being that user (volunteer.serve) and a coordinator by area (volunteer.manage).

Managing someone's hours is never done to oneself: a coordinator who also volunteers cannot verify, correct or
certify their own service, nor redeem their own points (the team way would otherwise let them in anywhere)."""

from dataclasses import dataclass

from sqlmodel import Session, select

from jingkang_app.domain.errors import NotFound, PermissionDenied
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerShift
from jingkang_app.domain.permissions import Action, Actor, Target, can, require
from jingkang_app.domain.rules import fields


@dataclass(frozen=True)
class SignUpContext:
    """One service record with the shift it is on, the volunteer, and the shift's area path."""

    sign_up: ShiftSignUp
    shift: VolunteerShift
    volunteer: Volunteer
    area_path: str


def area_path_of(session: Session, area_id: int) -> str:
    return session.exec(select(Area.path).where(Area.id == area_id)).one()


def _self_target(volunteer: Volunteer) -> Target:
    return Target(team_user_ids=frozenset({volunteer.user_id}) if volunteer.user_id else frozenset())


def is_self(actor: Actor, volunteer: Volunteer) -> bool:
    return volunteer.user_id == actor.user_id and can(actor, Action.volunteer_serve, _self_target(volunteer))


def manages(actor: Actor, volunteer: Volunteer, area_path: str) -> bool:
    """A coordinator over ``area_path`` — never of their own volunteer record."""
    return volunteer.user_id != actor.user_id and can(
        actor, Action.volunteer_manage, Target(area_path=area_path)
    )


def require_manager(actor: Actor, volunteer: Volunteer, area_path: str) -> None:
    if not manages(actor, volunteer, area_path):
        raise PermissionDenied()


def require_self(actor: Actor, volunteer: Volunteer) -> None:
    if not is_self(actor, volunteer):
        raise PermissionDenied()


def volunteer_for_reading(session: Session, actor: Actor, volunteer_id: object) -> Volunteer:
    """The volunteer, for themselves or a coordinator of their area (their ledger, hours, certificates)."""
    volunteer = session.get(Volunteer, fields.whole_number(volunteer_id))
    if volunteer is None:
        raise NotFound()
    if not (is_self(actor, volunteer) or manages(actor, volunteer, area_path_of(session, volunteer.area_id))):
        raise PermissionDenied()
    return volunteer


def volunteer_to_manage(session: Session, actor: Actor, volunteer_id: object) -> Volunteer:
    volunteer = session.get(Volunteer, fields.whole_number(volunteer_id))
    if volunteer is None:
        raise NotFound()
    require_manager(actor, volunteer, area_path_of(session, volunteer.area_id))
    return volunteer


def own_volunteer(session: Session, actor: Actor) -> Volunteer:
    """The caller's own volunteer record: PermissionDenied without the volunteer role, NotFound without a
    record linked to their account."""
    require(actor, Action.volunteer_serve, Target(team_user_ids=frozenset({actor.user_id})))
    volunteer = session.exec(select(Volunteer).where(Volunteer.user_id == actor.user_id)).first()
    if volunteer is None:
        raise NotFound()
    return volunteer


def sign_up_context(session: Session, sign_up_id: object) -> SignUpContext:
    row = session.exec(
        select(ShiftSignUp, VolunteerShift, Volunteer, Area.path)
        .join(VolunteerShift, VolunteerShift.id == ShiftSignUp.shift_id)
        .join(Volunteer, Volunteer.id == ShiftSignUp.volunteer_id)
        .join(Area, Area.id == VolunteerShift.area_id)
        .where(ShiftSignUp.id == fields.whole_number(sign_up_id))
    ).first()
    if row is None:
        raise NotFound()
    return SignUpContext(*row)
