"""意见反馈 over JSON: anyone sends feedback without a token (rate-limited per client address) and reads the areas it
may be about; coordinators read their queue, the sender's phone number for a call back (audited) and answer at the
``version`` they read. Same services and permissions as the /feedback pages."""

from dataclasses import asdict

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, client_ip
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_recipients import int_param
from jingkang_app.api.versioned import change_endpoint
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.models import Feedback
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.feedback import reference_code
from jingkang_app.domain.services import feedback, feedback_queue


def answered_json(record: Feedback) -> dict:
    return {
        "id": record.id,
        "reference": reference_code(record.id),
        "status": record.status,
        "answer": record.answer,
        "answered_on": record.answered_on,
        "answer_by": record.answer_by,
        "version": record.version,
    }


# --- public -------------------------------------------------------------------------------------------------


async def get_feedback_areas(_request: Request) -> Response:
    def run() -> dict:
        with session_scope() as session:
            return {"items": [asdict(a) for a in feedback.feedback_areas(session)]}

    return ApiJSON(await run_in_threadpool(run))


async def post_feedback(request: Request) -> Response:
    """201 with the receipt (reference and answering day), the first time and on a repeat of the same
    ``client_id`` alike; 429 past the hourly limit of the caller's address."""
    form = await read_json_object(request)
    ip = client_ip(request)

    def run() -> dict:
        with session_scope() as session:
            return asdict(feedback.submit_feedback(session, form, ip=ip))

    return ApiJSON(await run_in_threadpool(run), status_code=201)


# --- coordinators -------------------------------------------------------------------------------------------


async def get_feedback_queue(request: Request) -> Response:
    offset, limit = int_param(request, "offset", 0), int_param(request, "limit", 20)
    status = request.query_params.get("status", "open")

    def run(session: Session, actor: Actor) -> dict:
        rows = feedback_queue.queue(session, actor, status=status, offset=offset, limit=limit)
        return {
            "items": [asdict(row) for row in rows],
            "total": feedback_queue.queue_total(session, actor, status=status),
        }

    return ApiJSON(await call_as_actor(request, run))


async def get_feedback_contact(request: Request) -> Response:
    feedback_id: int = request.path_params["id"]
    contact = await call_as_actor(
        request, lambda session, actor: asdict(feedback.contact_of(session, actor, feedback_id))
    )
    return ApiJSON(contact)


ROUTES = [
    Route("/feedback", post_feedback, methods=["POST"]),
    Route("/feedback", get_feedback_queue, methods=["GET"]),
    Route("/feedback/areas", get_feedback_areas, methods=["GET"]),
    Route("/feedback/{id:int}/contact", get_feedback_contact, methods=["GET"]),
    Route(
        "/feedback/{id:int}/answer",
        change_endpoint(feedback.answer_feedback, answered_json),
        methods=["POST"],
        name="feedback_answer",
    ),
]
