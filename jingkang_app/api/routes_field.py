"""The field workflow over JSON: the device outbox's sync route, follow-ups, home visits, the due-list, relapse
alerts and notifications. Same services and permissions as the app's pages."""

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, request_lang, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.errors import error_json
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.domain.models import Followup, HomeVisit
from jingkang_app.domain.services import alerts, duelist, followups, notifications, sync, visits
from jingkang_app.i18n import t

FOLLOWUP_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "followup_date",
    "risk_level",
    "proposed_classification",
    "classification",
    "proposed_next_date",
    "next_followup_date",
    "captured_at",
    "created_at",
    "version",
)
VISIT_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "visit_date",
    "needs",
    "next_visit_date",
    "captured_at",
    "version",
)


def _pick(record: Followup | HomeVisit, names: tuple[str, ...]) -> dict:
    return {name: getattr(record, name) for name in names}


def _followup_json(saved: followups.FollowupSaved) -> dict:
    return _pick(saved.followup, FOLLOWUP_FIELDS) | {"alert_id": saved.alert.id if saved.alert else None}


async def post_sync(request: Request) -> Response:
    """Every item is stored, acknowledged as a repeat, or returned with its errors; one bad item never blocks the
    others. The device deletes exactly the items acknowledged as stored or duplicate."""
    require_token(request)
    body = await read_json_object(request)
    items = body.get("items")
    lang = request_lang(request)
    if (
        not isinstance(items, list)
        or len(items) > sync.MAX_ITEMS
        or not all(isinstance(i, dict) for i in items)
    ):
        return error_json("error.bad_request", lang, 400)

    def run(session, actor) -> list[dict]:
        return [_result_json(sync.sync_item(session, actor, item), lang) for item in items]

    return ApiJSON({"results": await call_as_actor(request, run)})


def _result_json(result: sync.ItemResult, lang: str) -> dict:
    out: dict = {"client_id": result.client_id, "status": result.status, "id": result.id}
    if result.error is not None:
        params = dict(result.error.params)
        if isinstance(params.get("changed"), list):
            params["changed"] = "、".join(t(f"followup.{name}", lang) for name in params["changed"])
            out["message"] = t("error.stale_version_changed", lang, **params)
        else:
            out["message"] = t(result.error.key, lang, **params)
        out["errors"] = {name: t(e.key, lang, **e.params) for name, e in result.field_errors.items()}
    return out


async def post_followup(request: Request) -> Response:
    form = await read_json_object(request)
    saved = await call_as_actor(
        request, lambda session, actor: _followup_json(followups.record_followup(session, actor, form))
    )
    return ApiJSON(saved, status_code=201)


async def put_followup(request: Request) -> Response:
    followup_id: int = request.path_params["id"]
    form = await read_json_object(request)
    saved = await call_as_actor(
        request,
        lambda session, actor: _followup_json(followups.edit_followup(session, actor, followup_id, form)),
    )
    return ApiJSON(saved)


async def post_followup_proposal(request: Request) -> Response:
    """The rules' classification and next date for a form still being filled in; nothing is stored."""
    form = await read_json_object(request)

    def run(session, actor) -> dict:
        proposal = followups.propose(session, actor, form)
        params = {
            "classification": t(f"followup.classification.{proposal.classification}", actor.lang),
            "date": proposal.next_followup_date.isoformat() if proposal.next_followup_date else "—",
        }
        message = t("followup.proposal", actor.lang, **params)
        if proposal.alert:
            message += t("followup.proposal_alert", actor.lang)
        return asdict(proposal) | {"message": message}

    return ApiJSON(await call_as_actor(request, run))


async def post_visit(request: Request) -> Response:
    form = await read_json_object(request)

    def run(session, actor) -> dict:
        saved = visits.record_visit(session, actor, form)
        return _pick(saved.visit, VISIT_FIELDS) | {"task_ids": [task.id for task in saved.tasks]}

    return ApiJSON(await call_as_actor(request, run), status_code=201)


async def get_due(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    items, total = await call_as_actor(
        request, lambda session, actor: duelist.due_list(session, actor, offset=offset, limit=limit)
    )
    return ApiJSON({"items": [asdict(item) for item in items], "total": total})


async def get_alerts(request: Request) -> Response:
    views = await call_as_actor(request, lambda session, actor: alerts.open_alerts(session, actor))
    return ApiJSON({"items": [asdict(view) for view in views]})


async def post_take_alert(request: Request) -> Response:
    alert_id: int = request.path_params["id"]
    form = await read_json_object(request)
    alert = await call_as_actor(
        request,
        lambda session, actor: alerts.take(session, actor, alert_id, form.get("version")).model_dump(),
    )
    return ApiJSON(alert)


async def post_close_alert(request: Request) -> Response:
    alert_id: int = request.path_params["id"]
    form = await read_json_object(request)
    alert = await call_as_actor(
        request, lambda session, actor: alerts.close(session, actor, alert_id, form).model_dump()
    )
    return ApiJSON(alert)


async def get_notifications(request: Request) -> Response:
    def run(session, actor) -> dict:
        items = notifications.list_notifications(session, actor)
        return {"items": [asdict(n) for n in items], "unread": notifications.unread_count(session, actor)}

    return ApiJSON(await call_as_actor(request, run))


ROUTES = [
    Route("/sync", post_sync, methods=["POST"]),
    Route("/followups", post_followup, methods=["POST"]),
    Route("/followups/proposal", post_followup_proposal, methods=["POST"]),
    Route("/followups/{id:int}", put_followup, methods=["PUT"]),
    Route("/home-visits", post_visit, methods=["POST"]),
    Route("/due", get_due, methods=["GET"]),
    Route("/alerts", get_alerts, methods=["GET"]),
    Route("/alerts/{id:int}/take", post_take_alert, methods=["POST"]),
    Route("/alerts/{id:int}/close", post_close_alert, methods=["POST"]),
    Route("/notifications", get_notifications, methods=["GET"]),
]
