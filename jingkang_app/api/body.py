"""Request bodies: at most 64 KiB, and a JSON object."""

import json

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jingkang_app.api.auth import request_lang
from jingkang_app.api.errors import error_json

MAX_BODY_BYTES = 64 * 1024


class BodySizeLimit:
    """Refuses bodies over ``max_bytes`` with 413: at once when Content-Length says so, else as soon as the
    streamed body passes the limit. (Starlette's own limiter answers in plain text; ours answers in JSON
    through the app's error handlers.)"""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            refusal = error_json("error.request_too_large", request_lang(Request(scope)), 413)
            await refusal(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)


async def read_json_object(request: Request) -> dict:
    # Only application/json: a cross-site HTML form cannot send it, so a cookie-authenticated POST cannot be
    # forged with a text/plain body that happens to be JSON.
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415)
    try:
        data = json.loads(await request.body())
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        raise HTTPException(400) from None
    if not isinstance(data, dict):
        raise HTTPException(400)
    return data
