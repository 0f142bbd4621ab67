"""培训记录 over JSON: a coordinator records a course of a staff member of their area and reads the area's staff with
their hours of a year against the county's target; anyone signed in reads their own. Same services and
permissions as the /training page."""

from dataclasses import asdict

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import staff_training


async def get_own_training(request: Request) -> Response:
    year = request.query_params.get("year")
    own = await call_as_actor(
        request, lambda session, actor: asdict(staff_training.own_training(session, actor, year))
    )
    return ApiJSON(own)


async def post_training(request: Request) -> Response:
    """201 with the stored record, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    form = await read_json_object(request)
    saved = await call_as_actor(
        request,
        lambda session, actor: asdict(staff_training.record_training(session, actor, form).training),
    )
    return ApiJSON(saved, status_code=201)


async def get_staff_hours(request: Request) -> Response:
    year = request.query_params.get("year")

    def run(session: Session, actor: Actor) -> dict:
        return {"items": [asdict(row) for row in staff_training.staff_hours(session, actor, year)]}

    return ApiJSON(await call_as_actor(request, run))


ROUTES = [
    Route("/training", get_own_training, methods=["GET"]),
    Route("/training", post_training, methods=["POST"]),
    Route("/training/staff", get_staff_hours, methods=["GET"]),
]
