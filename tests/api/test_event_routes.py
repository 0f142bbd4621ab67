"""Training and mutual-aid events over /api/v1 (DOMAIN.md §3.10): the same services and permissions as the pages,
errors as JSON beside their field, the waiting list, and a family never receiving another family's names."""

import uuid
from dataclasses import fields
from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.models import EventSignUp, FamilyEvent, Notification, Role
from jingkang_app.domain.services import auth, events
from jingkang_app.domain.services.event_views import EventView, SignUpView
from jingkang_app.i18n.events_zh import EVENTS_ZH
from tests.api.conftest import bearer
from tests.factories import PASSWORD, event_form, make_family, make_recipient, other_family, user_with_role

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 11, 23, 10, 0)  # the fake clock, in local (Shanghai) time
EVENT_FIELDS = {f.name for f in fields(EventView)}


def at(days: int, hour: int = 14) -> datetime:
    return NOW.replace(hour=hour) + timedelta(days=days)


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def event(session, world):
    """A training of township A next week with one seat, published through the service."""
    form = event_form(at(7), at(7, 16), capacity=1)
    return events.publish_event(session, world.actors[Role.social_worker], form).event


@pytest.fixture
def neighbour(session, world):
    """Another family of village A, its caregiver, and that caregiver's bearer headers."""
    family, guardian = other_family(session, world)
    return family, guardian, bearer(auth.login(session, guardian.phone, PASSWORD).token)


def sign_up_form(recipient, **overrides) -> dict:
    return {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id} | overrides


def count(fresh_session, model) -> int:
    with fresh_session() as check:
        return check.exec(select(func.count()).select_from(model)).one()


# --- publishing -------------------------------------------------------------------------------------------


async def test_an_organiser_publishes_and_a_repeat_returns_the_stored_event_once(
    client, token_for, fresh_session
):
    form = event_form(at(7), at(7, 16), kind="mutual_aid", title="家属互助小组第三期")
    headers = bearer(token_for(Role.township_coordinator))
    first = await client.post("/api/v1/events", json=form, headers=headers)
    again = await client.post("/api/v1/events", json=form, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    body = first.json()
    assert set(body) == EVENT_FIELDS
    assert (body["kind"], body["starts_at"], body["seats_left"], body["organiser"], body["version"]) == (
        "mutual_aid",
        "2026-11-30T06:00:00+00:00",
        20,
        True,
        1,
    )
    assert again.json() == body
    assert count(fresh_session, FamilyEvent) == 1


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field", "key"),
    [
        (at(0, 8), at(0, 9), "starts_at", "error.event_start_in_past"),
        (at(3, 15), at(3, 9), "ends_at", "error.event_end_before_start"),
    ],
    ids=["start_in_past", "end_before_start"],
)
async def test_bad_times_are_422_with_a_chinese_message_beside_the_field(
    client, token_for, fresh_session, starts_at, ends_at, field, key
):
    response = await client.post(
        "/api/v1/events",
        json=event_form(starts_at, ends_at),
        headers=bearer(token_for(Role.social_worker)),
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {field: {"key": key, "message": EVENTS_ZH[key]}}
    assert count(fresh_session, FamilyEvent) == 0


async def test_publishing_without_a_token_is_401(client):
    response = await client.post("/api/v1/events", json=event_form(at(7), at(7, 16)))
    assert response.status_code == 401


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker])
async def test_publishing_is_403_to_those_who_do_not_organise(client, token_for, role):
    response = await client.post(
        "/api/v1/events", json=event_form(at(7), at(7, 16)), headers=bearer(token_for(role))
    )
    assert response.status_code == 403


# --- signing up -------------------------------------------------------------------------------------------


async def test_a_caregiver_sees_the_event_signs_up_once_and_is_refused_a_second_time(
    client, recipient, event, token_for, fresh_session
):
    headers = bearer(token_for(Role.caregiver))
    listed = await client.get(f"/api/v1/events?recipient_id={recipient.id}", headers=headers)
    assert [(e["id"], e["seats_left"], e["mine"]) for e in listed.json()["items"]] == [(event.id, 1, None)]

    form = sign_up_form(recipient)
    first = await client.post(f"/api/v1/events/{event.id}/sign-ups", json=form, headers=headers)
    again = await client.post(f"/api/v1/events/{event.id}/sign-ups", json=form, headers=headers)
    second = await client.post(
        f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(recipient), headers=headers
    )

    assert (first.status_code, again.status_code, second.status_code) == (201, 201, 422)
    assert set(first.json()) == {f.name for f in fields(SignUpView)}
    assert (first.json()["status"], again.json()) == ("signed_up", first.json())
    assert second.json()["fields"]["status"]["message"] == EVENTS_ZH["error.event_already_signed_up"]
    assert count(fresh_session, EventSignUp) == 1


async def test_a_full_event_is_refused_or_waited_for_and_a_cancel_promotes_the_first_waiting(
    client, session, world, recipient, event, neighbour, token_for, fresh_session
):
    caregiver = bearer(token_for(Role.caregiver))
    seated = (
        await client.post(
            f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(recipient), headers=caregiver
        )
    ).json()
    family, guardian, headers = neighbour

    refused = await client.post(
        f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(family), headers=headers
    )
    waiting = await client.post(
        f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(family, waitlist=True), headers=headers
    )
    cancelled = await client.post(
        f"/api/v1/event-sign-ups/{seated['id']}/cancel",
        json={"version": seated["version"]},
        headers=caregiver,
    )
    mine = (await client.get(f"/api/v1/events/{event.id}", headers=headers)).json()["mine"]

    assert refused.status_code == 422
    assert refused.json()["fields"] == {
        "waitlist": {"key": "error.event_full", "message": EVENTS_ZH["error.event_full"].format(capacity=1)}
    }
    assert (waiting.status_code, waiting.json()["status"], waiting.json()["position"]) == (201, "waiting", 1)
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert (mine["id"], mine["status"], mine["position"]) == (waiting.json()["id"], "signed_up", None)
    with fresh_session() as check:
        kinds = check.exec(select(Notification.kind).where(Notification.user_id == guardian.id)).all()
    assert kinds == ["event_promoted"]


