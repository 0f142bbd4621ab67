"""A recipient's care team (综合管理小组): who could join, adding a member, taking one off."""

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import NO_STORE, ApiJSON
from jingkang_app.domain.services import care_team


async def team_candidates(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    found = await call_as_actor(
        request, lambda session, actor: care_team.candidates(session, actor, recipient_id)
    )
    return ApiJSON({"items": [asdict(candidate) for candidate in found]})


async def add_team_member(request: Request) -> Response:
    require_token(request)
    recipient_id: int = request.path_params["id"]
    form = await read_json_object(request)
    team = await call_as_actor(
        request,
        lambda session, actor: care_team.add_team_member(
            session, actor, recipient_id, form.get("user_id"), form.get("team_role")
        ),
    )
    return ApiJSON(
        {"recipient_id": recipient_id, "team": [asdict(member) for member in team]}, status_code=201
    )


async def remove_team_member(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    user_id: int = request.path_params["user_id"]
    team_role: str = request.path_params["team_role"]
    await call_as_actor(
        request,
        lambda session, actor: care_team.remove_team_member(session, actor, recipient_id, user_id, team_role),
    )
    return Response(status_code=204, headers=NO_STORE)


ROUTES = [
    Route("/recipients/{id:int}/team", add_team_member, methods=["POST"]),
    Route("/recipients/{id:int}/team/candidates", team_candidates, methods=["GET"]),
    Route("/recipients/{id:int}/team/{user_id:int}/{team_role:str}", remove_team_member, methods=["DELETE"]),
]
