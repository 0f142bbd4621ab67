"""Guardian subsidy over /api/v1 (监护补贴): the same services and permissions as the pages, errors as JSON beside
their field in Chinese, creates stored once per client id, and one family never reaching another's applications."""

import uuid
from dataclasses import fields
from datetime import UTC, date, datetime, time

import pytest
from sqlmodel import func, select

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.api.routes_subsidy import CHECK_FIELDS, PAYMENT_FIELDS, SUBSIDY_FIELDS
from jingkang_app.domain.models import GuardianSubsidy, Role, SubsidyCheck, SubsidyPayment
from jingkang_app.domain.services import auth, subsidy, subsidy_year
from jingkang_app.domain.services.subsidy_queue import QueueRow
from jingkang_app.i18n.subsidy_zh import SUBSIDY_ZH
from tests.api.conftest import bearer
from tests.factories import PASSWORD, make_family, other_family, subsidy_check_form

pytestmark = pytest.mark.anyio


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def applied(session, world, recipient):
    """An application of the caregiver's family, made through the service."""

    def apply(**overrides) -> GuardianSubsidy:
        form = {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id} | overrides
        return subsidy.apply(session, world.actor(session, Role.caregiver), form).subsidy

    return apply


def stored_count(fresh_session, model) -> int:
    with fresh_session() as check:
        return check.exec(select(func.count()).select_from(model)).one()


def url(application_id: int, step: str) -> str:
    return f"/api/v1/guardian-subsidies/{application_id}/{step}"


def apply_url(recipient_id: int) -> str:
    return f"/api/v1/recipients/{recipient_id}/guardian-subsidies"


# --- applying ---------------------------------------------------------------------------------------------


