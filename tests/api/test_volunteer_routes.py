"""The volunteer registry, shifts, sign-ups and transport over /api/v1: public registration and approval, one-tap
shifts, the least view in JSON, seats and the cancel window, the scope of coordinators, and the documented schemas
matching what the routes return."""

import uuid
from dataclasses import fields
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.models import Role, VolunteerShift
from jingkang_app.domain.services import auth
from jingkang_app.domain.services.shift_offers import MySignUp, VolunteerShiftView
from jingkang_app.domain.services.shift_sign_ups import SignUpView
from jingkang_app.domain.services.shift_views import RosterRow, ShiftView
from jingkang_app.domain.services.transport import TransportView
from jingkang_app.domain.services.volunteer_matching import MatchRow
from jingkang_app.domain.services.volunteer_views import VolunteerView
from tests.api.conftest import bearer
from tests.factories import (
    PASSWORD,
    approved_respite,
    make_family,
    make_volunteer,
    shift_form,
    user_with_role,
    volunteer_form,
)

pytestmark = pytest.mark.anyio

TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL_TZ)
RECIPIENT_DATA = ("recipient", "diagnosis", "risk", "id_number", "address", "respite_request", "张建国", "张")


def names(dataclass) -> set[str]:
    return {f.name for f in fields(dataclass)}


@pytest.fixture
def coordinator(token_for):
    return bearer(token_for(Role.township_coordinator))


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world, insured_until=date(2027, 6, 30), trainings=["respite_care"])


