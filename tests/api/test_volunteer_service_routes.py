"""Service records, points and certificates over /api/v1: the volunteer checks in and reads their own page, ledger
and certificates; coordinators verify, redeem and certify; a volunteer never verifies their own hours nor reads
another's ledger; anyone checks a certificate by its code, ID number masked."""

import uuid
from dataclasses import fields
from datetime import UTC, datetime

import pytest

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.models import Role
from jingkang_app.domain.services import auth
from jingkang_app.domain.services.certificates import CertificateView, PublicCertificate
from jingkang_app.domain.services.points import Ledger, LedgerLine
from jingkang_app.domain.services.service_records import ServiceRecordView
from jingkang_app.domain.services.volunteer_home import UpcomingShift, VolunteerHome
from tests.api.conftest import bearer
from tests.factories import PASSWORD, make_shift, make_sign_up, make_volunteer, user_with_role

pytestmark = pytest.mark.anyio


def local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world)


@pytest.fixture
def sign_up(session, world, volunteer):
    """On a shift 14:00–16:00 today (the fake clock is at 10:00)."""
    return make_sign_up(session, world, make_shift(session, world, local(14)), volunteer)


@pytest.fixture
def served(session, world, volunteer):
    """A sign-up on a shift 08:00–10:00 today, checked in and out on time, ready to verify (version 1)."""
    return make_sign_up(
        session,
        world,
        make_shift(session, world, local(8)),
        volunteer,
        "checked_out",
        check_in_at=local(8),
        check_out_at=local(10),
    )


def url(sign_up_id: int, step: str) -> str:
    return f"/api/v1/service-records/{sign_up_id}/{step}"


async def verify(client, token_for, sign_up_id: int, **form):
    headers = bearer(token_for(Role.township_coordinator))
    return await client.post(url(sign_up_id, "verify"), json={"version": 1} | form, headers=headers)


async def test_the_volunteer_checks_in_and_out_on_their_phone(client, token_for, fake_clock, sign_up):
    headers = bearer(token_for(Role.volunteer))
    fake_clock.current = local(13, 50)
    checked_in = await client.post(url(sign_up.id, "check-in"), json={}, headers=headers)
    fake_clock.current = local(16, 5)
    checked_out = await client.post(url(sign_up.id, "check-out"), json={}, headers=headers)
    assert (checked_in.status_code, checked_out.status_code) == (200, 200)
    body = checked_out.json()
    assert set(body) == {f.name for f in fields(ServiceRecordView)}
    assert (body["status"], body["proposed_minutes"], body["first_name"]) == ("checked_out", 135, "建国")


async def test_check_in_outside_the_window_is_a_422_beside_status(client, token_for, sign_up):
    response = await client.post(
        url(sign_up.id, "check-in"), json={}, headers=bearer(token_for(Role.volunteer))
    )
    assert response.status_code == 422
    assert response.json()["fields"]["status"]["key"] == "error.service_check_in_not_open"


async def test_another_volunteer_cannot_check_in_on_the_sign_up(client, session, world, fake_clock, sign_up):
    other = user_with_role(session, world, Role.volunteer, world.village_a)
    token = auth.login(session, other.phone, PASSWORD).token
    fake_clock.current = local(13, 50)
    response = await client.post(url(sign_up.id, "check-in"), json={}, headers=bearer(token))
    assert response.status_code == 403


async def test_a_coordinator_verifies_and_the_volunteer_is_refused(client, token_for, served):
    refused = await client.post(
        url(served.id, "verify"), json={"version": 1}, headers=bearer(token_for(Role.volunteer))
    )
    assert refused.status_code == 403
    response = await verify(client, token_for, served.id)
    assert response.status_code == 200
    assert (response.json()["verified_minutes"], response.json()["points"]) == (120, 20)
    again = await verify(client, token_for, served.id, version=2)
    assert (again.status_code, again.json()["fields"]["status"]["key"]) == (
        422,
        "error.service_already_verified",
    )


async def test_a_stale_version_is_a_409_naming_what_changed(client, token_for, fake_clock, sign_up):
    fake_clock.current = local(13, 50)
    await client.post(url(sign_up.id, "check-in"), json={}, headers=bearer(token_for(Role.volunteer)))
    fake_clock.current = local(17)
    form = {
        "version": 1,
        "check_in_at": "2026-11-23T14:00",
        "check_out_at": "2026-11-23T16:00",
        "reason": "补登",
    }
    response = await client.post(
        url(sign_up.id, "correct"), json=form, headers=bearer(token_for(Role.township_coordinator))
    )
    assert response.status_code == 409
    assert response.json()["changed"] == ["status", "check_in_at"]


async def test_the_review_list_is_for_coordinators(client, token_for, served):
    listed = await client.get(
        "/api/v1/service-records/review", headers=bearer(token_for(Role.township_coordinator))
    )
    assert [row["id"] for row in listed.json()["items"]] == [served.id]
    refused = await client.get("/api/v1/service-records/review", headers=bearer(token_for(Role.volunteer)))
    assert refused.status_code == 403


