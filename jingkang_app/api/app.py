"""Assembles the API: every route under /api/v1, its own error handlers and body limit.

Reflex mounts its whole back end at "" inside the Starlette app we return (``api_transformer``), so the API's
middleware and handlers live on an inner app mounted at /api/v1 and never touch Reflex's own traffic.
"""

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount

from jingkang_app.api import (
    openapi,
    routes_auth,
    routes_care_team,
    routes_consents,
    routes_eligibility,
    routes_events,
    routes_exports,
    routes_feedback,
    routes_field,
    routes_help,
    routes_indicators,
    routes_overview,
    routes_recipients,
    routes_referrals,
    routes_rehab,
    routes_respite,
    routes_shifts,
    routes_subsidy,
    routes_training,
    routes_volunteer_service,
    routes_volunteers,
)
from jingkang_app.api.body import BodySizeLimit
from jingkang_app.api.errors import EXCEPTION_HANDLERS

PREFIX = "/api/v1"


def build_api() -> Starlette:
    """A fresh app each call: Reflex mounts itself into the instance it is given."""
    api = Starlette(
        routes=[
            *routes_auth.ROUTES,
            *routes_recipients.ROUTES,
            *routes_consents.ROUTES,
            *routes_overview.ROUTES,
            *routes_field.ROUTES,
            *routes_eligibility.ROUTES,
            *routes_care_team.ROUTES,
            *routes_rehab.ROUTES,
            *routes_help.ROUTES,
            *routes_respite.ROUTES,
            *routes_events.ROUTES,
            *routes_subsidy.ROUTES,
            *routes_volunteer_service.ROUTES,
            *routes_volunteers.ROUTES,
            *routes_shifts.ROUTES,
            *routes_referrals.ROUTES,
            *routes_training.ROUTES,
            *routes_feedback.ROUTES,
            *routes_exports.ROUTES,
            *routes_indicators.ROUTES,
            *openapi.ROUTES,
        ],
        middleware=[Middleware(BodySizeLimit)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    return Starlette(routes=[Mount(PREFIX, app=api)])
