"""Respite requests over /api/v1 (issue 5): the same services and permissions as the pages, errors as JSON beside
their field, and one family never reaching another's requests."""

from dataclasses import fields
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.api.routes_respite import RESPITE_FIELDS
from jingkang_app.domain.models import RespiteRequest, Role
from jingkang_app.domain.services import respite
from jingkang_app.domain.services.respite import QuotaView
from jingkang_app.domain.services.respite_queue import QueueRow
from jingkang_app.i18n.families_zh import FAMILIES_ZH
from tests.api.conftest import bearer
from tests.factories import make_family, make_recipient, respite_form

pytestmark = pytest.mark.anyio

TODAY = date(2026, 11, 23)  # the fake clock's local date


def days(start_offset: int, length: int) -> tuple[date, date]:
    start = TODAY + timedelta(days=start_offset)
    return start, start + timedelta(days=length - 1)


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def asked(session, world, recipient):
    """A pending request of the caregiver's family, made through the service."""

    def ask(start: date, end: date, who=recipient, **overrides) -> RespiteRequest:
        form = respite_form(who, start, end, **overrides)
        return respite.request_respite(session, world.actors[Role.social_worker], form).request

    return ask


def stored_count(fresh_session) -> int:
    with fresh_session() as check:
        return check.exec(select(func.count()).select_from(RespiteRequest)).one()


def step_url(request_id: int, step: str) -> str:
    return f"/api/v1/respite-requests/{request_id}/{step}"


# --- asking -----------------------------------------------------------------------------------------------


async def test_a_caregiver_asks_and_a_repeat_returns_the_stored_request_once(
    client, world, recipient, token_for, fresh_session
):
    form = respite_form(recipient, *days(7, 3))
    headers = bearer(token_for(Role.caregiver))
    first = await client.post("/api/v1/respite-requests", json=form, headers=headers)
    again = await client.post("/api/v1/respite-requests", json=form, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    body = first.json()
    assert set(body) == set(RESPITE_FIELDS)
    assert (body["status"], body["kind"], body["start_date"], body["version"]) == (
        "pending",
        "home",
        form["start_date"],
        1,
    )
    assert again.json() == body
    assert stored_count(fresh_session) == 1


@pytest.mark.parametrize(
    ("start", "end", "field", "key"),
    [
        (TODAY - timedelta(days=1), TODAY + timedelta(days=2), "start_date", "error.respite_start_in_past"),
        (TODAY + timedelta(days=5), TODAY + timedelta(days=4), "end_date", "error.respite_end_before_start"),
    ],
    ids=["start_in_past", "end_before_start"],
)
async def test_bad_dates_are_422_with_a_chinese_message_beside_the_field(
    client, recipient, token_for, fresh_session, start, end, field, key
):
    response = await client.post(
        "/api/v1/respite-requests",
        json=respite_form(recipient, start, end),
        headers=bearer(token_for(Role.caregiver)),
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {field: {"key": key, "message": FAMILIES_ZH[key]}}
    assert stored_count(fresh_session) == 0


async def test_asking_without_a_token_is_401(client, recipient):
    response = await client.post("/api/v1/respite-requests", json=respite_form(recipient, *days(7, 3)))
    assert response.status_code == 401


# --- reading ----------------------------------------------------------------------------------------------


async def test_the_family_sees_its_requests_with_the_days_used_and_left_this_year(
    client, session, world, recipient, asked, token_for
):
    first = asked(*days(7, 4))
    respite.approve(session, world.actors[Role.township_coordinator], first.id, {"version": 1})
    second = asked(*days(20, 3))
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/respite-requests", headers=bearer(token_for(Role.caregiver))
    )
    assert response.status_code == 200
    body = response.json()
    assert [(r["id"], r["status"]) for r in body["items"]] == [(second.id, "pending"), (first.id, "approved")]
    assert body["quota"] == {"year": 2026, "quota": 14, "used": 4, "left": 10}


async def test_a_caregiver_of_another_family_never_reaches_its_requests(
    client, session, world, recipient, asked, token_for
):
    other = make_recipient(session, world, name="王伟")
    theirs = asked(*days(7, 3), who=other)
    headers = bearer(token_for(Role.caregiver))

    listed = await client.get(f"/api/v1/recipients/{other.id}/respite-requests", headers=headers)
    cancelled = await client.post(step_url(theirs.id, "cancel"), json={"version": 1}, headers=headers)
    asked_for = await client.post(
        "/api/v1/respite-requests", json=respite_form(other, *days(20, 3)), headers=headers
    )
    own = await client.get(f"/api/v1/recipients/{recipient.id}/respite-requests", headers=headers)

    assert (listed.status_code, cancelled.status_code, asked_for.status_code) == (403, 403, 403)
    assert "王伟" not in listed.text and str(theirs.start_date) not in listed.text
    assert own.json()["items"] == []


async def test_the_queue_lists_pending_requests_oldest_first_with_waiting_time_and_pages(
    client, world, fake_clock, recipient, asked, token_for
):
    first = asked(*days(7, 3))
    fake_clock.advance(hours=5)
    second = asked(*days(20, 2))
    headers = bearer(token_for(Role.township_coordinator))

    whole = await client.get("/api/v1/respite-requests/queue", headers=headers)
    page = await client.get("/api/v1/respite-requests/queue?offset=1&limit=1", headers=headers)

    assert whole.status_code == 200
    rows = whole.json()["items"]
    assert [(r["id"], r["waiting_hours"], r["days"]) for r in rows] == [(first.id, 5, 3), (second.id, 0, 2)]
    assert rows[0]["recipient_name"] == recipient.name
    assert page.json() == {"items": [rows[1]], "total": 2}


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker])
async def test_the_queue_is_403_to_those_who_do_not_decide(client, token_for, role):
    response = await client.get("/api/v1/respite-requests/queue", headers=bearer(token_for(role)))
    assert response.status_code == 403


