"""Account administration: users, role assignments, passwords, deactivation. Administrators only."""

from dataclasses import dataclass

from sqlmodel import Session, col, func, or_, select

from jingkang_app.domain import audit
from jingkang_app.domain.errors import DomainError, NotFound
from jingkang_app.domain.models import Area, AreaLevel, Role, RoleAssignment, User
from jingkang_app.domain.permissions import Action, Actor, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.phone import InvalidMobile, normalise_mobile
from jingkang_app.domain.services.auth import hash_password, revoke_sessions

MIN_PASSWORD_LENGTH = 8
LANGUAGES = ("zh-CN", "en")

# The area level each role is assigned at (DOMAIN.md §2); caregivers and volunteers live in a village.
ROLE_AREA_LEVEL: dict[Role, AreaLevel] = {
    Role.caregiver: AreaLevel.village,
    Role.grid_worker: AreaLevel.village,
    Role.village_cadre: AreaLevel.village,
    Role.volunteer: AreaLevel.village,
    Role.community_doctor: AreaLevel.township,
    Role.social_worker: AreaLevel.township,
    Role.township_coordinator: AreaLevel.township,
    Role.county_coordinator: AreaLevel.county,
    Role.admin: AreaLevel.county,
}


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    phone: str
    active: bool
    roles: tuple[tuple[int, str, str], ...]  # (assignment id, role, area name)


def _password(errors: fields.FieldErrors, data: dict) -> str:
    password = str(data.get("password") or "")
    if len(password) < MIN_PASSWORD_LENGTH:
        errors.add("password", "error.password_too_short", min=MIN_PASSWORD_LENGTH)
    return password


def _phone(errors: fields.FieldErrors, data: dict) -> str:
    try:
        return normalise_mobile(str(data.get("phone") or ""))
    except InvalidMobile:
        errors.add("phone", "error.mobile_invalid")
        return ""


def create_user(session: Session, actor: Actor, data: dict) -> User:
    require(actor, Action.user_manage)
    user = _create_user(session, actor, data)
    session.commit()
    return user


def bootstrap_admin(session: Session, data: dict, county: Area) -> User:
    """The first administrator of a fresh installation; refused once any administrator exists."""
    if session.exec(select(RoleAssignment.id).where(RoleAssignment.role == Role.admin)).first():
        raise DomainError("error.admin_exists")
    user = _create_user(session, None, data)
    session.add(RoleAssignment(user_id=user.id, role=Role.admin, area_id=county.id))
    audit.record(session, None, "role.assign", "user", user.id, area_id=county.id, detail={"role": "admin"})
    session.commit()
    return user


def new_account(session: Session, actor: Actor | None, data: dict, errors: fields.FieldErrors) -> User:
    """An account without a role, for a service that authorises it itself (volunteer registration): ``errors``
    holds the caller's own field errors, raised together with the account's (the caller's key for a field wins).
    Flushes; the caller commits."""
    return _create_user(session, actor, data, errors)


def _create_user(
    session: Session, actor: Actor | None, data: dict, errors: fields.FieldErrors | None = None
) -> User:
    errors = errors or fields.FieldErrors()
    name = fields.text(errors, data, "name", max_length=32)
    phone = _phone(errors, data)
    password = _password(errors, data)
    if phone and session.exec(select(User.id).where(User.phone == phone)).first():
        errors.add("phone", "error.phone_taken")
    errors.raise_if_any()
    user = User(name=name, phone=phone, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id, detail={"name": name})
    return user


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def assign_role(session: Session, actor: Actor, user_id: int, role: str, area_id: int) -> RoleAssignment:
    require(actor, Action.user_manage)
    _user(session, user_id)
    errors = fields.FieldErrors()
    role_value = fields.choice(errors, {"role": role}, "role", {r.value for r in Role})
    area = session.get(Area, area_id) if area_id else None
    if area is None:
        errors.add("area", "error.required")
    elif role_value in Role.__members__ and area.level != ROLE_AREA_LEVEL[Role(role_value)]:
        errors.add("area", f"error.role_area_level_{ROLE_AREA_LEVEL[Role(role_value)].value}")
    errors.raise_if_any()
    assignment = grant_role(session, actor, user_id, role_value, area_id)
    session.commit()
    return assignment


