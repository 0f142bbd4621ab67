"""Referrals (转介) over JSON: the list with its late flags, filing one, one referral's page and its steps, each
step carrying the ``version`` it was read at. Same services and permissions as the pages; the handover pack only
ever leaves through the detail, for the receiving side."""

from dataclasses import asdict

from sqlmodel import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.api.versioned import change_endpoint
from jingkang_app.domain.models import Referral
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import referral_queue, referral_views, referrals

REFERRAL_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "area_id",
    "kind",
    "route",
    "status",
    "reason",
    "receiver",
    "receiver_area_id",
    "alert_id",
    "applied_on",
    "registered_on",
    "referred_on",
    "closed_on",
    "register_by",
    "refer_by",
    "return_reason",
    "created_at",
    "updated_at",
    "version",
)


def referral_json(referral: Referral) -> dict:
    """The record without its handover pack (which only the receiving side reads, through the detail)."""
    return {name: getattr(referral, name) for name in REFERRAL_FIELDS}


def _late_param(request: Request) -> bool:
    raw = request.query_params.get("late", "").strip().lower()
    if raw not in ("", "true", "false", "1", "0"):
        raise HTTPException(400)
    return raw in ("true", "1")


async def list_referrals(request: Request) -> Response:
    query = request.query_params
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    late_only = _late_param(request)

    def run(session: Session, actor: Actor) -> dict:
        rows, total = referral_queue.referral_list(
            session,
            actor,
            status=query.get("status") or None,
            kind=query.get("kind") or None,
            late_only=late_only,
            area_id=query.get("area_id") or None,
            offset=offset,
            limit=limit,
        )
        return {"items": [asdict(row) for row in rows], "total": total}

    return ApiJSON(await call_as_actor(request, run))


async def post_referral(request: Request) -> Response:
    """201 with the new referral; 200 with the stored one on a repeat of the same ``client_id``."""
    require_token(request)
    form = await read_json_object(request)

    def run(session: Session, actor: Actor) -> tuple[dict, bool]:
        saved = referrals.create_referral(session, actor, form)
        return referral_json(saved.referral), saved.repeat

    stored, repeat = await call_as_actor(request, run)
    return ApiJSON(stored, status_code=200 if repeat else 201)


async def get_referral(request: Request) -> Response:
    referral_id: int = request.path_params["id"]
    detail = await call_as_actor(
        request, lambda session, actor: referral_views.referral_detail(session, actor, referral_id)
    )
    return ApiJSON(asdict(detail))


ROUTES = [
    Route("/referrals", list_referrals, methods=["GET"]),
    Route("/referrals", post_referral, methods=["POST"]),
    Route("/referrals/{id:int}", get_referral, methods=["GET"]),
    Route("/referrals/{id:int}/steps", change_endpoint(referrals.take_step, referral_json), methods=["POST"]),
]
