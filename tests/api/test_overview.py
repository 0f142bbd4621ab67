import pytest

from jingkang_app.domain.models import Role
from tests.api.conftest import bearer
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio


async def test_a_township_coordinator_sees_counts_for_their_township(client, session, world, token_for):
    make_recipient(session, world)
    response = await client.get("/api/v1/overview", headers=bearer(token_for(Role.township_coordinator)))
    assert response.status_code == 200
    body = response.json()
    assert body["area_name"] == world.township_a.name
    assert body["total"]["registered"] == 1
    assert [row["name"] for row in body["rows"]] == [world.village_a.name]


async def test_a_doctor_gets_no_overview(client, token_for):
    response = await client.get("/api/v1/overview", headers=bearer(token_for(Role.community_doctor)))
    assert response.status_code == 403
