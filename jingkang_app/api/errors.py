"""Errors as JSON in the caller's language: ``{"error": key, "message": text, "fields"?: {...}}``."""

import logging

from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from jingkang_app.api.auth import request_lang
from jingkang_app.api.encoding import ApiJSON
from jingkang_app.domain.errors import (
    AccountDisabled,
    DomainError,
    LoginFailed,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    StaleVersion,
    TooManyFailedLogins,
    TooManySubmissions,
    ValidationFailed,
)
from jingkang_app.i18n import t

logger = logging.getLogger(__name__)

# First match wins; any other DomainError is a 400. NotAuthenticated covers SessionExpired.
DOMAIN_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (NotAuthenticated, 401),
    (LoginFailed, 401),
    (PermissionDenied, 403),
    (AccountDisabled, 403),
    (NotFound, 404),
    (StaleVersion, 409),
    (ValidationFailed, 422),
    (TooManyFailedLogins, 429),
    (TooManySubmissions, 429),
)

# Refusals made by Starlette itself (routing, body size, content type, malformed JSON).
HTTP_KEYS = {
    400: "error.bad_request",
    404: "error.page_not_found",
    405: "error.bad_request",
    413: "error.request_too_large",
    415: "error.bad_request",
}


def _message(key: str, lang: str, params: dict[str, object] | None = None) -> str:
    try:
        return t(key, lang, **(params or {}))
    except (KeyError, IndexError, ValueError):  # a parameter the message expects is missing
        return t(key, lang)


def error_json(key: str, lang: str, status_code: int, params: dict | None = None, **extra) -> ApiJSON:
    headers = extra.pop("headers", None)
    return ApiJSON({"error": key, "message": _message(key, lang, params), **extra}, status_code, headers)


def domain_status(exc: DomainError) -> int:
    return next((status for cls, status in DOMAIN_STATUS if isinstance(exc, cls)), 400)


async def on_domain_error(request: Request, exc: DomainError) -> Response:
    lang = request_lang(request)
    status = domain_status(exc)
    extra: dict = {}
    if isinstance(exc, ValidationFailed):
        extra["fields"] = {
            name: {"key": error.key, "message": _message(error.key, lang, error.params)}
            for name, error in exc.errors.items()
        }
    elif exc.field:
        extra["fields"] = {exc.field: {"key": exc.key, "message": _message(exc.key, lang, exc.params)}}
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="jingkang"'
    if isinstance(exc, TooManyFailedLogins | TooManySubmissions):
        headers["Retry-After"] = str(60 * int(str(exc.params.get("minutes", 1))))
    return error_json(exc.key, lang, status, exc.params, headers=headers, **extra)


async def on_database_down(request: Request, exc: Exception) -> Response:
    # The reason goes to the log, never to the caller: no stack trace, no connection details.
    logger.error("database unavailable: %s", type(exc).__name__)
    return error_json("error.database_unavailable", request_lang(request), 503, headers={"Retry-After": "30"})


async def on_http_error(request: Request, exc: HTTPException) -> Response:
    key = HTTP_KEYS.get(exc.status_code, "error.generic")
    return error_json(key, request_lang(request), exc.status_code, headers=exc.headers)


async def on_unexpected_error(request: Request, exc: Exception) -> Response:
    return error_json("error.generic", request_lang(request), 500)


EXCEPTION_HANDLERS = {
    DomainError: on_domain_error,
    OperationalError: on_database_down,
    InterfaceError: on_database_down,
    HTTPException: on_http_error,
    Exception: on_unexpected_error,
}
