"""The outbox's sync route: each item stored once, rejected items come back with their errors, the caller's scope
holds per item, and an alert raised offline keeps its capture time."""

import pytest
from sqlmodel import select

from jingkang_app.domain.models import Followup, HomeVisit, RiskAlert, Role
from tests.api.conftest import bearer
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio


def item(kind: str, data: dict, captured_at: str = "2026-11-23T01:30:00+00:00") -> dict:
    data = dict(data)
    return {"client_id": data.pop("client_id"), "kind": kind, "data": data, "captured_at": captured_at}


async def test_two_queued_followups_sent_twice_are_stored_once_each(client, session, world, token_for):
    recipient = make_recipient(session, world)
    items = [item("followup", stable_form(recipient.id)), item("followup", stable_form(recipient.id))]
    headers = bearer(token_for(Role.community_doctor))
    first = await client.post("/api/v1/sync", json={"items": items}, headers=headers)
    again = await client.post("/api/v1/sync", json={"items": items}, headers=headers)
    assert [r["status"] for r in first.json()["results"]] == ["stored", "stored"]
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert [r["id"] for r in again.json()["results"]] == [r["id"] for r in first.json()["results"]]
    assert len(session.exec(select(Followup)).all()) == 2


async def test_a_rejected_item_comes_back_with_chinese_errors_and_does_not_block_the_next(
    client, session, world, token_for
):
    recipient = make_recipient(session, world)
    bad = item("home_visit", visit_form(recipient.id, visit_date="2026-12-25"))
    good = item("home_visit", visit_form(recipient.id))
    response = await client.post(
        "/api/v1/sync", json={"items": [bad, good]}, headers=bearer(token_for(Role.grid_worker))
    )
    rejected, stored = response.json()["results"]
    assert rejected["status"] == "rejected"
    assert rejected["errors"] == {"visit_date": "日期不能晚于今天。"}
    assert stored["status"] == "stored"
    assert len(session.exec(select(HomeVisit)).all()) == 1


async def test_an_item_outside_the_workers_scope_is_rejected_alone(client, session, world, token_for):
    elsewhere = make_recipient(session, world, village=world.village_b)
    response = await client.post(
        "/api/v1/sync",
        json={"items": [item("home_visit", visit_form(elsewhere.id))]},
        headers=bearer(token_for(Role.grid_worker)),
    )
    [result] = response.json()["results"]
    assert (result["status"], result["id"]) == ("rejected", None)
    assert "权限" in result["message"]
    assert session.exec(select(HomeVisit)).all() == []


async def test_without_a_session_nothing_is_stored_and_the_device_keeps_its_outbox(client, session, world):
    recipient = make_recipient(session, world)
    response = await client.post(
        "/api/v1/sync", json={"items": [item("home_visit", visit_form(recipient.id))]}
    )
    assert response.status_code == 401
    assert session.exec(select(HomeVisit)).all() == []


async def test_a_risk_3_followup_captured_offline_raises_its_alert_with_the_capture_time(
    client, session, world, token_for
):
    recipient = make_recipient(session, world)
    captured = "2026-11-22T23:10:00+00:00"
    await client.post(
        "/api/v1/sync",
        json={"items": [item("followup", stable_form(recipient.id, risk_level="3"), captured)]},
        headers=bearer(token_for(Role.community_doctor)),
    )
    alert = session.exec(select(RiskAlert)).one()
    assert alert.raised_at.isoformat() == captured


async def test_a_body_that_is_not_a_list_of_items_is_400(client, world, token_for):
    response = await client.post(
        "/api/v1/sync", json={"items": "everything"}, headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 400
