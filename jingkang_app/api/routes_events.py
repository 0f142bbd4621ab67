"""Training and mutual-aid events (家属培训/互助小组) over JSON: organisers publish, change and cancel events and take
attendance; families see the events open to them with the seats left, sign up or join the waiting list, and
cancel. Same services and permissions as the pages; a family never receives the roster. Each change carries the
``version`` it was read at."""

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
from jingkang_app.domain.services import event_sign_ups, event_views, events
from jingkang_app.domain.services.event_views import EventDetail


def detail_json(detail: EventDetail) -> dict:
    roster = None if detail.roster is None else [asdict(row) for row in detail.roster]
    return asdict(detail.event) | {"roster": roster}


async def list_events(request: Request) -> Response:
    recipient_id = int_param(request, "recipient_id", 0) or None

    def run(session: Session, actor: Actor) -> dict:
        views = event_views.upcoming_events(session, actor, recipient_id=recipient_id)
        return {"items": [asdict(view) for view in views]}

    return ApiJSON(await call_as_actor(request, run))


async def post_event(request: Request) -> Response:
    """201 with the event, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    form = await read_json_object(request)
    saved = await call_as_actor(
        request, lambda session, actor: asdict(events.publish_event(session, actor, form).event)
    )
    return ApiJSON(saved, status_code=201)


async def get_event(request: Request) -> Response:
    event_id: int = request.path_params["id"]
    return ApiJSON(
        await call_as_actor(
            request, lambda session, actor: detail_json(event_views.event_detail(session, actor, event_id))
        )
    )


async def post_sign_up(request: Request) -> Response:
    """201 with the sign-up (signed up, or waiting with its place), also on a repeat of the same ``client_id``."""
    require_token(request)
    event_id: int = request.path_params["id"]
    form = await read_json_object(request)
    saved = await call_as_actor(
        request,
        lambda session, actor: asdict(event_sign_ups.sign_up(session, actor, event_id, form).sign_up),
    )
    return ApiJSON(saved, status_code=201)


ROUTES = [
    Route("/events", list_events, methods=["GET"]),
    Route("/events", post_event, methods=["POST"]),
    Route("/events/{id:int}", get_event, methods=["GET"]),
    Route(
        "/events/{id:int}/update",
        change_endpoint(events.update_event, asdict),
        methods=["POST"],
        name="event_update",
    ),
    Route(
        "/events/{id:int}/cancel",
        change_endpoint(events.cancel_event, asdict),
        methods=["POST"],
        name="event_cancel",
    ),
    Route(
        "/events/{id:int}/attendance",
        change_endpoint(events.record_attendance, detail_json),
        methods=["POST"],
        name="event_attendance",
    ),
    Route("/events/{id:int}/sign-ups", post_sign_up, methods=["POST"]),
    Route(
        "/event-sign-ups/{id:int}/cancel",
        change_endpoint(event_sign_ups.cancel_sign_up, asdict),
        methods=["POST"],
        name="event_sign_up_cancel",
    ),
]
