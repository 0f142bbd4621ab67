"""Respite requests (喘息服务) over JSON: the family asks and sees its quota, the coordinator works the queue, and
each step of the request carries the ``version`` it was read at. Same services and permissions as the pages."""

from collections.abc import Callable
from dataclasses import asdict

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.api.versioned import change_endpoint
from jingkang_app.domain.models import RespiteRequest
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.respite import RespiteStep
from jingkang_app.domain.services import respite, respite_queue

RESPITE_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "kind",
    "start_date",
    "end_date",
    "reason",
    "burden_answers",
    "status",
    "decision_reason",
    "over_quota",
    "carer",
    "place",
    "rating",
    "comment",
    "captured_at",
    "created_at",
    "decided_at",
    "arranged_at",
    "completed_at",
    "rated_at",
    "cancelled_at",
    "version",
)

Step = Callable[[Session, Actor, object, dict], RespiteRequest]
STEPS: dict[RespiteStep, Step] = {
    RespiteStep.approve: respite.approve,
    RespiteStep.reject: respite.reject,
    RespiteStep.arrange: respite.arrange,
    RespiteStep.complete: respite.complete,
    RespiteStep.rate: respite.rate,
    RespiteStep.cancel: respite.cancel,
}


def respite_json(request: RespiteRequest) -> dict:
    return {name: getattr(request, name) for name in RESPITE_FIELDS}


async def post_respite_request(request: Request) -> Response:
    """201 with the stored request, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    form = await read_json_object(request)
    stored = await call_as_actor(
        request, lambda session, actor: respite_json(respite.request_respite(session, actor, form).request)
    )
    return ApiJSON(stored, status_code=201)


async def recipient_respite_requests(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]

    def run(session: Session, actor: Actor) -> dict:
        return {
            "items": [respite_json(r) for r in respite.requests_of(session, actor, recipient_id)],
            "quota": asdict(respite.quota_of(session, actor, recipient_id)),
        }

    return ApiJSON(await call_as_actor(request, run))


async def get_respite_queue(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    status = request.query_params.get("status", "pending")

    def run(session: Session, actor: Actor) -> dict:
        rows = respite_queue.queue(session, actor, status=status, offset=offset, limit=limit)
        return {
            "items": [asdict(row) for row in rows],
            "total": respite_queue.queue_total(session, actor, status=status),
        }

    return ApiJSON(await call_as_actor(request, run))


ROUTES = [
    Route("/respite-requests", post_respite_request, methods=["POST"]),
    Route("/respite-requests/queue", get_respite_queue, methods=["GET"]),
    Route("/recipients/{id:int}/respite-requests", recipient_respite_requests, methods=["GET"]),
    *(
        Route(
            f"/respite-requests/{{id:int}}/{name}",
            change_endpoint(step, respite_json),
            methods=["POST"],
            name=f"respite_{name}",
        )
        for name, step in STEPS.items()
    ),
]
