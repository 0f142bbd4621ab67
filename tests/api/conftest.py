"""API tests: httpx against the Starlette app, on the same SQLite file / PostgreSQL database as the domain tests
(REFLEX_DB_URL points the app's own sessions at it)."""

from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from sqlmodel import Session

from jingkang_app.api import build_api
from jingkang_app.domain.db import get_engine
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import auth
from tests.factories import PASSWORD, World, build_world


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def world(session, database_url, monkeypatch, fake_clock) -> World:
    monkeypatch.setenv("REFLEX_DB_URL", database_url)
    return build_world(session)


@pytest.fixture
async def client(anyio_backend, world) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_api(), client=("10.0.0.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def token_for(session, world) -> Callable[[Role], str]:
    """A live session token for the world's user with that role (logged in through the domain)."""
    return lambda role: auth.login(session, world.users[role].phone, PASSWORD).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def fresh_session(database_url) -> Callable[[], Session]:
    """What the API committed, read in a new session (the test's own may hold an older SQLite snapshot)."""
    return lambda: Session(get_engine(database_url))