def grant_role(session: Session, actor: Actor, user_id: int, role: str, area_id: int) -> RoleAssignment:
    """Gives ``role`` on ``area_id`` unless the user holds it there already. The caller authorises (assign_role:
    the administrator; volunteer approval: the coordinator of the volunteer's area, who may give the volunteer
    role on a township for a volunteer serving a whole township) and commits."""
    existing = session.exec(
        select(RoleAssignment).where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.role == role,
            RoleAssignment.area_id == area_id,
        )
    ).first()
    if existing:
        return existing
    assignment = RoleAssignment(user_id=user_id, role=role, area_id=area_id)
    session.add(assignment)
    session.flush()
    audit.record(session, actor, "role.assign", "user", user_id, area_id=area_id, detail={"role": role})
    return assignment


def remove_role(session: Session, actor: Actor, assignment_id: int) -> None:
    require(actor, Action.user_manage)
    assignment = session.get(RoleAssignment, assignment_id)
    if assignment is None:
        raise NotFound()
    if assignment.user_id == actor.user_id and assignment.role == Role.admin:
        raise DomainError("error.cannot_remove_own_admin")
    session.delete(assignment)
    audit.record(
        session,
        actor,
        "role.remove",
        "user",
        assignment.user_id,
        area_id=assignment.area_id,
        detail={"role": assignment.role},
    )
    session.commit()


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    require(actor, Action.user_manage)
    user = _user(session, user_id)
    errors = fields.FieldErrors()
    password = _password(errors, {"password": new_password})
    errors.raise_if_any()
    user.password_hash = hash_password(password)
    user.version += 1
    session.add(user)
    revoke_sessions(session, user_id)
    audit.record(session, actor, "user.reset_password", "user", user_id)
    session.commit()


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> None:
    require(actor, Action.user_manage)
    user = _user(session, user_id)
    if user_id == actor.user_id and not active:
        raise DomainError("error.cannot_deactivate_self")
    user.active = active
    user.version += 1
    session.add(user)
    if not active:
        revoke_sessions(session, user_id)
    audit.record(session, actor, "user.activate" if active else "user.deactivate", "user", user_id)
    session.commit()


def set_language(session: Session, actor: Actor, lang: str) -> None:
    """A user's own interface language, remembered across devices."""
    if lang not in LANGUAGES:
        raise DomainError("error.invalid_choice", field="lang")
    user = _user(session, actor.user_id)
    if user.lang != lang:
        user.lang = lang
        session.add(user)
        audit.record(session, actor, "user.set_language", "user", user.id, detail={"lang": lang})
        session.commit()


@dataclass(frozen=True)
class AreaOption:
    id: int
    label: str  # "城关镇 / 南塘村"


def assignable_areas(session: Session, actor: Actor) -> list[AreaOption]:
    """Every area an administrator can assign roles in, labelled with its parents, in tree order."""
    require(actor, Action.user_manage)
    all_areas = list(session.exec(select(Area).order_by(Area.path)))
    by_id = {area.id: area for area in all_areas}
    options = []
    for area in all_areas:
        names, node = [], area
        while node is not None:
            names.append(node.name)
            node = by_id.get(node.parent_id) if node.parent_id else None
        options.append(AreaOption(area.id, " / ".join(reversed(names[:-1] or names))))
    return options


def list_users(
    session: Session, actor: Actor, search: str = "", offset: int = 0, limit: int = 20
) -> tuple[list[UserRow], int]:
    require(actor, Action.user_manage)
    query = select(User)
    search = search.strip()
    if search:
        query = query.where(or_(col(User.name).contains(search), col(User.phone).contains(search)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    users = list(session.exec(query.order_by(User.id).offset(offset).limit(limit)))
    roles: dict[int, list[tuple[int, str, str]]] = {u.id: [] for u in users}
    if users:
        for assignment_id, user_id, role, area_name in session.exec(
            select(RoleAssignment.id, RoleAssignment.user_id, RoleAssignment.role, Area.name)
            .join(Area, Area.id == RoleAssignment.area_id)
            .where(col(RoleAssignment.user_id).in_(list(roles)))
            .order_by(RoleAssignment.id)
        ):
            roles[user_id].append((assignment_id, role, area_name))
    rows = [UserRow(u.id, u.name, u.phone, u.active, tuple(roles[u.id])) for u in users]
    return rows, total