async def test_the_guardian_applies_and_a_repeat_returns_the_stored_application_once(
    client, recipient, token_for, fresh_session
):
    form = {"client_id": str(uuid.uuid4()), "year": 2026}
    headers = bearer(token_for(Role.caregiver))
    first = await client.post(apply_url(recipient.id), json=form, headers=headers)
    again = await client.post(apply_url(recipient.id), json=form, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    body = first.json()
    assert set(body) == set(SUBSIDY_FIELDS)
    assert (body["status"], body["year"], body["recipient_id"], body["version"]) == (
        "pending",
        2026,
        recipient.id,
        1,
    )
    assert again.json() == body
    assert stored_count(fresh_session, GuardianSubsidy) == 1


async def test_a_second_application_for_the_year_is_422_with_a_chinese_message(
    client, recipient, applied, token_for, fresh_session
):
    applied()
    response = await client.post(
        apply_url(recipient.id),
        json={"client_id": str(uuid.uuid4())},
        headers=bearer(token_for(Role.caregiver)),
    )
    assert response.status_code == 422
    key = "error.subsidy_year_taken"
    assert response.json()["fields"] == {"year": {"key": key, "message": SUBSIDY_ZH[key].format(year=2026)}}
    assert stored_count(fresh_session, GuardianSubsidy) == 1


async def test_applying_without_a_token_is_401(client, recipient):
    response = await client.post(apply_url(recipient.id), json={"client_id": str(uuid.uuid4())})
    assert response.status_code == 401


async def test_a_caregiver_of_another_family_never_reaches_its_applications(
    client, session, world, recipient, token_for
):
    other, guardian = other_family(session, world)
    theirs = subsidy.apply(
        session,
        auth.actor_for_user(session, guardian, None),
        {"client_id": str(uuid.uuid4()), "recipient_id": other.id},
    ).subsidy
    headers = bearer(token_for(Role.caregiver))

    listed = await client.get(apply_url(other.id), headers=headers)
    asked = await client.post(apply_url(other.id), json={"client_id": str(uuid.uuid4())}, headers=headers)
    checked = await client.post(url(theirs.id, "checks"), json=subsidy_check_form(4), headers=headers)
    approved = await client.post(url(theirs.id, "approve"), json={"version": 1}, headers=headers)
    own = await client.get(apply_url(recipient.id), headers=headers)

    assert (listed.status_code, asked.status_code, checked.status_code, approved.status_code) == (
        403,
        403,
        403,
        403,
    )
    assert "王伟" not in listed.text and str(theirs.id) not in own.text
    assert own.json() == {"items": []}
    other_guardian = await client.get(
        apply_url(recipient.id), headers=bearer(auth.login(session, guardian.phone, PASSWORD).token)
    )
    assert other_guardian.status_code == 403


# --- the quarterly check ----------------------------------------------------------------------------------


async def test_the_village_committee_checks_a_quarter_once(client, applied, token_for, fresh_session):
    application = applied()
    form = subsidy_check_form(4)
    headers = bearer(token_for(Role.village_cadre))
    first = await client.post(url(application.id, "checks"), json=form, headers=headers)
    again = await client.post(url(application.id, "checks"), json=form, headers=headers)
    twice = await client.post(url(application.id, "checks"), json=subsidy_check_form(4), headers=headers)
    assert (first.status_code, again.status_code, twice.status_code) == (201, 201, 422)
    assert set(first.json()) == set(CHECK_FIELDS) and again.json() == first.json()
    assert (first.json()["quarter"], first.json()["passed"]) == (4, True)
    key = "error.subsidy_quarter_checked"
    assert twice.json()["fields"]["quarter"] == {"key": key, "message": SUBSIDY_ZH[key].format(quarter=4)}
    assert stored_count(fresh_session, SubsidyCheck) == 1


async def test_the_village_committee_of_another_village_is_403(client, session, world, token_for):
    elsewhere, guardian = other_family(session, world, world.village_b)
    theirs = subsidy.apply(
        session,
        auth.actor_for_user(session, guardian, None),
        {"client_id": str(uuid.uuid4()), "recipient_id": elsewhere.id},
    ).subsidy
    response = await client.post(
        url(theirs.id, "checks"), json=subsidy_check_form(4), headers=bearer(token_for(Role.village_cadre))
    )
    assert response.status_code == 403


# --- decisions, payment and the queue ---------------------------------------------------------------------


async def test_the_township_approves_and_a_stale_rejection_is_409_naming_what_changed(
    client, applied, token_for
):
    application = applied()
    headers = bearer(token_for(Role.township_coordinator))
    approved = await client.post(url(application.id, "approve"), json={"version": 1}, headers=headers)
    stale = await client.post(
        url(application.id, "reject"), json={"version": 1, "reason": "重复"}, headers=headers
    )
    assert approved.status_code == 200
    assert {k: approved.json()[k] for k in ("status", "risk_class", "guardian_monthly_yuan", "version")} == {
        "status": "approved",
        "risk_class": "standard",
        "guardian_monthly_yuan": 150,
        "version": 2,
    }
    assert stale.status_code == 409
    assert {"status", "risk_class"} <= set(stale.json()["changed"])


@pytest.mark.parametrize("role", [Role.caregiver, Role.village_cadre])
async def test_only_the_township_or_county_approves(client, applied, token_for, role):
    response = await client.post(
        url(applied().id, "approve"), json={"version": 1}, headers=bearer(token_for(role))
    )
    assert response.status_code == 403


async def test_payment_before_approval_is_422(client, fake_clock, applied, token_for):
    application = applied()
    fake_clock.current = datetime.combine(date(2027, 1, 10), time(2), tzinfo=UTC)
    response = await client.post(
        url(application.id, "payments"),
        json={"client_id": str(uuid.uuid4()), "version": 1},
        headers=bearer(token_for(Role.township_coordinator)),
    )
    assert response.status_code == 422
    assert response.json()["fields"]["status"]["key"] == "error.subsidy_illegal_step"


async def test_the_yearly_payment_is_worked_out_stored_once_and_shown_to_the_family(
    client, session, world, fake_clock, applied, recipient, token_for, fresh_session
):
    application = applied()
    subsidy.approve(session, world.actors[Role.township_coordinator], application.id, {"version": 1})
    subsidy_year.record_check(
        session, world.actors[Role.village_cadre], application.id, subsidy_check_form(4)
    )
    fake_clock.current = datetime.combine(date(2027, 1, 10), time(2), tzinfo=UTC)
    form = {"client_id": str(uuid.uuid4()), "version": 2}
    headers = bearer(token_for(Role.township_coordinator))

    paid = await client.post(url(application.id, "payments"), json=form, headers=headers)
    again = await client.post(url(application.id, "payments"), json=form, headers=headers)
    family = await client.get(apply_url(recipient.id), headers=bearer(token_for(Role.caregiver)))

    assert (paid.status_code, again.status_code) == (201, 201)
    payment = paid.json()["payment"]
    assert set(payment) == set(PAYMENT_FIELDS)
    # one passed quarter (the fourth, applied in November): 3 months × (150 + 200) = 1050 元
    assert (payment["months"], payment["monthly_yuan"], payment["amount_yuan"], payment["withheld"]) == (
        3,
        350,
        1050,
        False,
    )
    assert (paid.json()["subsidy"]["status"], paid.json()["subsidy"]["version"]) == ("paid", 3)
    assert again.json() == paid.json()
    assert stored_count(fresh_session, SubsidyPayment) == 1
    [item] = family.json()["items"]
    assert (item["status"], [c["quarter"] for c in item["checks"]], item["payment"]) == ("paid", [4], payment)


async def test_the_queue_lists_pending_then_approved_applications(client, session, world, applied, token_for):
    first = applied()
    second = applied(year=2027)
    subsidy.approve(session, world.actors[Role.township_coordinator], first.id, {"version": 1})
    headers = bearer(token_for(Role.township_coordinator))

    pending = await client.get("/api/v1/guardian-subsidies/queue", headers=headers)
    to_pay = await client.get("/api/v1/guardian-subsidies/queue?status=approved", headers=headers)
    unknown = await client.get("/api/v1/guardian-subsidies/queue?status=paid", headers=headers)

    assert pending.status_code == 200
    assert [(r["id"], r["year"], r["status"]) for r in pending.json()["items"]] == [
        (second.id, 2027, "pending")
    ]
    assert (to_pay.json()["total"], to_pay.json()["items"][0]["id"]) == (1, first.id)
    assert unknown.status_code == 422


@pytest.mark.parametrize("role", [Role.caregiver, Role.village_cadre])
async def test_the_queue_is_403_to_those_who_do_not_decide(client, token_for, role):
    response = await client.get("/api/v1/guardian-subsidies/queue", headers=bearer(token_for(role)))
    assert response.status_code == 403


# --- the OpenAPI document -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("GuardianSubsidy", list(SUBSIDY_FIELDS)),
        ("SubsidyCheck", list(CHECK_FIELDS)),
        ("SubsidyPayment", list(PAYMENT_FIELDS)),
        ("SubsidyQueueRow", [f.name for f in fields(QueueRow)]),
    ],
)
def test_subsidy_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == set(shape)
