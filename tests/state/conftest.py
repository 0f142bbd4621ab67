"""Reflex states instantiated directly, handlers called as any socket client could call them."""

from collections.abc import Callable

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from jingkang_app.domain.models import Role
from jingkang_app.domain.services import auth
from tests.factories import PASSWORD, build_world


@pytest.fixture
def world(session, database_url, monkeypatch, fake_clock):
    monkeypatch.setenv("REFLEX_DB_URL", database_url)
    return build_world(session)


@pytest.fixture
def make_state(session, world) -> Callable:
    """make_state(StateClass, role=None, path="/") → a state whose browser holds that role's session cookie."""

    def make(state_cls: type[rx.State], role: Role | None = None, path: str = "/", token: str | None = None):
        root = rx.State(_reflex_internal_init=True)
        router_data = {"pathname": path, "asPath": path, "query": {}, "headers": {}, "ip": "10.0.0.9"}
        root.router_data = router_data
        root.router = RouterData.from_router_data(router_data)
        state = root.get_substate(state_cls.get_full_name().split(".")[1:])
        if role is not None:
            token = auth.login(session, world.users[role].phone, PASSWORD).token
        state.session_token = token or ""
        return state

    return make
