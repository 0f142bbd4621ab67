"""Service recipients: the scoped, masked list and the audited detail read."""

from dataclasses import asdict

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.services import recipients


def int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise HTTPException(400) from None


async def list_recipients(request: Request) -> Response:
    search = request.query_params.get("search", "")
    offset = int_param(request, "offset", 0)
    limit = int_param(request, "limit", 20)
    rows, total = await call_as_actor(
        request, lambda session, actor: recipients.list_recipients(session, actor, search, offset, limit)
    )
    return ApiJSON({"items": [asdict(row) for row in rows], "total": total})


async def recipient_detail(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    detail = await call_as_actor(
        request, lambda session, actor: recipients.get_recipient_detail(session, actor, recipient_id)
    )
    return ApiJSON(asdict(detail))


ROUTES = [
    Route("/recipients", list_recipients, methods=["GET"]),
    Route("/recipients/{id:int}", recipient_detail, methods=["GET"]),
]
