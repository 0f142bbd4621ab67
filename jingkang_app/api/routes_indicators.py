"""The coordinator dashboard's indicators over JSON (DOMAIN.md §6): the figures for an area and a period, one
figure per child area, the recipients behind a figure, and the monthly trend. Same services and permissions as
the pages: township and county coordinators, for their area or any area inside it."""

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.services import indicator_lists, indicator_trend, indicators


def _query(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


async def get_dashboard(request: Request) -> Response:
    area_id, period = _query(request, "area_id"), _query(request, "period")
    result = await call_as_actor(
        request, lambda session, actor: indicators.dashboard(session, actor, area_id, period)
    )
    return ApiJSON(asdict(result))


async def get_breakdown(request: Request) -> Response:
    key = request.path_params["key"]
    area_id, period = _query(request, "area_id"), _query(request, "period")
    result = await call_as_actor(
        request, lambda session, actor: indicators.breakdown(session, actor, area_id, period, key)
    )
    return ApiJSON(asdict(result))


async def get_recipients(request: Request) -> Response:
    key = request.path_params["key"]
    area_id, period, page = _query(request, "area_id"), _query(request, "period"), _query(request, "page")
    result = await call_as_actor(
        request,
        lambda session, actor: indicator_lists.recipients_behind(session, actor, area_id, period, key, page),
    )
    return ApiJSON(asdict(result))


async def get_trend(request: Request) -> Response:
    area_id, period = _query(request, "area_id"), _query(request, "period")
    months = _query(request, "months")
    result = await call_as_actor(
        request, lambda session, actor: indicator_trend.trend(session, actor, area_id, months, period)
    )
    return ApiJSON(asdict(result))


ROUTES = [
    Route("/indicators", get_dashboard, methods=["GET"]),
    Route("/indicators/trend", get_trend, methods=["GET"]),
    Route("/indicators/{key}/breakdown", get_breakdown, methods=["GET"]),
    Route("/indicators/{key}/recipients", get_recipients, methods=["GET"]),
]