async def test_a_queue_page_that_is_not_a_number_is_400(client, token_for):
    response = await client.get(
        "/api/v1/respite-requests/queue?limit=ten", headers=bearer(token_for(Role.township_coordinator))
    )
    assert response.status_code == 400


# --- steps ------------------------------------------------------------------------------------------------


async def test_over_quota_approval_needs_a_reason_and_is_approved_with_one(
    client, asked, token_for, fresh_session
):
    request = asked(*days(7, 20))
    headers = bearer(token_for(Role.township_coordinator))

    refused = await client.post(step_url(request.id, "approve"), json={"version": 1}, headers=headers)
    approved = await client.post(
        step_url(request.id, "approve"),
        json={"version": 1, "reason": "家属住院手术，无人照护"},
        headers=headers,
    )

    assert refused.status_code == 422
    reason = refused.json()["fields"]["reason"]
    assert reason["key"] == "error.respite_over_quota_reason"
    assert reason["message"] == FAMILIES_ZH[reason["key"]].format(quota=14, over=6)
    assert approved.status_code == 200
    body = approved.json()
    assert (body["status"], body["over_quota"], body["decision_reason"], body["version"]) == (
        "approved",
        True,
        "家属住院手术，无人照护",
        2,
    )


async def test_a_step_out_of_order_is_the_services_422_beside_the_status(client, asked, token_for):
    request = asked(*days(7, 3))
    response = await client.post(
        step_url(request.id, "complete"),
        json={"version": 1},
        headers=bearer(token_for(Role.township_coordinator)),
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "status": {"key": "error.respite_illegal_step", "message": FAMILIES_ZH["error.respite_illegal_step"]}
    }


async def test_a_stale_version_is_409_and_names_what_changed(client, session, world, asked, token_for):
    request = asked(*days(7, 3))
    respite.approve(session, world.actors[Role.township_coordinator], request.id, {"version": 1})
    response = await client.post(
        step_url(request.id, "cancel"), json={"version": 1}, headers=bearer(token_for(Role.caregiver))
    )
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "error.stale_version"
    assert body["fields"]["version"]["key"] == "error.stale_version"
    assert {"status", "decision_reason", "over_quota"} <= set(body["changed"])


@pytest.mark.parametrize("role", [Role.grid_worker, Role.caregiver])
async def test_only_coordinators_approve(client, asked, token_for, role):
    request = asked(*days(7, 3))
    response = await client.post(
        step_url(request.id, "approve"), json={"version": 1}, headers=bearer(token_for(role))
    )
    assert response.status_code == 403


async def test_the_way_from_approval_to_rating(client, asked, token_for):
    request = asked(*days(0, 2))
    coordinator = bearer(token_for(Role.township_coordinator))
    caregiver = bearer(token_for(Role.caregiver))

    async def step(name: str, headers: dict, **data) -> dict:
        response = await client.post(step_url(request.id, name), json=data, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    version = (await step("approve", coordinator, version=1))["version"]
    version = (await step("arrange", coordinator, version=version, carer="王阿姨"))["version"]
    version = (await step("complete", coordinator, version=version))["version"]
    rated = await step("rate", caregiver, version=version, rating=5, comment="很好")
    assert (rated["status"], rated["carer"], rated["rating"], rated["comment"], rated["version"]) == (
        "rated",
        "王阿姨",
        5,
        "很好",
        5,
    )


async def test_the_caregiver_cancels_before_the_first_day(client, asked, token_for):
    request = asked(*days(7, 3))
    response = await client.post(
        step_url(request.id, "cancel"), json={"version": 1}, headers=bearer(token_for(Role.caregiver))
    )
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")


async def test_an_unknown_request_is_404(client, token_for):
    response = await client.post(
        step_url(999, "approve"), json={"version": 1}, headers=bearer(token_for(Role.township_coordinator))
    )
    assert response.status_code == 404


# --- the OpenAPI document -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("RespiteRequest", list(RESPITE_FIELDS)),
        ("RespiteQuota", [f.name for f in fields(QuotaView)]),
        ("RespiteQueueRow", [f.name for f in fields(QueueRow)]),
    ],
)
def test_respite_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == set(shape)
