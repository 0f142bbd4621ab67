"""The coordinator's area overview."""

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.services import overview


async def area_overview(request: Request) -> Response:
    result = await call_as_actor(request, overview.area_overview)
    return ApiJSON(asdict(result))


ROUTES = [Route("/overview", area_overview, methods=["GET"])]
