"""Eligibility screening and admission, consent withdrawal."""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor, request_lang, require_token
from jingkang_app.api.body import read_json_object
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.api.routes_consents import consent_json
from jingkang_app.domain.models import Recipient
from jingkang_app.domain.services import consent_withdrawal, eligibility
from jingkang_app.i18n import t

ADMISSION_FIELDS = ("id", "status", "admitted_on", "admitted_by", "admission_reason", "version")


def eligibility_json(view: eligibility.EligibilityView, lang: str) -> dict:
    params = view.label_params()
    return {
        "recipient_id": view.recipient_id,
        "eligible": view.eligible,
        "criteria": [
            {
                "key": criterion.key,
                "verdict": criterion.verdict.value,
                "label": t(f"eligibility.{criterion.key}", lang, **params),
                "verdict_label": t(f"eligibility.{criterion.verdict.value}", lang),
            }
            for criterion in view.criteria
        ],
        "rules": {
            "min_age": view.rules.min_age,
            "max_age": view.rules.max_age,
            "disability_levels": sorted(view.rules.disability_levels),
            "lookback_months": view.rules.lookback_months,
            "max_risk_level": view.rules.max_risk_level,
        },
    }


def admission_json(recipient: Recipient) -> dict:
    return {name: getattr(recipient, name) for name in ADMISSION_FIELDS}


async def recipient_eligibility(request: Request) -> Response:
    recipient_id: int = request.path_params["id"]
    view = await call_as_actor(
        request, lambda session, actor: eligibility.screen_recipient(session, actor, recipient_id)
    )
    # The actor's language is known once the call has resolved them.
    return ApiJSON(eligibility_json(view, request_lang(request)))


async def admit(request: Request) -> Response:
    require_token(request)
    recipient_id: int = request.path_params["id"]
    form = await read_json_object(request)
    admitted = await call_as_actor(
        request, lambda session, actor: admission_json(eligibility.admit(session, actor, recipient_id, form))
    )
    return ApiJSON(admitted)


async def withdraw_consent(request: Request) -> Response:
    require_token(request)
    consent_id: int = request.path_params["id"]
    form = await read_json_object(request)
    withdrawn = await call_as_actor(
        request,
        lambda session, actor: consent_json(
            consent_withdrawal.withdraw_consent(session, actor, consent_id, form)
        ),
    )
    return ApiJSON(withdrawn)


ROUTES = [
    Route("/recipients/{id:int}/eligibility", recipient_eligibility, methods=["GET"]),
    Route("/recipients/{id:int}/admit", admit, methods=["POST"]),
    Route("/consents/{id:int}/withdraw", withdraw_consent, methods=["POST"]),
]
