"""紧急求助 over JSON: the family calls for help about its relative (a relapse alert opens) and follows who took
it. Idempotent by ``client_id``, as the offline outbox needs."""

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.services import help_request


async def post_help(request: Request) -> Response:
    """201 with the call for help, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    recipient_id: int = request.path_params["id"]
    form = await read_json_object(request) | {"recipient_id": recipient_id}
    saved = await call_as_actor(
        request, lambda session, actor: help_request.ask_for_help(session, actor, form).help
    )
    return ApiJSON(asdict(saved), status_code=201)


async def get_help(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    views = await call_as_actor(
        request, lambda session, actor: help_request.help_status(session, actor, recipient_id)
    )
    return ApiJSON({"items": [asdict(view) for view in views]})


ROUTES = [
    Route("/recipients/{id:int}/help", post_help, methods=["POST"]),
    Route("/recipients/{id:int}/help", get_help, methods=["GET"]),
]
