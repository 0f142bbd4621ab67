"""The volunteer registry (志愿者) over JSON: public self-registration (no login) and the areas it offers;
coordinators list, add, read (audited) and approve, reject, pause, resume or let volunteers leave, each step at the
``version`` read; the volunteer reads and updates their own profile and sees the shifts offered to them in the least
view. Same services and permissions as the pages; a volunteer's own JSON never carries a recipient link."""

from dataclasses import asdict

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, client_ip, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.api.versioned import Change, change_endpoint, stale_version_json
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.errors import StaleVersion
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteer_registry import VolunteerStep
from jingkang_app.domain.services import (
    shift_offers,
    volunteer_registration,
    volunteer_views,
    volunteers,
)
from jingkang_app.domain.services.volunteer_views import VolunteerView

# What a volunteer is shown of their own record: everything but the link a coordinator sees to a recipient record.
OWN_HIDDEN = ("recipient_id",)


def own_json(view: VolunteerView) -> dict:
    return {name: value for name, value in asdict(view).items() if name not in OWN_HIDDEN}


# --- public registration ----------------------------------------------------------------------------------


async def get_registration_areas(_request: Request) -> Response:
    def run() -> dict:
        with session_scope() as session:
            return {"items": [asdict(a) for a in volunteer_registration.registration_areas(session)]}

    return ApiJSON(await run_in_threadpool(run))


async def post_registration(request: Request) -> Response:
    """201 with the waiting registration, the first time and on a repeat of the same ``client_id`` alike."""
    form = await read_json_object(request)
    ip = client_ip(request)

    def run() -> dict:  # argon2 takes ~50 ms by design: off the event loop
        with session_scope() as session:
            return own_json(volunteer_registration.register_volunteer(session, form, ip=ip).volunteer)

    return ApiJSON(await run_in_threadpool(run), status_code=201)


# --- coordinators -----------------------------------------------------------------------------------------


async def list_volunteers(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    query = request.query_params

    def run(session: Session, actor: Actor) -> dict:
        rows, total = volunteer_views.list_volunteers(
            session,
            actor,
            status=query.get("status") or None,
            area_id=query.get("area_id") or None,
            search=query.get("search", ""),
            offset=offset,
            limit=limit,
        )
        return {"items": [asdict(row) for row in rows], "total": total}

    return ApiJSON(await call_as_actor(request, run))


async def post_volunteer(request: Request) -> Response:
    """201 with the volunteer, 在册 at once; also on a repeat of the same ``client_id``."""
    require_token(request)
    form = await read_json_object(request)
    saved = await call_as_actor(
        request,
        lambda session, actor: asdict(volunteer_registration.add_volunteer(session, actor, form).volunteer),
    )
    return ApiJSON(saved, status_code=201)


async def get_volunteer(request: Request) -> Response:
    volunteer_id: int = request.path_params["id"]
    return ApiJSON(
        await call_as_actor(
            request,
            lambda session, actor: asdict(volunteer_views.volunteer_detail(session, actor, volunteer_id)),
        )
    )


def _step(step: VolunteerStep) -> Change:
    return lambda session, actor, volunteer_id, form: volunteers.change_status(
        session, actor, volunteer_id, step, form
    )


# --- the volunteer ----------------------------------------------------------------------------------------


async def get_my_profile(request: Request) -> Response:
    return ApiJSON(
        await call_as_actor(
            request, lambda session, actor: own_json(volunteer_views.my_profile(session, actor))
        )
    )


async def post_my_profile(request: Request) -> Response:
    require_token(request)
    form = await read_json_object(request)
    try:
        saved = await call_as_actor(
            request, lambda session, actor: own_json(volunteers.update_my_profile(session, actor, form))
        )
    except StaleVersion as exc:
        return stale_version_json(request, exc)
    return ApiJSON(saved)


async def get_my_shifts(request: Request) -> Response:
    """The shifts offered to the volunteer, in the least view."""
    rows = await call_as_actor(request, lambda session, actor: shift_offers.offered_shifts(session, actor))
    return ApiJSON({"items": [asdict(row) for row in rows]})


ROUTES = [
    Route("/volunteer-registration/areas", get_registration_areas, methods=["GET"]),
    Route("/volunteer-registration", post_registration, methods=["POST"]),
    Route("/volunteers", list_volunteers, methods=["GET"]),
    Route("/volunteers", post_volunteer, methods=["POST"]),
    Route("/volunteers/{id:int}", get_volunteer, methods=["GET"]),
    Route(
        "/volunteers/{id:int}/profile",
        change_endpoint(volunteers.update_volunteer, asdict),
        methods=["POST"],
        name="volunteer_profile",
    ),
    *(
        Route(
            f"/volunteers/{{id:int}}/{step.value}",
            change_endpoint(_step(step), asdict),
            methods=["POST"],
            name=f"volunteer_{step.value}",
        )
        for step in VolunteerStep
    ),
    Route("/me/volunteer-profile", get_my_profile, methods=["GET"]),
    Route("/me/volunteer-profile", post_my_profile, methods=["POST"]),
    Route("/me/volunteer-shifts", get_my_shifts, methods=["GET"]),
]
