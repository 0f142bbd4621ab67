"""A recipient's care team (综合管理小组, DOMAIN.md §2): who may join it, adding members, taking them off.
Changing the team needs ``recipient_update`` on the recipient."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import FieldError, NotFound, ValidationFailed
from jingkang_app.domain.models import Area, CareTeamMember, Recipient, Role, RoleAssignment, TeamRole, User
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services.recipients import TeamMemberView, recipient_for, team_of

# The team roles each account role may fill. The village committee holds the posts of disability worker
# (残疾人专职委员) and civil-affairs assistant (民政协理员); the township's civil-affairs work falls to its
# coordinator. A cadre who is also a grid worker holds both account roles. Police (社区民警) have no account role
# yet, so no one fills that team role; county coordinators and administrators join no team.
TEAM_ROLES: dict[Role, tuple[TeamRole, ...]] = {
    Role.caregiver: (TeamRole.guardian,),
    Role.grid_worker: (TeamRole.grid_worker,),
    Role.village_cadre: (TeamRole.disability_worker, TeamRole.civil_affairs),
    Role.community_doctor: (TeamRole.doctor,),
    Role.social_worker: (TeamRole.social_worker,),
    Role.volunteer: (TeamRole.volunteer,),
    Role.township_coordinator: (TeamRole.civil_affairs,),
}
_TEAM_ROLE_ORDER = {team_role: n for n, team_role in enumerate(TeamRole)}


@dataclass(frozen=True)
class Candidate:
    """Someone who could join the team in one team role, through one of their role assignments."""

    user_id: int
    name: str
    role: str  # the account role that fits
    area: str  # the area of that role assignment
    team_role: str


def _covering_paths(path: str) -> list[str]:
    """The paths of an area and of every area above it ("/1/4/17/" → "/1/", "/1/4/", "/1/4/17/"): the scopes
    that cover it."""
    ids = path.strip("/").split("/")
    return [f"/{'/'.join(ids[: n + 1])}/" for n in range(len(ids))]


def _recipient_path(session: Session, recipient: Recipient) -> str:
    return session.exec(select(Area.path).where(Area.id == recipient.area_id)).one()


def _members(session: Session, recipient_id: int) -> set[tuple[int, str]]:
    return set(
        session.exec(
            select(CareTeamMember.user_id, CareTeamMember.team_role).where(
                CareTeamMember.recipient_id == recipient_id
            )
        )
    )


def candidates(session: Session, actor: Actor, recipient_id: object) -> list[Candidate]:
    """Active users whose role fits a team role and whose area covers the recipient's village, one per (user,
    team role) not on the team yet; by team role, then name."""
    recipient = recipient_for(session, actor, Action.recipient_update, recipient_id)
    rows = session.exec(
        select(User.id, User.name, RoleAssignment.role, Area.name)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .join(Area, Area.id == RoleAssignment.area_id)
        .where(
            User.active,
            col(RoleAssignment.role).in_([role.value for role in TEAM_ROLES]),
            col(Area.path).in_(_covering_paths(_recipient_path(session, recipient))),
        )
        # The narrowest area first: a user fitting one team role twice is offered through the closer scope.
        .order_by(User.name, User.id, col(Area.path).desc())
    )
    found: dict[tuple[int, str], Candidate] = {}
    for user_id, name, role, area in rows:
        for team_role in TEAM_ROLES[Role(role)]:
            found.setdefault((user_id, team_role), Candidate(user_id, name, role, area, team_role))
    taken = _members(session, recipient.id)
    return sorted(
        (c for key, c in found.items() if key not in taken),
        key=lambda c: _TEAM_ROLE_ORDER[c.team_role],
    )


def _unfit(session: Session, user_id: int, team_role: str, recipient_path: str) -> str | None:
    """Why the user cannot join in ``team_role`` (a catalogue key), or None when they can."""
    assignments = session.exec(
        select(RoleAssignment.role, Area.path)
        .join(Area, Area.id == RoleAssignment.area_id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(RoleAssignment.user_id == user_id, User.active)
    ).all()
    if not assignments:
        return "error.team_member_unknown"
    fitting = [path for role, path in assignments if team_role in TEAM_ROLES.get(Role(role), ())]
    if not fitting:
        return "error.team_role_unfit"
    if not set(fitting) & set(_covering_paths(recipient_path)):
        return "error.team_area_unfit"
    return None


def add_team_member(
    session: Session, actor: Actor, recipient_id: object, user_id: object, team_role: object
) -> tuple[TeamMemberView, ...]:
    """Adds an active user whose role fits ``team_role`` and whose area covers the recipient; returns the team.
    Adding someone already on the team in that role changes nothing."""
    recipient = recipient_for(session, actor, Action.recipient_update, recipient_id)
    errors = fields.FieldErrors()
    role = fields.choice(errors, {"team_role": team_role}, "team_role", {r.value for r in TeamRole})
    member_id = fields.whole_number(user_id)
    if not member_id:
        errors.add("user_id", "error.required")
    errors.raise_if_any()
    if (member_id, role) in _members(session, recipient.id):
        return team_of(session, recipient.id)
    reason = _unfit(session, member_id, role, _recipient_path(session, recipient))
    if reason:
        raise ValidationFailed({"user_id": FieldError(reason)})
    session.add(CareTeamMember(recipient_id=recipient.id, user_id=member_id, team_role=role))
    _audit(session, actor, "team.add", recipient, member_id, role)
    session.commit()
    return team_of(session, recipient.id)


def remove_team_member(
    session: Session, actor: Actor, recipient_id: object, user_id: object, team_role: str
) -> None:
    """The membership row goes; the audit entry keeps who was on the team and who took them off."""
    recipient = recipient_for(session, actor, Action.recipient_update, recipient_id)
    member_id = fields.whole_number(user_id)
    member = session.exec(
        select(CareTeamMember).where(
            CareTeamMember.recipient_id == recipient.id,
            CareTeamMember.user_id == member_id,
            CareTeamMember.team_role == team_role,
        )
    ).first()
    if member is None:
        raise NotFound()
    session.delete(member)
    _audit(session, actor, "team.remove", recipient, member_id, team_role)
    session.commit()


def _audit(
    session: Session, actor: Actor, action: str, recipient: Recipient, user_id: int, team_role: str
) -> None:
    audit.record(
        session,
        actor,
        action,
        "recipient",
        recipient.id,
        recipient_id=recipient.id,
        area_id=recipient.area_id,
        detail={"user_id": user_id, "team_role": team_role},
    )
