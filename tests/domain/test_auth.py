from datetime import timedelta

import pytest
from sqlmodel import select

from jingkang_app.domain.errors import (
    AccountDisabled,
    LoginFailed,
    NotAuthenticated,
    SessionExpired,
    TooManyFailedLogins,
)
from jingkang_app.domain.models import AuditLog, LoginAttempt, Role, User
from jingkang_app.domain.services import auth, users
from tests.factories import PASSWORD, build_world


@pytest.fixture
def world(session, fake_clock):
    return build_world(session)


def phone_of(world, role: Role) -> str:
    return world.users[role].phone


def test_login_with_phone_and_password_returns_the_users_roles(session, world):
    result = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD, ip="10.0.0.8")
    assert result.actor.roles == (Role.grid_worker,)
    assert auth.resolve_actor(session, result.token).user_id == world.users[Role.grid_worker].id


def test_login_accepts_the_phone_written_with_plus86_and_spaces(session, world):
    phone = phone_of(world, Role.grid_worker)
    result = auth.login(session, f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}", PASSWORD)
    assert result.actor.user_id == world.users[Role.grid_worker].id


def test_wrong_password_is_refused_and_counted(session, world):
    with pytest.raises(LoginFailed):
        auth.login(session, phone_of(world, Role.grid_worker), "wrong-password")
    attempts = session.exec(select(LoginAttempt).where(LoginAttempt.success == False)).all()  # noqa: E712
    assert len(attempts) == 1


def test_unknown_phone_gets_the_same_answer_as_a_wrong_password(session, world):
    with pytest.raises(LoginFailed):
        auth.login(session, "13700001111", PASSWORD)


def test_passwords_are_stored_as_argon2_hashes_never_in_clear(session, world):
    stored = session.get(User, world.users[Role.grid_worker].id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert all(PASSWORD not in entry.detail for entry in session.exec(select(AuditLog)))


def test_five_failures_in_15_minutes_lock_the_account_even_for_the_right_password(session, world, fake_clock):
    phone = phone_of(world, Role.grid_worker)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            auth.login(session, phone, "wrong-password")
        fake_clock.advance(minutes=1)
    with pytest.raises(TooManyFailedLogins) as refused:
        auth.login(session, phone, PASSWORD)
    assert refused.value.params["minutes"] == 10  # failures at 0..4 min; the first leaves the window at 15


def test_the_lock_lifts_when_the_failures_leave_the_window(session, world, fake_clock):
    phone = phone_of(world, Role.grid_worker)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            auth.login(session, phone, "wrong-password")
    fake_clock.advance(minutes=15, seconds=1)
    assert auth.login(session, phone, PASSWORD).token


def test_failures_before_a_successful_login_do_not_count(session, world):
    phone = phone_of(world, Role.grid_worker)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            auth.login(session, phone, "wrong-password")
    auth.login(session, phone, PASSWORD)
    with pytest.raises(LoginFailed):
        auth.login(session, phone, "wrong-password")
    assert auth.login(session, phone, PASSWORD).token


def test_a_lock_on_one_account_leaves_others_alone(session, world):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            auth.login(session, phone_of(world, Role.grid_worker), "wrong-password")
    assert auth.login(session, phone_of(world, Role.community_doctor), PASSWORD).token


def test_a_session_expires_after_12_idle_hours(session, world, fake_clock):
    token = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD).token
    fake_clock.advance(hours=11, minutes=59)
    auth.resolve_actor(session, token)
    fake_clock.advance(hours=11, minutes=59)
    auth.resolve_actor(session, token)  # each use restarts the idle clock
    fake_clock.advance(hours=12)
    with pytest.raises(SessionExpired):
        auth.resolve_actor(session, token)


def test_a_session_ends_after_7_days_however_active(session, world, fake_clock):
    token = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD).token
    for _ in range(15):  # 165 h of use, never idle for long
        fake_clock.advance(hours=11)
        auth.resolve_actor(session, token)
    fake_clock.advance(hours=11)  # 176 h: past 7 days
    with pytest.raises(SessionExpired):
        auth.resolve_actor(session, token)


def test_logout_ends_the_session(session, world):
    token = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD).token
    auth.logout(session, token)
    with pytest.raises(SessionExpired):
        auth.resolve_actor(session, token)


def test_an_unknown_or_missing_token_is_not_authenticated(session, world):
    with pytest.raises(NotAuthenticated):
        auth.resolve_actor(session, "not-a-token")
    with pytest.raises(NotAuthenticated):
        auth.resolve_actor(session, "")


def test_deactivating_a_user_ends_their_sessions_and_blocks_login(session, world):
    token = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD).token
    users.set_active(session, world.admin, world.users[Role.grid_worker].id, False)
    with pytest.raises(SessionExpired):
        auth.resolve_actor(session, token)
    with pytest.raises(AccountDisabled):
        auth.login(session, phone_of(world, Role.grid_worker), PASSWORD)


def test_resetting_a_password_ends_sessions_and_the_old_password(session, world):
    token = auth.login(session, phone_of(world, Role.grid_worker), PASSWORD).token
    users.reset_password(session, world.admin, world.users[Role.grid_worker].id, "new-password-1")
    with pytest.raises(SessionExpired):
        auth.resolve_actor(session, token)
    with pytest.raises(LoginFailed):
        auth.login(session, phone_of(world, Role.grid_worker), PASSWORD)
    assert auth.login(session, phone_of(world, Role.grid_worker), "new-password-1").token


def test_login_is_audited_with_the_address(session, world, fake_clock):
    auth.login(session, phone_of(world, Role.grid_worker), PASSWORD, ip="10.1.2.3")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "login")).one()
    assert (entry.actor_id, entry.ip, entry.at) == (
        world.users[Role.grid_worker].id,
        "10.1.2.3",
        fake_clock(),
    )


def test_session_expiry_constants_match_the_issue():
    assert timedelta(hours=12) == auth.SESSION_IDLE
    assert timedelta(days=7) == auth.SESSION_ABSOLUTE
