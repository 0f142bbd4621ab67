"""培训记录 over /api/v1 (issue 7): a coordinator records and reads the area's yearly hours, a staff member reads
their own, everyone else is refused; errors as JSON beside their field; the shapes as the OpenAPI document says."""

import uuid

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.models import Role, StaffTraining
from jingkang_app.domain.services.staff_training import OwnTraining, StaffHours, TrainingView
from tests.api.conftest import bearer

pytestmark = pytest.mark.anyio


def training_form(user_id: int, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "user_id": user_id,
        "course": "精神障碍社区康复服务规范",
        "organiser": "县民政局",
        "hours": "3.5",
        "trained_on": "2026-11-10",
    } | overrides


def properties(schema: str) -> set[str]:
    return set(OPENAPI["components"]["schemas"][schema]["properties"])


def names(cls) -> set[str]:
    return set(cls.__dataclass_fields__)


async def test_a_coordinator_records_a_course_and_a_repeat_returns_it_once(
    client, world, token_for, fresh_session
):
    headers = bearer(token_for(Role.township_coordinator))
    form = training_form(world.users[Role.grid_worker].id)
    first = await client.post("/api/v1/training", json=form, headers=headers)
    again = await client.post("/api/v1/training", json=form, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    body = first.json()
    assert set(body) == names(TrainingView) == properties("Training")
    assert (body["minutes"], body["area_id"], body["trained_on"]) == (210, world.village_a.id, "2026-11-10")
    assert again.json()["id"] == body["id"]
    with fresh_session() as check:
        assert check.exec(select(func.count()).select_from(StaffTraining)).one() == 1


async def test_hours_out_of_range_are_refused_beside_the_field_in_the_users_language(
    client, world, token_for
):
    # The account's language (zh-CN) wins over the browser's.
    headers = bearer(token_for(Role.township_coordinator)) | {"Accept-Language": "en"}
    form = training_form(world.users[Role.grid_worker].id, hours="30")
    response = await client.post("/api/v1/training", json=form, headers=headers)
    assert response.status_code == 422
    assert response.json()["fields"]["hours"]["message"] == "每条记录的学时应在 0.5 到 24 小时之间。"


async def test_a_field_worker_may_not_record_training(client, world, token_for):
    headers = bearer(token_for(Role.social_worker))
    form = training_form(world.users[Role.grid_worker].id)
    response = await client.post("/api/v1/training", json=form, headers=headers)
    assert response.status_code == 403


async def test_the_staff_list_gives_each_ones_hours_of_the_year_fewest_first(client, world, token_for):
    headers = bearer(token_for(Role.township_coordinator))
    doctor = world.users[Role.community_doctor].id
    await client.post("/api/v1/training", json=training_form(doctor, hours="21"), headers=headers)
    await client.post(
        "/api/v1/training", json=training_form(doctor, hours="4", trained_on="2025-05-05"), headers=headers
    )
    response = await client.get("/api/v1/training/staff?year=2026", headers=headers)
    items = response.json()["items"]
    assert set(items[0]) == names(StaffHours) == properties("StaffHours")
    # Four of the five staff of 城关镇 have nothing this year; the doctor's 21 h of 2026 (not 2025's 4) come last.
    assert [(i["minutes"], i["under_target"]) for i in items] == [(0, True)] * 4 + [(1260, False)]
    assert items[-1]["user_id"] == doctor and len(items[-1]["records"]) == 1


async def test_a_year_that_is_not_a_number_is_refused(client, world, token_for):
    headers = bearer(token_for(Role.township_coordinator))
    response = await client.get("/api/v1/training/staff?year=next", headers=headers)
    assert response.status_code == 422


async def test_a_caregiver_cannot_list_the_staff(client, world, token_for):
    response = await client.get("/api/v1/training/staff", headers=bearer(token_for(Role.caregiver)))
    assert response.status_code == 403


async def test_a_staff_member_reads_their_own_total(client, world, token_for):
    await client.post(
        "/api/v1/training",
        json=training_form(world.users[Role.grid_worker].id, hours="2.5"),
        headers=bearer(token_for(Role.township_coordinator)),
    )
    response = await client.get("/api/v1/training", headers=bearer(token_for(Role.grid_worker)))
    body = response.json()
    assert set(body) == names(OwnTraining) == properties("OwnTraining")
    assert (body["year"], body["minutes"], body["target_minutes"]) == (2026, 150, 1200)


async def test_without_a_token_the_training_routes_answer_401(client, world):
    assert (await client.get("/api/v1/training")).status_code == 401
    assert (await client.post("/api/v1/training", json={})).status_code == 401
