"""Referrals over /api/v1 (issue 7): filing (201 new, 200 repeat), the scoped list with its late filter, the
detail with the handover pack only for the receiving side, steps with versions, and the refusals as JSON."""

from dataclasses import fields
from datetime import UTC, date, datetime

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.api.routes_referrals import REFERRAL_FIELDS
from jingkang_app.domain.models import Referral, Role
from jingkang_app.domain.services import referrals
from jingkang_app.domain.services.referral_queue import ReferralRow
from jingkang_app.domain.services.referral_views import ReferralDetail, StepView
from jingkang_app.i18n.referrals_zh import REFERRALS_ZH
from tests.api.conftest import bearer
from tests.factories import make_recipient, make_recipient_registered_on, referral_form, take_referral_step

pytestmark = pytest.mark.anyio


@pytest.fixture
def recipient(session, world):
    return make_recipient(session, world)


def filed(session, world, recipient, **overrides) -> Referral:
    form = referral_form(recipient, **overrides)
    return referrals.create_referral(session, world.actors[Role.grid_worker], form).referral


def stored_count(fresh_session) -> int:
    with fresh_session() as check:
        return check.exec(select(func.count()).select_from(Referral)).one()


# --- filing ------------------------------------------------------------------------------------------------


async def test_filing_is_201_and_a_repeat_is_200_with_the_same_referral(
    client, recipient, token_for, fresh_session
):
    form = referral_form(recipient)
    headers = bearer(token_for(Role.grid_worker))
    first = await client.post("/api/v1/referrals", json=form, headers=headers)
    again = await client.post("/api/v1/referrals", json=form, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    body = first.json()
    assert set(body) == set(REFERRAL_FIELDS)
    assert (body["status"], body["kind"], body["applied_on"], body["register_by"], body["version"]) == (
        "applied",
        "rehab",
        "2026-11-23",
        "2026-11-30",
        2,
    )
    assert again.json() == body
    assert stored_count(fresh_session) == 1


async def test_a_route_the_role_may_not_file_on_is_422_beside_the_field(
    client, recipient, token_for, fresh_session
):
    response = await client.post(
        "/api/v1/referrals",
        json=referral_form(recipient, route="medical"),
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 422
    key = "error.referral_route_not_allowed"
    assert response.json()["fields"] == {"route": {"key": key, "message": REFERRALS_ZH[key]}}
    assert stored_count(fresh_session) == 0


async def test_filing_for_a_recipient_out_of_reach_is_403(client, session, world, token_for):
    elsewhere = make_recipient(session, world, world.village_b)
    response = await client.post(
        "/api/v1/referrals", json=referral_form(elsewhere), headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 403


async def test_filing_for_an_unknown_recipient_is_404(client, recipient, token_for):
    form = referral_form(recipient) | {"recipient_id": 99999}
    response = await client.post("/api/v1/referrals", json=form, headers=bearer(token_for(Role.grid_worker)))
    assert response.status_code == 404


async def test_filing_without_a_token_is_401(client, recipient):
    response = await client.post("/api/v1/referrals", json=referral_form(recipient))
    assert response.status_code == 401


# --- steps -------------------------------------------------------------------------------------------------


async def test_a_step_moves_the_referral_on_and_a_stale_one_is_409_with_what_changed(
    client, session, world, recipient, token_for
):
    referral = filed(session, world, recipient)
    headers = bearer(token_for(Role.township_coordinator))
    url = f"/api/v1/referrals/{referral.id}/steps"
    registered = await client.post(url, json={"step": "register", "version": 2}, headers=headers)
    stale = await client.post(url, json={"step": "refer", "version": 2}, headers=headers)
    assert registered.status_code == 200
    assert (
        registered.json()["status"],
        registered.json()["registered_on"],
        registered.json()["version"],
    ) == (
        "registered",
        "2026-11-23",
        3,
    )
    assert stale.status_code == 409
    assert "status" in stale.json()["changed"]


async def test_a_step_the_role_may_not_take_is_403(client, session, world, recipient, token_for):
    referral = filed(session, world, recipient)
    response = await client.post(
        f"/api/v1/referrals/{referral.id}/steps",
        json={"step": "register", "version": referral.version},
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 403


async def test_an_illegal_step_is_422_naming_the_status(client, session, world, recipient, token_for):
    referral = filed(session, world, recipient)
    response = await client.post(
        f"/api/v1/referrals/{referral.id}/steps",
        json={"step": "acknowledge", "version": referral.version},
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 422
    error = response.json()["fields"]["step"]
    assert (error["key"], "已申请" in error["message"]) == ("error.referral_illegal_step.applied", True)


async def test_returning_without_a_reason_is_422_beside_the_reason(
    client, session, world, recipient, token_for
):
    referral = filed(session, world, recipient)
    response = await client.post(
        f"/api/v1/referrals/{referral.id}/steps",
        json={"step": "return", "version": referral.version},
        headers=bearer(token_for(Role.township_coordinator)),
    )
    assert response.status_code == 422
    assert response.json()["fields"]["reason"]["key"] == "error.referral_return_reason"


async def test_a_step_on_an_unknown_referral_is_404(client, token_for):
    response = await client.post(
        "/api/v1/referrals/99999/steps",
        json={"step": "register", "version": 1},
        headers=bearer(token_for(Role.county_coordinator)),
    )
    assert response.status_code == 404


# --- reading ------------------------------------------------------------------------------------------------


async def test_the_receiving_social_worker_reads_the_handover_pack_and_the_grid_worker_does_not(
    client, session, world, recipient, token_for
):
    referral = filed(session, world, recipient)
    coordinator = world.actors[Role.township_coordinator]
    referral = take_referral_step(session, coordinator, referral, "register")
    referral = take_referral_step(session, coordinator, referral, "refer")
    url = f"/api/v1/referrals/{referral.id}"
    receiving = await client.get(url, headers=bearer(token_for(Role.social_worker)))
    applying = await client.get(url, headers=bearer(token_for(Role.grid_worker)))
    assert (receiving.status_code, applying.status_code) == (200, 200)
    assert receiving.json()["handover"]["summary"]["name"] == recipient.name
    assert receiving.json()["next_steps"] == ["acknowledge", "return"]
    assert applying.json()["handover"] is None
    assert [s["step"] for s in applying.json()["history"]] == ["apply", "register", "refer"]


async def test_a_referral_out_of_reach_is_403_and_an_unknown_one_404(client, session, world, token_for):
    form = referral_form(make_recipient(session, world, world.village_b))
    elsewhere = referrals.create_referral(session, world.actors[Role.county_coordinator], form).referral
    headers = bearer(token_for(Role.township_coordinator))
    other = await client.get(f"/api/v1/referrals/{elsewhere.id}", headers=headers)
    missing = await client.get("/api/v1/referrals/99999", headers=headers)
    assert (other.status_code, missing.status_code) == (403, 404)


async def test_the_list_flags_late_applications_and_filters_them(
    client, session, world, fake_clock, token_for
):
    recipient = make_recipient_registered_on(session, world, date(2026, 11, 2))
    late = filed(session, world, recipient, applied_on="2026-11-20")  # due Friday 27 Nov
    on_time = filed(session, world, recipient)  # due Monday 30 Nov
    fake_clock.current = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    headers = bearer(token_for(Role.township_coordinator))
    whole = await client.get("/api/v1/referrals", headers=headers)
    only_late = await client.get("/api/v1/referrals?late=true", headers=headers)
    assert whole.status_code == 200
    assert {r["id"]: (r["late"], r["late_step"]) for r in whole.json()["items"]} == {
        late.id: (True, "register"),
        on_time.id: (False, None),
    }
    assert [(r["id"]) for r in only_late.json()["items"]] == [late.id]
    assert only_late.json()["total"] == 1


async def test_the_list_filters_by_kind_status_and_pages(client, session, world, recipient, token_for):
    rehab = filed(session, world, recipient)
    up_form = referral_form(recipient, "hospital_up", receiver="县精神卫生中心")
    up = referrals.create_referral(session, world.actors[Role.community_doctor], up_form).referral
    headers = bearer(token_for(Role.county_coordinator))
    by_kind = await client.get("/api/v1/referrals?kind=hospital_up", headers=headers)
    by_status = await client.get("/api/v1/referrals?status=applied", headers=headers)
    page = await client.get("/api/v1/referrals?offset=1&limit=1", headers=headers)
    assert [r["id"] for r in by_kind.json()["items"]] == [up.id]
    assert [r["id"] for r in by_status.json()["items"]] == [rehab.id]
    assert ([r["id"] for r in page.json()["items"]], page.json()["total"]) == ([rehab.id], 2)


@pytest.mark.parametrize(
    ("query", "status"),
    [("kind=bus", 422), ("late=maybe", 400), ("limit=ten", 400), ("area_id=99999", 404)],
)
async def test_bad_list_parameters_are_refused(client, token_for, query, status):
    response = await client.get(
        f"/api/v1/referrals?{query}", headers=bearer(token_for(Role.county_coordinator))
    )
    assert response.status_code == status


async def test_the_list_is_403_to_an_administrator(client, token_for):
    response = await client.get("/api/v1/referrals", headers=bearer(token_for(Role.admin)))
    assert response.status_code == 403


# --- the OpenAPI document -----------------------------------------------------------------------------------


def test_the_referral_routes_are_described():
    paths = OPENAPI["paths"]
    assert set(paths["/api/v1/referrals"]) == {"get", "post"}
    assert set(paths["/api/v1/referrals/{id}"]) == {"get"}
    assert set(paths["/api/v1/referrals/{id}/steps"]) == {"post"}


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("Referral", list(REFERRAL_FIELDS)),
        ("ReferralRow", [f.name for f in fields(ReferralRow)]),
        ("ReferralDetail", [f.name for f in fields(ReferralDetail)]),
        ("ReferralHistoryStep", [f.name for f in fields(StepView)]),
    ],
)
def test_the_referral_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == set(shape)
