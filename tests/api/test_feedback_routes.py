"""意见反馈 over /api/v1 (issue 7): anyone sends feedback without a token and gets a reference (429 past the hourly
limit of their address); coordinators read their queue, the caller's number for a call back, and answer at the
version they read; others are refused."""

import uuid

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.models import Feedback, Role
from jingkang_app.domain.services.feedback import FeedbackReceipt
from jingkang_app.domain.services.feedback_queue import FeedbackRow
from tests.api.conftest import bearer
from tests.factories import volunteer_form

pytestmark = pytest.mark.anyio


def feedback_form(area, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "suggestion",
        "area_id": area.id,
        "content": "建议在村里多办几次家属培训。",
        "contact_name": "李女士",
        "contact_phone": "13912345678",
    } | overrides


def properties(schema: str) -> set[str]:
    return set(OPENAPI["components"]["schemas"][schema]["properties"])


def names(cls) -> set[str]:
    return set(cls.__dataclass_fields__)


async def send(client, area, **overrides) -> dict:
    response = await client.post("/api/v1/feedback", json=feedback_form(area, **overrides))
    assert response.status_code == 201
    return response.json()


async def test_anyone_sends_feedback_and_a_repeat_returns_the_same_reference(client, world, fresh_session):
    areas = await client.get("/api/v1/feedback/areas")
    assert {"id": world.township_a.id, "label": "示范县 / 城关镇"} in areas.json()["items"]
    form = feedback_form(world.township_a)
    first = await client.post("/api/v1/feedback", json=form)
    again = await client.post("/api/v1/feedback", json=form)
    assert (first.status_code, again.status_code) == (201, 201)
    body = first.json()
    assert set(body) == names(FeedbackReceipt) == properties("FeedbackReceipt")
    assert (body["answer_by"], body["answer_within_days"], body["repeat"]) == ("2026-11-30", 5, False)
    assert (again.json()["reference"], again.json()["repeat"]) == (body["reference"], True)
    with fresh_session() as check:
        assert check.exec(select(func.count()).select_from(Feedback)).one() == 1


async def test_the_sixth_feedback_from_one_address_in_an_hour_answers_429(client, world):
    for _ in range(5):
        await send(client, world.township_a)
    refused = await client.post("/api/v1/feedback", json=feedback_form(world.township_a))
    assert refused.status_code == 429
    assert (refused.json()["error"], refused.headers["retry-after"]) == ("error.too_many_submissions", "3600")


async def test_the_public_volunteer_registration_answers_429_past_the_limit_too(client, world):
    for n in range(5):
        form = volunteer_form(world.village_a, phone=f"137000012{n:02d}")
        assert (await client.post("/api/v1/volunteer-registration", json=form)).status_code == 201
    form = volunteer_form(world.village_a, phone="13700001299")
    assert (await client.post("/api/v1/volunteer-registration", json=form)).status_code == 429


async def test_a_mistake_is_answered_beside_its_field(client, world):
    response = await client.post(
        "/api/v1/feedback",
        json=feedback_form(world.township_a, content="", contact_phone="0571"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"content", "contact_phone"}


async def test_a_body_over_the_limit_is_refused_before_it_is_read(client, world):
    response = await client.post(
        "/api/v1/feedback", json=feedback_form(world.township_a, content="长" * 30000)
    )
    assert response.status_code == 413


async def test_the_coordinator_reads_the_queue_with_the_phone_masked_then_in_full(client, world, token_for):
    sent = await send(client, world.township_a)
    headers = bearer(token_for(Role.township_coordinator))
    queue = (await client.get("/api/v1/feedback", headers=headers)).json()
    assert queue["total"] == 1 and set(queue["items"][0]) == names(FeedbackRow) == properties("FeedbackRow")
    row = queue["items"][0]
    assert (row["reference"], row["contact_phone"], row["overdue"]) == (
        sent["reference"],
        "139****5678",
        False,
    )
    contact = await client.get(f"/api/v1/feedback/{row['id']}/contact", headers=headers)
    assert contact.json() == {"name": "李女士", "phone": "13912345678"}


async def test_the_coordinator_answers_and_a_second_answer_at_the_old_version_is_409(
    client, world, token_for
):
    await send(client, world.township_a)
    headers = bearer(token_for(Role.township_coordinator))
    row = (await client.get("/api/v1/feedback", headers=headers)).json()["items"][0]
    url = f"/api/v1/feedback/{row['id']}/answer"
    answered = await client.post(
        url, json={"version": 1, "answer": "已安排下月在村里办培训。"}, headers=headers
    )
    assert answered.status_code == 200
    assert set(answered.json()) == properties("FeedbackAnswered")
    assert (answered.json()["status"], answered.json()["version"]) == ("answered", 2)
    stale = await client.post(url, json={"version": 1, "answer": "再答一次"}, headers=headers)
    assert (stale.status_code, stale.json()["changed"]) == (409, ["status", "answer"])


async def test_a_field_worker_can_neither_read_nor_answer_feedback(client, world, token_for):
    await send(client, world.township_a)
    headers = bearer(token_for(Role.grid_worker))
    feedback_id = (
        await client.get("/api/v1/feedback", headers=bearer(token_for(Role.county_coordinator)))
    ).json()["items"][0]["id"]
    assert (await client.get("/api/v1/feedback", headers=headers)).status_code == 403
    answer = await client.post(
        f"/api/v1/feedback/{feedback_id}/answer", json={"version": 1, "answer": "好"}, headers=headers
    )
    assert answer.status_code == 403
    assert (await client.get(f"/api/v1/feedback/{feedback_id}/contact", headers=headers)).status_code == 403


async def test_the_coordinators_routes_need_a_token(client, world):
    assert (await client.get("/api/v1/feedback")).status_code == 401
    assert (await client.post("/api/v1/feedback/1/answer", json={"version": 1})).status_code == 401
