"""Volunteer shifts, sign-ups and transport requests (志愿服务岗位/班次, 免费接送) over JSON: coordinators create
shifts by hand or in one tap from a respite request, family event or home visit, list and cancel them, see the
roster and the ranked volunteers, and invite; volunteers sign up, answer invitations and cancel; families and
social workers ask for rides, which coordinators fill with a shift in one call. Each change carries the
``version`` it was read at. A volunteer's answers carry no recipient data. Same services as the pages."""

from collections.abc import Awaitable, Callable
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
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import (
    shift_sign_ups,
    shift_sources,
    shift_views,
    shifts,
    sign_up_changes,
    transport,
    volunteer_matching,
)
from jingkang_app.domain.services.shift_sign_ups import SignUpSaved
from jingkang_app.domain.services.shift_views import ShiftDetail
from jingkang_app.domain.services.transport import TransportFilled

Create = Callable[[Session, Actor, dict], object]
Take = Callable[[Session, Actor, object, dict], SignUpSaved]


def detail_json(detail: ShiftDetail) -> dict:
    return asdict(detail.shift) | {"roster": [asdict(row) for row in detail.roster]}


def saved_sign_up_json(saved: SignUpSaved) -> dict:
    """The sign-up, and the volunteer's planned hours that week against the cap (the coordinator's warning)."""
    return asdict(saved.sign_up) | {"weekly": asdict(saved.weekly)}


def filled_json(filled: TransportFilled) -> dict:
    return {"request": asdict(filled.request), "shift": asdict(filled.shift)}


def _create_endpoint(create: Create) -> Callable[[Request], Awaitable[Response]]:
    """201 with the shift, the first time and on a repeat of the same ``client_id`` alike."""

    async def endpoint(request: Request) -> Response:
        require_token(request)
        form = await read_json_object(request)
        saved = await call_as_actor(
            request, lambda session, actor: asdict(create(session, actor, form).shift)
        )
        return ApiJSON(saved, status_code=201)

    return endpoint


def _take_endpoint(take: Take) -> Callable[[Request], Awaitable[Response]]:
    """201 with the sign-up or invitation and the weekly hours, also on a repeat of the same ``client_id``."""

    async def endpoint(request: Request) -> Response:
        require_token(request)
        shift_id: int = request.path_params["id"]
        form = await read_json_object(request)
        saved = await call_as_actor(
            request, lambda session, actor: saved_sign_up_json(take(session, actor, shift_id, form))
        )
        return ApiJSON(saved, status_code=201)

    return endpoint


async def list_shifts(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    query = request.query_params

    def run(session: Session, actor: Actor) -> dict:
        rows, total = shift_views.list_shifts(
            session,
            actor,
            status=query.get("status") or "open",
            upcoming=query.get("upcoming", "true").lower() != "false",
            area_id=query.get("area_id") or None,
            offset=offset,
            limit=limit,
        )
        return {"items": [asdict(row) for row in rows], "total": total}

    return ApiJSON(await call_as_actor(request, run))


async def get_shift(request: Request) -> Response:
    shift_id: int = request.path_params["id"]
    return ApiJSON(
        await call_as_actor(
            request, lambda session, actor: detail_json(shift_views.shift_detail(session, actor, shift_id))
        )
    )


async def get_matches(request: Request) -> Response:
    shift_id: int = request.path_params["id"]
    rows = await call_as_actor(
        request, lambda session, actor: volunteer_matching.match_volunteers(session, actor, shift_id)
    )
    return ApiJSON({"items": [asdict(row) for row in rows]})


# --- transport --------------------------------------------------------------------------------------------


async def post_transport_request(request: Request) -> Response:
    """201 with the request, the first time and on a repeat of the same ``client_id`` alike."""
    require_token(request)
    form = await read_json_object(request)
    saved = await call_as_actor(
        request, lambda session, actor: asdict(transport.request_transport(session, actor, form).request)
    )
    return ApiJSON(saved, status_code=201)


async def get_transport_queue(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    status = request.query_params.get("status", "requested")

    def run(session: Session, actor: Actor) -> dict:
        rows, total = transport.transport_queue(session, actor, status=status, offset=offset, limit=limit)
        return {"items": [asdict(row) for row in rows], "total": total}

    return ApiJSON(await call_as_actor(request, run))


async def recipient_transport_requests(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    rows = await call_as_actor(
        request, lambda session, actor: transport.requests_of(session, actor, recipient_id)
    )
    return ApiJSON({"items": [asdict(row) for row in rows]})


ONE_TAP = {
    "from-respite": shift_sources.shift_from_respite,
    "from-event": shift_sources.shift_from_event,
    "from-visit": shift_sources.shift_from_visit,
}
ANSWERS = {
    "accept": sign_up_changes.accept,
    "decline": sign_up_changes.decline,
    "cancel": sign_up_changes.cancel_sign_up,
}

ROUTES = [
    Route("/shifts", list_shifts, methods=["GET"]),
    Route("/shifts", _create_endpoint(shifts.create_shift), methods=["POST"], name="shift_create"),
    *(
        Route(f"/shifts/{name}", _create_endpoint(create), methods=["POST"], name=f"shift_{name}")
        for name, create in ONE_TAP.items()
    ),
    Route("/shifts/{id:int}", get_shift, methods=["GET"]),
    Route(
        "/shifts/{id:int}/cancel",
        change_endpoint(shifts.cancel_shift, asdict),
        methods=["POST"],
        name="shift_cancel",
    ),
    Route("/shifts/{id:int}/matches", get_matches, methods=["GET"]),
    Route(
        "/shifts/{id:int}/sign-ups",
        _take_endpoint(shift_sign_ups.sign_up),
        methods=["POST"],
        name="shift_sign_up",
    ),
    Route(
        "/shifts/{id:int}/invitations",
        _take_endpoint(shift_sign_ups.invite),
        methods=["POST"],
        name="shift_invite",
    ),
    *(
        Route(
            f"/shift-sign-ups/{{id:int}}/{name}",
            change_endpoint(answer, asdict),
            methods=["POST"],
            name=f"shift_sign_up_{name}",
        )
        for name, answer in ANSWERS.items()
    ),
    Route("/transport-requests", post_transport_request, methods=["POST"]),
    Route("/transport-requests/queue", get_transport_queue, methods=["GET"]),
    Route("/recipients/{id:int}/transport-requests", recipient_transport_requests, methods=["GET"]),
    Route(
        "/transport-requests/{id:int}/fill",
        change_endpoint(transport.fill_transport, filled_json),
        methods=["POST"],
        name="transport_fill",
    ),
    Route(
        "/transport-requests/{id:int}/cancel",
        change_endpoint(transport.cancel_transport, asdict),
        methods=["POST"],
        name="transport_cancel",
    ),
]
