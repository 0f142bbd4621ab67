"""Consent and service agreements. Idempotent by ``client_id``, as the offline outbox needs."""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.models import ConsentRecord
from jingkang_app.domain.services import consent

CONSENT_FIELDS = (
    "id",
    "client_id",
    "recipient_id",
    "kind",
    "signed_by_recipient",
    "signed_by_guardian",
    "signed_on",
    "scope",
    "withdrawn_on",
    "withdrawn_reason",
    "recorded_by",
    "created_at",
    "version",
)


def consent_json(record: ConsentRecord) -> dict:
    return {name: getattr(record, name) for name in CONSENT_FIELDS}


async def record_consent(request: Request) -> Response:
    """201 with the stored record, the first time and on every repeat of the same ``client_id`` alike (the
    service does not say whether it stored or found the record); a repeat never stores a second row."""
    require_token(request)
    form = await read_json_object(request)
    stored = await call_as_actor(
        request, lambda session, actor: consent_json(consent.record_consent(session, actor, form))
    )
    return ApiJSON(stored, status_code=201)


ROUTES = [Route("/consents", record_consent, methods=["POST"])]
