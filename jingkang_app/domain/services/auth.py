"""Login, server-side sessions and the actor behind every call.

The browser holds only an opaque random token; the server keeps its hash, so a leaked database does not hand
out live sessions. Sessions end after 12 h idle or 7 days in all, on logout, and when an administrator
deactivates the user or resets the password.
"""

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, func, select

from jingkang_app.domain import audit, clock
from jingkang_app.domain.errors import (
    AccountDisabled,
    LoginFailed,
    NotAuthenticated,
    SessionExpired,
    TooManyFailedLogins,
)
from jingkang_app.domain.models import Area, LoginAttempt, LoginSession, Role, RoleAssignment, User
from jingkang_app.domain.permissions import Actor, Scope
from jingkang_app.domain.rules.phone import InvalidMobile, normalise_mobile

SESSION_IDLE = timedelta(hours=12)
SESSION_ABSOLUTE = timedelta(days=7)
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_FAILURES = 5
# last_seen_at is written at most this often, so an active session is not a write per event.
_TOUCH_INTERVAL = timedelta(minutes=1)

# OWASP's argon2id minimum (19 MiB, 2 passes): ≈ 50 ms a hash here, off the event loop in the app.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor


def _check_lockout(session: Session, phone: str) -> None:
    now = clock.now()
    since = now - LOCKOUT_WINDOW
    last_success = session.exec(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.phone == phone, LoginAttempt.success, LoginAttempt.at >= since
        )
    ).one()
    failures = list(
        session.exec(
            select(LoginAttempt.at)
            .where(
                LoginAttempt.phone == phone,
                col(LoginAttempt.success).is_(False),
                LoginAttempt.at > last_success if last_success else LoginAttempt.at >= since,
            )
            .order_by(col(LoginAttempt.at).desc())
            .limit(LOCKOUT_FAILURES)
        )
    )
    if len(failures) >= LOCKOUT_FAILURES:
        # Free again once the oldest of the last five failures leaves the window.
        wait = failures[-1] + LOCKOUT_WINDOW - now
        raise TooManyFailedLogins(minutes=max(1, math.ceil(wait.total_seconds() / 60)))


def login(
    session: Session, phone_raw: str, password: str, *, ip: str | None = None, user_agent: str | None = None
) -> LoginResult:
    try:
        phone = normalise_mobile(phone_raw)
    except InvalidMobile:
        raise LoginFailed() from None
    _check_lockout(session, phone)
    user = session.exec(select(User).where(User.phone == phone)).first()
    # An unknown phone costs the same hash work as a wrong password, so timing does not reveal accounts.
    if not _password_matches(user.password_hash if user else _UNKNOWN_USER_HASH, password) or user is None:
        session.add(LoginAttempt(phone=phone, at=clock.now(), success=False, ip=ip))
        session.commit()
        raise LoginFailed()
    if not user.active:
        raise AccountDisabled()
    now = clock.now()
    token = secrets.token_urlsafe(32)
    session.add(LoginAttempt(phone=phone, at=now, success=True, ip=ip))
    session.add(
        LoginSession(
            token_hash=_token_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            ip=ip,
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    actor = actor_for_user(session, user, ip)
    audit.record(session, actor, "login", "user", user.id)
    session.commit()
    return LoginResult(token=token, actor=actor)


def actor_for_user(session: Session, user: User, ip: str | None) -> Actor:
    rows = session.exec(
        select(RoleAssignment.role, Area.id, Area.path)
        .join(Area, Area.id == RoleAssignment.area_id)
        .where(RoleAssignment.user_id == user.id)
        .order_by(RoleAssignment.id)
    ).all()
    scopes = tuple(Scope(role=Role(role), area_id=area_id, area_path=path) for role, area_id, path in rows)
    return Actor(user_id=user.id, name=user.name, scopes=scopes, lang=user.lang, ip=ip)


def resolve_actor(session: Session, token: str | None, *, ip: str | None = None) -> Actor:
    """The actor behind a session token, or NotAuthenticated / SessionExpired."""
    if not token:
        raise NotAuthenticated()
    row = session.exec(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.token_hash == _token_hash(token))
    ).first()
    if row is None:
        raise NotAuthenticated()
    login_session, user = row
    now = clock.now()
    if (
        login_session.revoked_at is not None
        or not user.active
        or now >= login_session.created_at + SESSION_ABSOLUTE
        or now >= login_session.last_seen_at + SESSION_IDLE
    ):
        raise SessionExpired()
    if now - login_session.last_seen_at >= _TOUCH_INTERVAL:
        login_session.last_seen_at = now
        session.add(login_session)
        session.commit()
    return actor_for_user(session, user, ip)


def logout(session: Session, token: str | None) -> None:
    if not token:
        return
    login_session = session.exec(
        select(LoginSession).where(LoginSession.token_hash == _token_hash(token))
    ).first()
    if login_session is None or login_session.revoked_at is not None:
        return
    login_session.revoked_at = clock.now()
    session.add(login_session)
    audit.record(session, None, "logout", "user", login_session.user_id)
    session.commit()


def revoke_sessions(session: Session, user_id: int) -> None:
    """Ends every live session of a user (flushes; the caller commits)."""
    now = clock.now()
    for login_session in session.exec(
        select(LoginSession).where(LoginSession.user_id == user_id, col(LoginSession.revoked_at).is_(None))
    ):
        login_session.revoked_at = now
        session.add(login_session)
