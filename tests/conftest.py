"""Shared fixtures. Domain tests run twice: on a SQLite file and on PostgreSQL.

PostgreSQL tests skip only when JINGKANG_TEST_PG_URL is unset and CI is not set (DESIGN.md); `make test` sets it.
"""

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, create_engine

from jingkang_app.domain import clock
from jingkang_app.domain.db import get_engine
from jingkang_app.domain.services import auth
from jingkang_app.migrate import upgrade

# Hashing cost is a production setting; tests keep argon2id but at its cheapest, so a world of ten users
# builds in milliseconds.
auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

PG_URL = os.environ.get("JINGKANG_TEST_PG_URL")
PG_TEST_DATABASE = "jingkang_domain_test"


def _postgres_url() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("JINGKANG_TEST_PG_URL must be set in CI")
        pytest.skip("JINGKANG_TEST_PG_URL not set")
    base = make_url(PG_URL)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": PG_TEST_DATABASE}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{PG_TEST_DATABASE}"'))
    admin.dispose()
    return base.set(database=PG_TEST_DATABASE).render_as_string(hide_password=False)


def _fresh_schema(url: str) -> None:
    engine = get_engine(url)
    with engine.begin() as connection:
        SQLModel.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'domain.db'}"
    else:
        url = _postgres_url()
    _fresh_schema(url)
    return url


def _empty_all_tables(session: Session) -> None:
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    if session.get_bind().dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            session.execute(table.delete())
    session.commit()


@pytest.fixture
def session(database_url) -> Iterator[Session]:
    with Session(get_engine(database_url), expire_on_commit=False) as session:
        yield session
        session.rollback()
        _empty_all_tables(session)


@pytest.fixture
def fake_clock() -> Iterator[clock.FakeClock]:
    fake = clock.FakeClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    clock.set_clock(fake)
    yield fake
    clock.reset_clock()