async def new_shift(client, world, headers, **overrides) -> dict:
    form = shift_form(TUESDAY_9, area_id=world.village_a.id, **overrides)
    response = await client.post("/api/v1/shifts", json=form, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


# --- registration -----------------------------------------------------------------------------------------


async def test_registration_needs_no_login_and_the_approved_account_logs_in_as_a_volunteer(
    client, world, coordinator
):
    areas = await client.get("/api/v1/volunteer-registration/areas")
    assert {"id": world.village_a.id, "label": "城关镇 / 南塘村"} in areas.json()["items"]
    form = volunteer_form(world.village_a)
    registered = await client.post("/api/v1/volunteer-registration", json=form)
    again = await client.post("/api/v1/volunteer-registration", json=form)
    assert (registered.status_code, again.status_code) == (201, 201)
    body = registered.json()
    assert "recipient_id" not in body and body["status"] == "pending" and again.json()["id"] == body["id"]
    approved = await client.post(
        f"/api/v1/volunteers/{body['id']}/approve", json={"version": 1}, headers=coordinator
    )
    assert approved.status_code == 200 and approved.json()["volunteer_no"] == f"ZY-330127-{body['id']:06d}"
    login = await client.post("/api/v1/auth/login", json={"phone": form["phone"], "password": PASSWORD})
    assert login.json()["user"]["roles"] == ["volunteer"]
    profile = await client.get("/api/v1/me/volunteer-profile", headers=bearer(login.json()["token"]))
    assert set(profile.json()) == names(VolunteerView) - {"recipient_id"}


async def test_a_phone_already_registered_is_refused_in_the_users_language(client, world):
    form = volunteer_form(world.village_a, phone=world.users[Role.grid_worker].phone)
    response = await client.post(
        "/api/v1/volunteer-registration", json=form, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert response.json()["fields"]["phone"]["message"].startswith(
        "This mobile number is already registered"
    )


async def test_a_coordinator_outside_the_area_is_refused(session, client, world):
    registered = (
        await client.post("/api/v1/volunteer-registration", json=volunteer_form(world.village_a))
    ).json()
    other = user_with_role(session, world, Role.township_coordinator, world.township_b)
    headers = bearer(auth.login(session, other.phone, PASSWORD).token)
    refused = await client.post(
        f"/api/v1/volunteers/{registered['id']}/approve", json={"version": 1}, headers=headers
    )
    assert refused.status_code == 403
    listed = await client.get("/api/v1/volunteers", headers=headers)
    assert listed.json() == {"items": [], "total": 0}


async def test_a_stale_step_answers_409_naming_what_changed(client, world, coordinator):
    registered = (
        await client.post("/api/v1/volunteer-registration", json=volunteer_form(world.village_a))
    ).json()
    await client.post(
        f"/api/v1/volunteers/{registered['id']}/approve", json={"version": 1}, headers=coordinator
    )
    stale = await client.post(
        f"/api/v1/volunteers/{registered['id']}/pause",
        json={"version": 1, "reason": "外出"},
        headers=coordinator,
    )
    assert stale.status_code == 409 and stale.json()["changed"] == ["status", "volunteer_no"]


# --- shifts and the least view ----------------------------------------------------------------------------


async def test_one_tap_from_a_respite_request_and_the_volunteers_json_has_no_recipient_data(
    session, client, world, coordinator, volunteer, token_for
):
    request = approved_respite(session, world, date(2026, 12, 1), date(2026, 12, 2))
    response = await client.post(
        "/api/v1/shifts/from-respite",
        json={"client_id": str(uuid.uuid4()), "respite_request_id": request.id},
        headers=coordinator,
    )
    assert response.status_code == 201
    shift = response.json()
    assert set(shift) == names(ShiftView)
    assert (shift["kind"], shift["first_name"], shift["source"]) == ("respite", "建国", "respite")
    offered = await client.get("/api/v1/me/volunteer-shifts", headers=bearer(token_for(Role.volunteer)))
    [item] = offered.json()["items"]
    assert set(item) == names(VolunteerShiftView)
    text = offered.text
    assert not [word for word in RECIPIENT_DATA if word in text]
    assert not {"source", "source_id", "respite_request_id", "recipient_id"} & set(item)


async def test_a_shift_is_never_over_booked_over_the_api(
    session, client, world, coordinator, volunteer, token_for, fresh_session
):
    shift = await new_shift(client, world, coordinator, capacity=1)
    first = await client.post(
        f"/api/v1/shifts/{shift['id']}/sign-ups",
        json={"client_id": str(uuid.uuid4())},
        headers=bearer(token_for(Role.volunteer)),
    )
    assert first.status_code == 201 and set(first.json()) == names(SignUpView) | {"weekly"}
    user = user_with_role(session, world, Role.volunteer, world.village_a, 1)
    make_volunteer(session, world, user, n=2)
    second = await client.post(
        f"/api/v1/shifts/{shift['id']}/sign-ups",
        json={"client_id": str(uuid.uuid4())},
        headers=bearer(auth.login(session, user.phone, PASSWORD).token),
    )
    assert second.status_code == 422 and second.json()["fields"]["status"]["key"] == "error.shift_full"
    with fresh_session() as check:
        assert check.exec(select(func.sum(VolunteerShift.seats_taken))).one() == 1


async def test_the_cancel_window_is_kept_and_the_coordinator_sees_the_roster(
    client, world, coordinator, volunteer, token_for, fake_clock
):
    shift = await new_shift(client, world, coordinator)
    headers = bearer(token_for(Role.volunteer))
    signed = (
        await client.post(
            f"/api/v1/shifts/{shift['id']}/sign-ups", json={"client_id": str(uuid.uuid4())}, headers=headers
        )
    ).json()
    detail = await client.get(f"/api/v1/shifts/{shift['id']}", headers=coordinator)
    [row] = detail.json()["roster"]
    assert set(row) == names(RosterRow) and row["phone"].count("*") == 4
    fake_clock.current = TUESDAY_9 - timedelta(hours=11)
    headers = bearer(token_for(Role.volunteer))  # a week later: logged in again
    late = await client.post(
        f"/api/v1/shift-sign-ups/{signed['id']}/cancel", json={"version": signed["version"]}, headers=headers
    )
    assert late.status_code == 422 and late.json()["fields"]["status"]["key"] == "error.shift_cancel_too_late"


async def test_matches_invitation_and_the_weekly_warning(client, world, coordinator, volunteer, token_for):
    tuesday = await new_shift(client, world, coordinator, hours=12)
    matches = await client.get(f"/api/v1/shifts/{tuesday['id']}/matches", headers=coordinator)
    [match] = matches.json()["items"]
    assert set(match) == names(MatchRow) and match["volunteer_id"] == volunteer.id
    headers = bearer(token_for(Role.volunteer))
    await client.post(
        f"/api/v1/shifts/{tuesday['id']}/sign-ups", json={"client_id": str(uuid.uuid4())}, headers=headers
    )
    form = shift_form(TUESDAY_9 + timedelta(days=1), area_id=world.village_a.id)
    wednesday = (await client.post("/api/v1/shifts", json=form, headers=coordinator)).json()
    invited = await client.post(
        f"/api/v1/shifts/{wednesday['id']}/invitations",
        json={"client_id": str(uuid.uuid4()), "volunteer_id": volunteer.id},
        headers=coordinator,
    )
    assert invited.status_code == 201
    assert invited.json()["status"] == "invited"
    assert invited.json()["weekly"] == {"planned": 12, "with_shift": 14, "cap": 12, "over": True}
    offered = await client.get("/api/v1/me/volunteer-shifts", headers=headers)
    mine = {item["id"]: item["mine"] for item in offered.json()["items"]}
    assert set(mine[wednesday["id"]]) == names(MySignUp) and mine[wednesday["id"]]["status"] == "invited"
    accepted = await client.post(
        f"/api/v1/shift-sign-ups/{invited.json()['id']}/accept", json={"version": 1}, headers=headers
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "signed_up"


# --- transport --------------------------------------------------------------------------------------------


async def test_a_family_asks_for_a_ride_and_the_coordinator_fills_it(
    session, client, world, coordinator, token_for
):
    recipient = make_family(session, world)
    form = {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient.id,
        "pickup": "南塘村村委会门口",
        "destination": "城关镇精康融合服务站",
        "wanted_at": "2026-12-01T08:30",
    }
    family = bearer(token_for(Role.caregiver))
    asked = await client.post("/api/v1/transport-requests", json=form, headers=family)
    assert asked.status_code == 201 and set(asked.json()) == names(TransportView)
    queue = await client.get("/api/v1/transport-requests/queue", headers=coordinator)
    assert queue.json()["total"] == 1
    filled = await client.post(
        f"/api/v1/transport-requests/{asked.json()['id']}/fill",
        json={"client_id": str(uuid.uuid4()), "version": 1},
        headers=coordinator,
    )
    assert filled.status_code == 200
    assert (filled.json()["request"]["status"], filled.json()["shift"]["kind"]) == ("filled", "transport")
    mine = await client.get(f"/api/v1/recipients/{recipient.id}/transport-requests", headers=family)
    assert mine.json()["items"][0]["status"] == "filled"
    refused = await client.get("/api/v1/transport-requests/queue", headers=family)
    assert refused.status_code == 403


# --- the documented schemas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("Volunteer", names(VolunteerView)),
        ("VolunteerProfile", names(VolunteerView) - {"recipient_id"}),
        ("Shift", names(ShiftView)),
        ("ShiftDetail", names(ShiftView) | {"roster"}),
        ("RosterRow", names(RosterRow)),
        ("OfferedShift", names(VolunteerShiftView)),
        ("MySignUp", names(MySignUp)),
        ("ShiftSignUp", names(SignUpView)),
        ("ShiftSignUpSaved", names(SignUpView) | {"weekly"}),
        ("Match", names(MatchRow)),
        ("Transport", names(TransportView)),
    ],
)
async def test_documented_schemas_match_what_the_routes_return(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == shape
