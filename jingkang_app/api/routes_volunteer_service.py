"""Volunteer service records, points and certificates (志愿服务记录/积分/志愿服务记录证明) over JSON: the volunteer
checks in and out and reads their own page, ledger and certificates; coordinators review, correct, verify and
record no-shows (each change carries the ``version`` it was read at), redeem points and issue certificates.
A service record's id is its sign-up's id. ``GET /certificates/{code}`` is public: the check page of a
certificate, with the ID number masked. Same services and permissions as the pages."""

from collections.abc import Callable
from dataclasses import asdict

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.api.versioned import change_endpoint
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import certificates, points, service_records, service_review, volunteer_home
from jingkang_app.domain.services.service_records import ServiceRecordView

Step = Callable[[Session, Actor, object, dict], ServiceRecordView]
STEPS: dict[str, Step] = {
    "check-in": service_records.check_in,
    "check-out": service_records.check_out,
    "correct": service_review.correct_times,
    "verify": service_review.verify_hours,
    "no-show": service_review.record_no_show,
}


async def get_service_record(request: Request) -> Response:
    sign_up_id: int = request.path_params["id"]
    return ApiJSON(
        await call_as_actor(
            request, lambda session, actor: asdict(service_records.service_record(session, actor, sign_up_id))
        )
    )


async def get_review(request: Request) -> Response:
    limit = int_param(request, "limit", service_review.QUEUE_MAX)
    rows = await call_as_actor(
        request, lambda session, actor: service_review.to_review(session, actor, limit)
    )
    return ApiJSON({"items": [asdict(row) for row in rows]})


async def get_volunteer_points(request: Request) -> Response:
    volunteer_id: int = request.path_params["id"]
    limit = int_param(request, "limit", 50)
    return ApiJSON(
        await call_as_actor(
            request,
            lambda session, actor: asdict(points.volunteer_ledger(session, actor, volunteer_id, limit)),
        )
    )


async def get_recipient_points(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    limit = int_param(request, "limit", 50)
    return ApiJSON(
        await call_as_actor(
            request,
            lambda session, actor: asdict(points.recipient_ledger(session, actor, recipient_id, limit)),
        )
    )


async def post_redemption(request: Request) -> Response:
    """201 with the ledger line and the balance after it, also on a repeat of the same ``client_id``."""
    require_token(request)
    form = await read_json_object(request)

    def run(session: Session, actor: Actor) -> dict:
        redeemed = points.redeem(session, actor, form)
        return {"line": asdict(redeemed.line), "balance": redeemed.balance}

    return ApiJSON(await call_as_actor(request, run), status_code=201)


async def post_certificate(request: Request) -> Response:
    """201 with the certificate, also on a repeat of the same ``client_id``."""
    require_token(request)
    form = await read_json_object(request)
    saved = await call_as_actor(
        request,
        lambda session, actor: asdict(certificates.issue_certificate(session, actor, form).certificate),
    )
    return ApiJSON(saved, status_code=201)


async def get_volunteer_certificates(request: Request) -> Response:
    volunteer_id: int = request.path_params["id"]
    rows = await call_as_actor(
        request, lambda session, actor: certificates.certificates_of(session, actor, volunteer_id)
    )
    return ApiJSON({"items": [asdict(row) for row in rows]})


async def get_certificate_detail(request: Request) -> Response:
    certificate_id: int = request.path_params["id"]
    return ApiJSON(
        await call_as_actor(
            request,
            lambda session, actor: asdict(certificates.certificate_detail(session, actor, certificate_id)),
        )
    )


async def get_public_certificate(request: Request) -> Response:
    """No login: anyone holding the certificate may check it."""
    code: str = request.path_params["code"]

    def run() -> dict:
        with session_scope() as session:
            return asdict(certificates.verify_certificate(session, code))

    return ApiJSON(await run_in_threadpool(run))


async def get_my_volunteering(request: Request) -> Response:
    return ApiJSON(
        await call_as_actor(request, lambda session, actor: asdict(volunteer_home.my_summary(session, actor)))
    )


ROUTES = [
    Route("/service-records/review", get_review, methods=["GET"]),
    Route("/service-records/{id:int}", get_service_record, methods=["GET"]),
    *(
        Route(
            f"/service-records/{{id:int}}/{name}",
            change_endpoint(step, asdict),
            methods=["POST"],
            name=f"service_record_{name}",
        )
        for name, step in STEPS.items()
    ),
    Route("/volunteers/{id:int}/points", get_volunteer_points, methods=["GET"]),
    Route("/recipients/{id:int}/points", get_recipient_points, methods=["GET"]),
    Route("/points/redemptions", post_redemption, methods=["POST"]),
    Route("/certificates", post_certificate, methods=["POST"]),
    Route("/certificates/{code}", get_public_certificate, methods=["GET"]),
    Route("/volunteers/{id:int}/certificates", get_volunteer_certificates, methods=["GET"]),
    Route("/volunteer-certificates/{id:int}", get_certificate_detail, methods=["GET"]),
    Route("/me/volunteering", get_my_volunteering, methods=["GET"]),
]
