"""Logging in and out, and who am I."""

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, client_ip, session_token, user_json
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.errors import FieldError, ValidationFailed
from jingkang_app.domain.services import auth


def _text(body: dict, name: str) -> str:
    value = body.get(name)
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _login(phone: str, password: str, ip: str | None, user_agent: str | None) -> auth.LoginResult:
    with session_scope() as session:
        return auth.login(session, phone, password, ip=ip, user_agent=user_agent)


def _logout(token: str | None) -> None:
    with session_scope() as session:
        auth.logout(session, token)


async def login(request: Request) -> Response:
    body = await read_json_object(request)
    phone, password = _text(body, "phone").strip(), _text(body, "password")
    # An empty field is a client mistake, not a guess: it must not count towards the lockout.
    missing = {
        name: FieldError("error.required")
        for name, value in (("phone", phone), ("password", password))
        if not value
    }
    if missing:
        raise ValidationFailed(missing)
    # argon2 takes ~50 ms by design: off the event loop.
    result = await run_in_threadpool(
        _login, phone, password, client_ip(request), request.headers.get("user-agent")
    )
    return ApiJSON({"token": result.token, "user": user_json(result.actor)})


async def logout(request: Request) -> Response:
    """Ends the session of the token sent; always 204, so a repeat or an expired token is not an error."""
    await run_in_threadpool(_logout, session_token(request))
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


async def me(request: Request) -> Response:
    actor = await call_as_actor(request, lambda _session, actor: actor)
    return ApiJSON(user_json(actor))


ROUTES = [
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
    Route("/me", me, methods=["GET"]),
]
