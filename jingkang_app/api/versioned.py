"""A versioned change of the record ``{id}`` over JSON (a step of a respite request, an event, a shift, a service
record …): the same service the pages call, and on a stale version the usual 409 plus ``changed``, the fields
others changed since the caller's version."""

from collections.abc import Awaitable, Callable

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response

from jingkang_app.api.auth import call_as_actor, request_lang, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.errors import error_json
from jingkang_app.domain.errors import StaleVersion
from jingkang_app.domain.permissions import Actor
from jingkang_app.i18n import t

Change = Callable[[Session, Actor, object, dict], object]


def stale_version_json(request: Request, exc: StaleVersion) -> Response:
    lang = request_lang(request)
    refusal = {"key": exc.key, "message": t(exc.key, lang)}
    changed = list(exc.params.get("changed") or [])
    return error_json(exc.key, lang, 409, fields={exc.field or "version": refusal}, changed=changed)


def change_endpoint(
    change: Change, to_json: Callable[[object], dict]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        require_token(request)
        record_id: int = request.path_params["id"]
        form = await read_json_object(request)
        try:
            saved = await call_as_actor(
                request, lambda session, actor: to_json(change(session, actor, record_id, form))
            )
        except StaleVersion as exc:
            return stale_version_json(request, exc)
        return ApiJSON(saved)

    return endpoint