# --- points -----------------------------------------------------------------------------------------------


async def test_ledger_redemption_and_overdraw(client, token_for, volunteer, served):
    await verify(client, token_for, served.id)
    coordinator = bearer(token_for(Role.township_coordinator))
    form = {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "points": 15,
        "redemption": "毛巾一条",
    }
    redeemed = await client.post("/api/v1/points/redemptions", json=form, headers=coordinator)
    assert (redeemed.status_code, redeemed.json()["balance"]) == (201, 5)
    overdraw = form | {"client_id": str(uuid.uuid4()), "points": 6}
    refused = await client.post("/api/v1/points/redemptions", json=overdraw, headers=coordinator)
    assert (refused.status_code, refused.json()["fields"]["points"]["key"]) == (
        422,
        "error.points_insufficient",
    )
    ledger = await client.get(
        f"/api/v1/volunteers/{volunteer.id}/points", headers=bearer(token_for(Role.volunteer))
    )
    body = ledger.json()
    assert set(body) == {f.name for f in fields(Ledger)}
    assert set(body["lines"][0]) == {f.name for f in fields(LedgerLine)}
    assert [(line["source"], line["points"]) for line in body["lines"]] == [
        ("redemption", -15),
        ("shift", 20),
    ]
    assert body["lines"][1]["shift_id"] == served.shift_id


async def test_a_volunteer_cannot_read_another_volunteers_ledger_nor_redeem(
    client, session, world, token_for
):
    make_volunteer(session, world)
    other = make_volunteer(
        session, world, user_with_role(session, world, Role.volunteer, world.village_a), n=2
    )
    headers = bearer(token_for(Role.volunteer))
    ledger = await client.get(f"/api/v1/volunteers/{other.id}/points", headers=headers)
    form = {"client_id": str(uuid.uuid4()), "volunteer_id": other.id, "points": 1, "redemption": "笔"}
    redeemed = await client.post("/api/v1/points/redemptions", json=form, headers=headers)
    assert (ledger.status_code, redeemed.status_code) == (403, 403)


# --- certificates and the volunteer's page ------------------------------------------------------------------


async def test_a_certificate_is_issued_listed_and_checked_publicly_with_the_id_masked(
    client, token_for, volunteer, served
):
    await verify(client, token_for, served.id)
    form = {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "period_start": "2026-11-01",
        "period_end": "2026-11-23",
    }
    issued = await client.post(
        "/api/v1/certificates", json=form, headers=bearer(token_for(Role.township_coordinator))
    )
    assert issued.status_code == 201
    certificate = issued.json()
    assert set(certificate) == {f.name for f in fields(CertificateView)}
    assert (certificate["minutes"], certificate["shifts"], certificate["content"]) == (120, 1, "陪伴服务")
    mine = await client.get(
        f"/api/v1/volunteers/{volunteer.id}/certificates", headers=bearer(token_for(Role.volunteer))
    )
    assert [c["code"] for c in mine.json()["items"]] == [certificate["code"]]
    checked = await client.get(f"/api/v1/certificates/{certificate['code']}")  # no token
    assert checked.status_code == 200
    assert set(checked.json()) == {f.name for f in fields(PublicCertificate)}
    masked = volunteer.id_number[:4] + "*" * 10 + volunteer.id_number[-4:]
    assert (checked.json()["id_number"], checked.json()["volunteer_name"]) == (masked, "周志远")
    full = await client.get(
        f"/api/v1/volunteer-certificates/{certificate['id']}", headers=bearer(token_for(Role.volunteer))
    )
    assert full.json()["id_number"] == volunteer.id_number


async def test_an_unknown_certificate_code_is_a_404_without_a_token(client):
    response = await client.get("/api/v1/certificates/ABCDEFGHJKMN")
    assert (response.status_code, response.json()["error"]) == (404, "error.not_found")


async def test_a_volunteer_cannot_issue_a_certificate(client, token_for, volunteer, served):
    form = {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "period_start": "2026-11-01",
        "period_end": "2026-11-23",
    }
    response = await client.post("/api/v1/certificates", json=form, headers=bearer(token_for(Role.volunteer)))
    assert response.status_code == 403


async def test_the_volunteers_own_page(client, token_for, sign_up):
    response = await client.get("/api/v1/me/volunteering", headers=bearer(token_for(Role.volunteer)))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {f.name for f in fields(VolunteerHome)}
    assert set(body["upcoming"][0]) == {f.name for f in fields(UpcomingShift)}
    assert body["upcoming"][0]["sign_up_id"] == sign_up.id
    refused = await client.get("/api/v1/me/volunteering", headers=bearer(token_for(Role.social_worker)))
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("ServiceRecord", ServiceRecordView),
        ("PointsLine", LedgerLine),
        ("PointsLedger", Ledger),
        ("Certificate", CertificateView),
        ("PublicCertificate", PublicCertificate),
        ("VolunteerHome", VolunteerHome),
        ("VolunteerUpcomingShift", UpcomingShift),
    ],
)
async def test_documented_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == {f.name for f in fields(shape)}
