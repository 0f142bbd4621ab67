"""Rehab service records (康复服务记录). Idempotent by ``client_id``, as the offline outbox needs."""

from dataclasses import asdict

from sqlmodel import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.models import RehabService
from jingkang_app.domain.services import rehab_services

REHAB_SERVICE_FIELDS = (
    "id",
    "client_id",
    "area_id",
    "service_date",
    "place",
    "site_name",
    "contents",
    "duration_minutes",
    "notes",
    "provider_id",
    "created_at",
    "version",
)


def rehab_service_json(session: Session, service: RehabService) -> dict:
    """The stored session and its attendees (``attendees``: recipient_id and attended, in recorded order)."""
    return {name: getattr(service, name) for name in REHAB_SERVICE_FIELDS} | {
        "attendees": [
            {"recipient_id": row.recipient_id, "attended": row.attended}
            for row in rehab_services.attendance_of(session, service.id)
        ]
    }


async def record_rehab_service(request: Request) -> Response:
    """201 with the stored record, the first time and on every repeat of the same ``client_id`` alike; a repeat
    never stores a second row."""
    require_token(request)
    form = await read_json_object(request)
    stored = await call_as_actor(
        request,
        lambda session, actor: rehab_service_json(
            session, rehab_services.record_service(session, actor, form)
        ),
    )
    return ApiJSON(stored, status_code=201)


def _limit(request: Request) -> int:
    raw = request.query_params.get("limit", "").strip()
    if not raw:
        return 20
    try:
        return int(raw)
    except ValueError:
        raise HTTPException(400) from None


async def recipient_rehab_services(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    limit = _limit(request)
    views = await call_as_actor(
        request,
        lambda session, actor: rehab_services.services_for_recipient(session, actor, recipient_id, limit),
    )
    return ApiJSON({"items": [asdict(view) for view in views]})


ROUTES = [
    Route("/rehab-services", record_rehab_service, methods=["POST"]),
    Route("/recipients/{id:int}/rehab-services", recipient_rehab_services, methods=["GET"]),
]
