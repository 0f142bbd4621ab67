import httpx
import pytest
from starlette.responses import PlainTextResponse

from jingkang_app.api import build_api
from jingkang_app.api.body import MAX_BODY_BYTES
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import recipients
from tests.api.conftest import bearer

pytestmark = pytest.mark.anyio


async def test_a_body_over_64_kib_is_refused_with_413(client, token_for):
    response = await client.post(
        "/api/v1/consents",
        json={"scope": "x" * (MAX_BODY_BYTES + 1)},
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 413
    assert response.json()["error"] == "error.request_too_large"


async def test_a_streamed_body_without_length_is_cut_off_at_64_kib(client, token_for):
    async def chunks():
        for _ in range(10):
            yield b"x" * 8192

    response = await client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "error.request_too_large"


async def test_malformed_json_is_400(client):
    response = await client.post(
        "/api/v1/auth/login", content=b'{"phone": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "error.bad_request"


async def test_a_json_body_that_is_not_an_object_is_400(client):
    response = await client.post("/api/v1/auth/login", json=["13900000010", "pw"])
    assert response.status_code == 400


async def test_a_body_that_is_not_declared_as_json_is_415(client, world, token_for):
    response = await client.post(
        "/api/v1/consents",
        content=b'{"recipient_id": 1}',
        headers={"Content-Type": "text/plain", **bearer(token_for(Role.grid_worker))},
    )
    assert response.status_code == 415


async def test_an_unknown_api_path_is_a_json_404(client):
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "error.page_not_found"


async def test_a_database_that_is_down_is_503_in_chinese_without_a_trace(anyio_backend, monkeypatch):
    monkeypatch.setenv("REFLEX_DB_URL", "postgresql+psycopg://postgres@127.0.0.1:1/down?connect_timeout=2")
    transport = httpx.ASGITransport(app=build_api())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/api/v1/auth/login", json={"phone": "13900000010", "password": "x"})
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "error.database_unavailable"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    assert "Traceback" not in response.text and "127.0.0.1" not in response.text


async def test_the_api_leaves_the_app_mounted_beside_it_alone(anyio_backend):
    """Reflex mounts its back end at "" inside the app build_api returns: no API limit or handler applies."""
    seen: list[int] = []

    async def reflex_backend(scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        seen.append(len(body))
        await PlainTextResponse("ok")(scope, receive, send)

    app = build_api()
    app.mount("", reflex_backend)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        upload = await client.post("/_upload", content=b"x" * (MAX_BODY_BYTES * 4))
        api = await client.get("/api/v1/me")
    assert (upload.status_code, seen) == (200, [MAX_BODY_BYTES * 4])
    assert api.status_code == 401


async def test_an_unexpected_failure_is_a_json_500_without_details(world, token_for, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(recipients, "list_recipients", broken)
    transport = httpx.ASGITransport(app=build_api(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/api/v1/recipients", headers=bearer(token_for(Role.grid_worker)))
    assert response.status_code == 500
    assert response.json()["error"] == "error.generic"
    assert "secret" not in response.text
