import pytest
from sqlmodel import select

from jingkang_app.domain.models import ConsentRecord, Role
from jingkang_app.i18n import t
from tests.api.conftest import bearer
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio

CLIENT_ID = "5b0c7c7e-1111-4222-8333-444455556666"


def form(recipient_id: int, **overrides) -> dict:
    return {
        "client_id": CLIENT_ID,
        "recipient_id": recipient_id,
        "kind": "service_agreement",
        "signed_on": "2026-11-20",
        "signed_by_recipient": True,
        "signed_by_guardian": False,
        "scope": "康复服务",
    } | overrides


async def test_a_consent_is_stored_and_returned_with_201(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        "/api/v1/consents", json=form(recipient.id), headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 201
    body = response.json()
    assert body["id"] > 0
    assert (body["client_id"], body["recipient_id"], body["kind"], body["signed_on"]) == (
        CLIENT_ID,
        recipient.id,
        "service_agreement",
        "2026-11-20",
    )
    assert body["recorded_by"] == world.users[Role.grid_worker].id
    assert body["created_at"].startswith("2026-11-23T02:00:00")


async def test_a_repeat_with_the_same_client_id_returns_the_same_record_once(
    client, session, world, token_for, fresh_session
):
    recipient = make_recipient(session, world)
    headers = bearer(token_for(Role.grid_worker))
    first = await client.post("/api/v1/consents", json=form(recipient.id), headers=headers)
    again = await client.post("/api/v1/consents", json=form(recipient.id), headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    with fresh_session() as check:
        assert len(check.exec(select(ConsentRecord)).all()) == 1


async def test_a_consent_without_a_signer_is_422_beside_the_field(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        "/api/v1/consents",
        json=form(recipient.id, signed_by_recipient=False),
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "error.validation_failed"
    assert body["fields"]["signed_by"]["key"] == "error.signer_required"
    assert body["fields"]["signed_by"]["message"] == t("error.signer_required")
    assert body["message"] not in ("", "error.validation_failed")


async def test_a_consent_for_a_recipient_out_of_scope_is_403(
    client, session, world, token_for, fresh_session
):
    elsewhere = make_recipient(session, world, world.village_b)
    response = await client.post(
        "/api/v1/consents", json=form(elsewhere.id), headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 403
    with fresh_session() as check:
        assert check.exec(select(ConsentRecord)).all() == []


async def test_a_consent_without_a_token_is_401_before_the_body_is_read(client):
    response = await client.post(
        "/api/v1/consents", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
