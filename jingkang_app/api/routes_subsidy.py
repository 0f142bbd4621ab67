"""Guardian subsidy (监护补贴) over JSON: the guardian applies and follows the family's applications, the village
committee records the quarterly checks, the township works its queue, decides and records the yearly payment.
Creates are idempotent by ``client_id``; decisions and payments carry the ``version`` they were read at. Same
services and permissions as the pages."""

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
from jingkang_app.api.versioned import stale_version_json
from jingkang_app.domain.errors import StaleVersion
from jingkang_app.domain.models import GuardianSubsidy, SubsidyCheck, SubsidyPayment
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.subsidy import CHECK_DUTIES, SubsidyStep
from jingkang_app.domain.services import subsidy, subsidy_queue, subsidy_year

SUBSIDY_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "year",
    "guardian_id",
    "status",
    "risk_class",
    "guardian_monthly_yuan",
    "care_monthly_yuan",
    "decision_reason",
    "captured_at",
    "created_at",
    "decided_at",
    "version",
)
CHECK_FIELDS = (
    "id",
    "client_id",
    "subsidy_id",
    "quarter",
    *CHECK_DUTIES,
    "passed",
    "note",
    "captured_at",
    "created_at",
)
PAYMENT_FIELDS = (
    "id",
    "client_id",
    "subsidy_id",
    "year",
    "passed_quarters",
    "months",
    "monthly_yuan",
    "amount_yuan",
    "withheld",
    "incident_on",
    "paid_on",
    "note",
    "created_at",
)

Decision = Callable[[Session, Actor, object, dict], GuardianSubsidy]
DECISIONS: dict[SubsidyStep, Decision] = {
    SubsidyStep.approve: subsidy.approve,
    SubsidyStep.reject: subsidy.reject,
}


def _record_json(record: GuardianSubsidy | SubsidyCheck | SubsidyPayment, names: tuple[str, ...]) -> dict:
    return {name: getattr(record, name) for name in names}


def subsidy_json(record: GuardianSubsidy) -> dict:
    return _record_json(record, SUBSIDY_FIELDS)


def view_json(view: subsidy.SubsidyView) -> dict:
    return subsidy_json(view.subsidy) | {
        "checks": [_record_json(c, CHECK_FIELDS) for c in view.checks],
        "payment": _record_json(view.payment, PAYMENT_FIELDS) if view.payment else None,
    }


async def post_application(request: Request) -> Response:
    """201 with the stored application, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    form = await read_json_object(request) | {"recipient_id": request.path_params["id"]}
    stored = await call_as_actor(
        request, lambda session, actor: subsidy_json(subsidy.apply(session, actor, form).subsidy)
    )
    return ApiJSON(stored, status_code=201)


async def recipient_applications(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    views = await call_as_actor(
        request,
        lambda session, actor: [view_json(v) for v in subsidy.subsidies_of(session, actor, recipient_id)],
    )
    return ApiJSON({"items": views})


async def get_subsidy_queue(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    status = request.query_params.get("status", "pending")

    def run(session: Session, actor: Actor) -> dict:
        rows = subsidy_queue.queue(session, actor, status=status, offset=offset, limit=limit)
        return {
            "items": [asdict(row) for row in rows],
            "total": subsidy_queue.queue_total(session, actor, status=status),
        }

    return ApiJSON(await call_as_actor(request, run))


async def post_check(request: Request) -> Response:
    """201 with the stored check, the first time and on every repeat of the same ``client_id`` alike."""
    require_token(request)
    subsidy_id: int = request.path_params["id"]
    form = await read_json_object(request)
    stored = await call_as_actor(
        request,
        lambda session, actor: _record_json(
            subsidy_year.record_check(session, actor, subsidy_id, form).check, CHECK_FIELDS
        ),
    )
    return ApiJSON(stored, status_code=201)


async def _versioned(request: Request, run: Callable[[Session, Actor], dict], status_code: int) -> Response:
    """A step taken on the version the caller read: 409 with what changed when someone else moved it on."""
    try:
        return ApiJSON(await call_as_actor(request, run), status_code=status_code)
    except StaleVersion as exc:
        return stale_version_json(request, exc)


async def post_payment(request: Request) -> Response:
    """201 with the payment (amount 0 when withheld) and the application in its new status."""
    require_token(request)
    subsidy_id: int = request.path_params["id"]
    form = await read_json_object(request)

    def run(session: Session, actor: Actor) -> dict:
        saved = subsidy_year.record_payment(session, actor, subsidy_id, form)
        return {
            "payment": _record_json(saved.payment, PAYMENT_FIELDS),
            "subsidy": subsidy_json(saved.subsidy),
        }

    return await _versioned(request, run, 201)


def _decision_endpoint(decide: Decision) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        require_token(request)
        subsidy_id: int = request.path_params["id"]
        form = await read_json_object(request)
        return await _versioned(
            request, lambda session, actor: subsidy_json(decide(session, actor, subsidy_id, form)), 200
        )

    return endpoint


ROUTES = [
    Route("/recipients/{id:int}/guardian-subsidies", post_application, methods=["POST"]),
    Route("/recipients/{id:int}/guardian-subsidies", recipient_applications, methods=["GET"]),
    Route("/guardian-subsidies/queue", get_subsidy_queue, methods=["GET"]),
    Route("/guardian-subsidies/{id:int}/checks", post_check, methods=["POST"]),
    Route("/guardian-subsidies/{id:int}/payments", post_payment, methods=["POST"]),
    *(
        Route(
            f"/guardian-subsidies/{{id:int}}/{name}",
            _decision_endpoint(decide),
            methods=["POST"],
            name=f"subsidy_{name}",
        )
        for name, decide in DECISIONS.items()
    ),
]
