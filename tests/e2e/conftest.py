"""Browser tests: the production build (`reflex run --env prod`, one port) in Debian's headless Chromium.

Only one server runs at a time (both would build into the same .web folder): the SQLite server first, then the
PostgreSQL + Redis + 2 workers one for the modules that ask for it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import create_engine

ROOT = Path(__file__).resolve().parents[2]
REFLEX = Path(sys.executable).with_name("reflex")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
PASSWORD = "jingkang2026"
E2E_PG_DATABASE = "jingkang_e2e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    kind: str
    url: str
    db_url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _prepare_database(env: dict[str, str]) -> None:
    for module in ("jingkang_app.migrate", "jingkang_app.seed"):
        subprocess.run([sys.executable, "-m", module], cwd=ROOT, env=env, check=True, capture_output=True)


def _start(kind: str, db_url: str, extra_env: dict[str, str], log: Path) -> Server:
    port = _free_port()
    env = (
        os.environ
        | {
            "REFLEX_DB_URL": db_url,
            "REFLEX_TELEMETRY_ENABLED": "false",
            "REFLEX_CHECK_LATEST_VERSION": "false",
            "PORT": str(port),
        }
        | extra_env
    )
    if "REFLEX_REDIS_URL" not in extra_env:
        env.pop("REFLEX_REDIS_URL", None)  # tab states in memory, as `make run` serves
    _prepare_database(env)
    process = subprocess.Popen(
        [str(REFLEX), "run", "--env", "prod", "--frontend-port", str(port), "--backend-port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://localhost:{port}"
    server = Server(kind, url, db_url, process, log)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{kind} server exited:\n{log.read_text()[-4000:]}")
        try:
            if (
                httpx.get(f"{url}/ping", timeout=2).status_code == 200
                and httpx.get(url, timeout=5).status_code < 500
            ):
                return server
        except httpx.HTTPError:
            pass
        time.sleep(1)
    server.stop()
    raise RuntimeError(f"{kind} server did not start:\n{log.read_text()[-4000:]}")


def _fresh_pg_database(base_url: str) -> str:
    base = make_url(base_url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{E2E_PG_DATABASE}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{E2E_PG_DATABASE}"'))
    admin.dispose()
    return base.set(database=E2E_PG_DATABASE).render_as_string(hide_password=False)


class Servers:
    """Starts the server a test needs, stopping the other first."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.current: Server | None = None

    def get(self, kind: str) -> Server:
        if self.current and self.current.kind == kind and self.current.process.poll() is None:
            return self.current
        if self.current:
            self.current.stop()
        if kind == "sqlite":
            self.current = _start(kind, f"sqlite:///{self.tmp / 'e2e.db'}", {}, self.tmp / "sqlite.log")
        else:
            pg = os.environ.get("JINGKANG_TEST_PG_URL")
            redis = os.environ.get("JINGKANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
            if not pg:
                if os.environ.get("CI"):
                    pytest.fail("JINGKANG_TEST_PG_URL must be set in CI")
                pytest.skip("JINGKANG_TEST_PG_URL not set")
            env = {"REFLEX_REDIS_URL": redis, "GRANIAN_WORKERS": "2"}
            self.current = _start(kind, _fresh_pg_database(pg), env, self.tmp / "postgres.log")
        return self.current

    def close(self) -> None:
        if self.current:
            self.current.stop()


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[Servers]:
    manager = Servers(tmp_path_factory.mktemp("e2e"))
    yield manager
    manager.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sqlite_server(servers) -> Server:
    return servers.get("sqlite")


def new_page(browser: Browser, viewport: dict, server: Server) -> Page:
    context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def db(sqlite_server):
    """The SQLite server's database, to check what a browser action stored."""
    engine = create_engine(sqlite_server.db_url)
    yield engine
    engine.dispose()


def scalar(db, sql: str, **params):
    with db.connect() as connection:
        return connection.execute(text(sql), params).scalar()


@pytest.fixture
def phone_page(browser, sqlite_server) -> Iterator[Page]:
    page = new_page(browser, PHONE, sqlite_server)
    yield page
    page.context.close()


@pytest.fixture
def tablet_page(browser, sqlite_server) -> Iterator[Page]:
    page = new_page(browser, TABLET, sqlite_server)
    yield page
    page.context.close()


def log_in(page: Page, phone: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.wait_for_function("document.querySelector('#phone') && window.__reactRouterManifest !== undefined")
    page.fill("#phone", phone)
    page.fill("#password", password)
    page.get_by_role("button", name="登录").or_(page.get_by_role("button", name="Log in")).click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.locator("nav a:visible").first.wait_for()  # the home page has resolved the user


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
