"""Login through the Reflex handler: Chinese messages, lockout, expired sessions."""

import asyncio

from jingkang_app.domain.models import Role
from jingkang_app.state.base import AppState
from jingkang_app.state.login import LoginState
from tests.factories import PASSWORD


def submit(state: LoginState, phone: str, password: str) -> list:
    async def run():
        return [event async for event in LoginState.submit.fn(state, {"phone": phone, "password": password})]

    return asyncio.run(run())


def test_a_good_login_sets_the_session_cookie_and_goes_home(world, make_state):
    state = make_state(LoginState, path="/login")
    events = submit(state, world.users[Role.grid_worker].phone, PASSWORD)
    assert state.session_token and state.login_error == ""
    assert state.roles == ["grid_worker"]
    assert "/tasks" in str(events[-1])


def test_a_login_goes_back_to_the_page_asked_for_but_never_off_site(world, make_state):
    state = make_state(LoginState, path="/login")
    state.router = state.router.from_router_data(
        {"pathname": "/login", "asPath": "/login?next=//evil.example/x", "query": {}, "headers": {}}
    )
    events = submit(state, world.users[Role.grid_worker].phone, PASSWORD)
    assert "evil.example" not in str(events[-1])


def test_a_wrong_password_is_refused_in_chinese(world, make_state):
    state = make_state(LoginState, path="/login")
    submit(state, world.users[Role.grid_worker].phone, "wrong-password")
    assert state.login_error == "手机号或密码不正确，请重新输入。"
    assert state.session_token == ""


def test_the_sixth_try_is_told_to_wait(world, make_state):
    state = make_state(LoginState, path="/login")
    for _ in range(5):
        submit(state, world.users[Role.grid_worker].phone, "wrong-password")
    submit(state, world.users[Role.grid_worker].phone, PASSWORD)
    assert state.login_error == "登录失败次数过多，账户已暂时锁定，请 15 分钟后再试。"
    assert state.session_token == ""


def test_an_empty_form_asks_for_both_fields(world, make_state):
    state = make_state(LoginState, path="/login")
    submit(state, "", "")
    assert state.login_error == "请输入手机号和密码。"


def test_an_expired_session_sends_the_user_to_login_saying_so(world, make_state, fake_clock):
    state = make_state(AppState, Role.grid_worker, "/tasks")
    fake_clock.advance(hours=13)
    event = AppState.load_user.fn(state)
    assert "expired=1" in str(event) and "next=%2Ftasks" in str(event)
    assert state.session_token == ""
