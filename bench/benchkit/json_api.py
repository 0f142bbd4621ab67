"""The consent write through the JSON API, with aiohttp (DESIGN.md: httpx measures itself at high concurrency).

Contract: POST /api/v1/auth/login {"phone", "password"} → {"token"}; POST /api/v1/consents with
``Authorization: Bearer <token>`` and the consent fields plus ``recipient_id`` → 201 (a repeat of a client_id
returns the same record, so 200 is taken as an acknowledgement too).
"""

import json
import time

import aiohttp

from benchkit.reflex_session import Tally

ACK = (200, 201)


class ApiUnavailable(RuntimeError):
    pass


class ApiClient:
    def __init__(self, http: aiohttp.ClientSession, base: str, tally: Tally):
        self.http = http
        self.base = base
        self.tally = tally
        self.headers: dict[str, str] = {}

    async def log_in(self, phone: str, password: str) -> None:
        async with self.http.post(
            f"{self.base}/api/v1/auth/login", json={"phone": phone, "password": password}
        ) as reply:
            body = await reply.read()
            if reply.status in (404, 405):
                raise ApiUnavailable(f"POST /api/v1/auth/login answered {reply.status}")
            if reply.status != 200:
                raise ApiUnavailable(f"login answered {reply.status}: {body[:200]!r}")
            token = (await reply.json(content_type=None)).get("token")
        if not token:
            raise ApiUnavailable("login reply has no token")
        self.headers = {"Authorization": f"Bearer {token}"}

    async def record_consent(self, recipient_id: int, signed_on: str, client_id: str) -> float | None:
        """One POST; returns its latency in ms when acknowledged, else None (counted in the tally)."""
        self.tally.sent.add(client_id)
        body = {
            "recipient_id": recipient_id,
            "client_id": client_id,
            "kind": "service_agreement",
            "signed_on": signed_on,
            "signed_by_guardian": True,
        }
        t0 = time.perf_counter()
        try:
            async with self.http.post(
                f"{self.base}/api/v1/consents", json=body, headers=self.headers
            ) as reply:
                payload = await reply.read()
                status = reply.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.tally.fail(f"api {type(exc).__name__}")
            return None
        if status not in ACK:
            self.tally.fail(f"api status {status} {_error_key(payload)}".rstrip())
            return None
        self.tally.acknowledged.add(client_id)
        return (time.perf_counter() - t0) * 1000


def _error_key(payload: bytes) -> str:
    """The API's error key ({"error": key, ...}), or the start of a non-JSON body."""
    try:
        return str(json.loads(payload).get("error", ""))
    except (ValueError, AttributeError):
        return payload[:60].decode(errors="replace")
