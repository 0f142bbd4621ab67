"""Who is calling: the session token from ``Authorization: Bearer`` or, when absent, the ``jk_session`` cookie
the Reflex UI keeps (same origin). The actor is always resolved on the server from that token."""

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from jingkang_app.domain.db import session_scope
from jingkang_app.domain.errors import NotAuthenticated
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import auth
from jingkang_app.i18n import lang_from_accept_language

T = TypeVar("T")

SESSION_COOKIE = "jk_session"  # the same cookie as jingkang_app.state.base.SESSION_COOKIE


# Fetch metadata a browser sends with requests made by a page of this same origin, or typed by the user.
_OWN_ORIGIN = {"same-origin", "none"}


def session_token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    # The cookie is ambient: it counts only for the web app's own pages. Reflex's CORS settings echo any
    # Origin with credentials, and SameSite=Strict still lets sibling sites (other ports, subdomains) send it.
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in _OWN_ORIGIN:
        return None
    return request.cookies.get(SESSION_COOKIE) or None


def require_token(request: Request) -> str:
    """Refuses a call with no token at all before any body is read or the database is asked."""
    token = session_token(request)
    if not token:
        raise NotAuthenticated()
    return token


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def request_lang(request: Request) -> str:
    """The actor's language once known, else the browser's."""
    return getattr(request.state, "lang", None) or lang_from_accept_language(
        request.headers.get("accept-language")
    )


async def call_as_actor(request: Request, service: Callable[[Session, Actor], T]) -> T:
    """Runs ``service(session, actor)`` in a worker thread with one database session for the whole request;
    synchronous SQLAlchemy never blocks the event loop. ``service`` returns plain data: the session rolls back
    on exit, which expires any ORM object still attached to it."""
    token = require_token(request)
    ip = client_ip(request)

    def in_thread() -> T:
        with session_scope() as session:
            actor = auth.resolve_actor(session, token, ip=ip)
            request.state.lang = actor.lang
            return service(session, actor)

    return await run_in_threadpool(in_thread)


def user_json(actor: Actor) -> dict:
    return {
        "id": actor.user_id,
        "name": actor.name,
        "roles": [role.value for role in actor.roles],
        "lang": actor.lang,
    }