async def test_a_caregiver_gets_counts_but_never_the_roster(
    client, session, world, recipient, event, neighbour, token_for
):
    family, _, headers = neighbour
    await client.post(f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(family), headers=headers)

    theirs = await client.get(f"/api/v1/events/{event.id}", headers=bearer(token_for(Role.caregiver)))
    organisers = await client.get(f"/api/v1/events/{event.id}", headers=bearer(token_for(Role.social_worker)))

    assert theirs.status_code == 200
    body = theirs.json()
    assert (body["roster"], body["signed_up"], body["seats_left"], body["mine"]) == (None, 1, 0, None)
    assert family.name not in theirs.text and "王家属" not in theirs.text
    assert [(r["recipient_name"], r["caregiver_name"]) for r in organisers.json()["roster"]] == [
        (family.name, "王家属")
    ]


async def test_a_caregiver_cannot_sign_up_a_family_that_is_not_theirs(
    client, session, world, recipient, event, token_for, fresh_session
):
    stranger = make_recipient(session, world, name="赵强")
    response = await client.post(
        f"/api/v1/events/{event.id}/sign-ups",
        json=sign_up_form(stranger),
        headers=bearer(token_for(Role.caregiver)),
    )
    assert response.status_code == 403 and "赵强" not in response.text
    assert count(fresh_session, EventSignUp) == 0


async def test_a_caregiver_cannot_cancel_another_familys_sign_up(
    client, session, recipient, event, neighbour, token_for
):
    family, _, headers = neighbour
    theirs = (
        await client.post(f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(family), headers=headers)
    ).json()
    response = await client.post(
        f"/api/v1/event-sign-ups/{theirs['id']}/cancel",
        json={"version": 1},
        headers=bearer(token_for(Role.caregiver)),
    )
    assert response.status_code == 403


# --- organisers -------------------------------------------------------------------------------------------


async def test_an_organiser_of_another_township_can_neither_see_nor_change_the_event(
    client, session, world, event
):
    outsider = user_with_role(session, world, Role.social_worker, world.township_b)
    headers = bearer(auth.login(session, outsider.phone, PASSWORD).token)

    listed = await client.get("/api/v1/events", headers=headers)
    detail = await client.get(f"/api/v1/events/{event.id}", headers=headers)
    changed = await client.post(
        f"/api/v1/events/{event.id}/update", json=event_form(at(8), at(8, 16), version=1), headers=headers
    )
    cancelled = await client.post(
        f"/api/v1/events/{event.id}/cancel", json={"version": 1, "reason": "不办了"}, headers=headers
    )

    assert listed.json() == {"items": []}
    assert (detail.status_code, changed.status_code, cancelled.status_code) == (403, 403, 403)


async def test_a_stale_version_is_409_and_names_what_changed(client, session, world, event, token_for):
    events.update_event(
        session,
        world.actors[Role.social_worker],
        event.id,
        event_form(at(7), at(7, 16), place="村委会活动室", capacity=1, version=1),
    )
    response = await client.post(
        f"/api/v1/events/{event.id}/cancel",
        json={"version": 1, "reason": "重复发布"},
        headers=bearer(token_for(Role.township_coordinator)),
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["error"], body["changed"]) == ("error.stale_version", ["place"])


async def test_attendance_only_after_the_start_and_only_by_the_organiser(
    client, session, fake_clock, recipient, event, token_for
):
    caregiver = bearer(token_for(Role.caregiver))
    seated = (
        await client.post(
            f"/api/v1/events/{event.id}/sign-ups", json=sign_up_form(recipient), headers=caregiver
        )
    ).json()
    organiser = bearer(token_for(Role.social_worker))
    form = {"version": 1, "attendance": [{"sign_up_id": seated["id"], "attended": True}]}

    early = await client.post(f"/api/v1/events/{event.id}/attendance", json=form, headers=organiser)
    fake_clock.advance(days=7, hours=5)  # a week on: log in afresh
    caregiver, organiser = bearer(token_for(Role.caregiver)), bearer(token_for(Role.social_worker))
    by_family = await client.post(f"/api/v1/events/{event.id}/attendance", json=form, headers=caregiver)
    taken = await client.post(f"/api/v1/events/{event.id}/attendance", json=form, headers=organiser)

    assert early.status_code == 422
    assert early.json()["fields"]["status"]["message"] == EVENTS_ZH["error.event_not_started"]
    assert by_family.status_code == 403
    assert taken.status_code == 200
    body = taken.json()
    assert (body["version"], [(r["id"], r["attended"]) for r in body["roster"]]) == (
        2,
        [(seated["id"], True)],
    )


async def test_an_unknown_event_is_404(client, token_for):
    response = await client.get("/api/v1/events/999", headers=bearer(token_for(Role.social_worker)))
    assert response.status_code == 404


async def test_a_recipient_id_that_is_not_a_number_is_400(client, token_for):
    response = await client.get("/api/v1/events?recipient_id=abc", headers=bearer(token_for(Role.caregiver)))
    assert response.status_code == 400


# --- the OpenAPI document -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("Event", EVENT_FIELDS),
        ("EventDetail", EVENT_FIELDS | {"roster"}),
        ("SignUp", {f.name for f in fields(SignUpView)}),
    ],
)
def test_event_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == shape
