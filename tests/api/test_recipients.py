import pytest
from sqlmodel import select

from jingkang_app.domain.models import AuditLog, Role
from tests.api.conftest import bearer
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio


async def test_a_township_doctor_lists_only_recipients_of_their_township(client, session, world, token_for):
    in_a = make_recipient(session, world, world.village_a, name="张建国")
    make_recipient(session, world, world.village_b, name="王海")
    response = await client.get("/api/v1/recipients", headers=bearer(token_for(Role.community_doctor)))
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert [row["id"] for row in body["items"]] == [in_a.id]


async def test_list_rows_are_masked_and_dates_are_iso_strings(client, session, world, token_for):
    make_recipient(session, world)
    response = await client.get("/api/v1/recipients", headers=bearer(token_for(Role.community_doctor)))
    row = response.json()["items"][0]
    assert "*" in row["id_masked"]
    assert set(row) == {
        "id",
        "name",
        "village",
        "sex",
        "age",
        "id_masked",
        "risk_level",
        "next_followup_date",
        "status",
    }


async def test_search_and_paging_reach_the_service(client, session, world, token_for):
    for name in ("张建国", "张伟", "李强"):
        make_recipient(session, world, name=name)
    response = await client.get(
        "/api/v1/recipients",
        params={"search": "张", "offset": 1, "limit": 1},
        headers=bearer(token_for(Role.community_doctor)),
    )
    body = response.json()
    assert (body["total"], len(body["items"])) == (2, 1)


async def test_a_paging_value_that_is_not_a_number_is_400(client, token_for):
    response = await client.get(
        "/api/v1/recipients", params={"limit": "many"}, headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 400
    assert response.json()["error"] == "error.bad_request"


async def test_the_detail_shows_full_identity_to_a_doctor_in_scope(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}", headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["id_number"], body["diagnosis"]) == (
        recipient.id,
        recipient.id_number,
        "schizophrenia",
    )


async def test_an_out_of_scope_detail_is_403_and_the_attempt_is_audited(
    client, session, world, token_for, fresh_session
):
    elsewhere = make_recipient(session, world, world.village_b)
    response = await client.get(
        f"/api/v1/recipients/{elsewhere.id}", headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 403
    assert response.json()["error"] == "error.permission_denied"
    with fresh_session() as check:
        denied = check.exec(select(AuditLog).where(AuditLog.action == "recipient.view_denied")).one()
    assert (denied.actor_id, denied.recipient_id, denied.ip) == (
        world.users[Role.community_doctor].id,
        elsewhere.id,
        "10.0.0.9",
    )


async def test_an_unknown_recipient_is_404(client, token_for):
    response = await client.get("/api/v1/recipients/999999", headers=bearer(token_for(Role.community_doctor)))
    assert response.status_code == 404
    assert response.json()["error"] == "error.not_found"


async def test_a_volunteer_gets_an_empty_list(client, session, world, token_for):
    make_recipient(session, world)
    response = await client.get("/api/v1/recipients", headers=bearer(token_for(Role.volunteer)))
    assert response.json() == {"items": [], "total": 0}


async def test_a_volunteer_is_refused_the_detail(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}", headers=bearer(token_for(Role.volunteer))
    )
    assert response.status_code == 403
