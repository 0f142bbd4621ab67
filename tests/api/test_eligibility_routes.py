import uuid
from datetime import date

import httpx
import pytest
from sqlmodel import func, select

from jingkang_app.api import build_api, routes_eligibility
from jingkang_app.domain.models import (
    AuditLog,
    CareTeamMember,
    ConsentRecord,
    Followup,
    Recipient,
    RecipientStatus,
    Role,
)
from jingkang_app.domain.services import eligibility, users
from jingkang_app.i18n import CATALOGUES, t
from jingkang_app.i18n.eligibility_en import ELIGIBILITY_EN
from jingkang_app.i18n.eligibility_zh import ELIGIBILITY_ZH
from tests.api.conftest import bearer
from tests.factories import make_recipient, sign_consent

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def catalogue(monkeypatch):
    """The new keys as they will be once merged into the catalogue (a no-op after the merge)."""
    for lang, new in (("zh-CN", ELIGIBILITY_ZH), ("en", ELIGIBILITY_EN)):
        for key, text in new.items():
            if key not in CATALOGUES[lang]:
                monkeypatch.setitem(CATALOGUES[lang], key, text)


@pytest.fixture
async def client(anyio_backend, world):
    """The API with these routes, whether or not app.py lists them yet."""
    app = build_api()
    api = app.routes[0].app
    listed = {route.path for route in api.routes}
    api.router.routes.extend(r for r in routes_eligibility.ROUTES if r.path not in listed)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def applicant(session, world, village=None, **overrides) -> Recipient:
    recipient = make_recipient(session, world, village, **({"hukou_local": True} | overrides))
    recipient.status = RecipientStatus.applying  # registration through the service files 在册 for now
    session.add(recipient)
    session.commit()
    return recipient


def eligible_applicant(session, world) -> Recipient:
    recipient = applicant(session, world)
    eligibility.set_physical_health(
        session, world.actors[Role.community_doctor], recipient.id, False, recipient.version
    )
    session.add(
        Followup(
            client_id=str(uuid.uuid4()),
            recipient_id=recipient.id,
            area_id=recipient.area_id,
            created_by=world.users[Role.community_doctor].id,
            followup_date=date(2026, 10, 8),
            form=2,
            risk_level=1,
            proposed_classification="stable",
            classification="stable",
            doctor_name="王医生",
        )
    )
    session.commit()
    sign_consent(session, world, recipient)
    return recipient


def speaks_english(session, world, role: Role) -> None:
    users.set_language(session, world.actor(session, role), "en")


def written(check) -> tuple:
    return (
        check.exec(select(func.count()).select_from(AuditLog)).one(),
        check.exec(select(Recipient.id, Recipient.status, Recipient.version).order_by(Recipient.id)).all(),
        check.exec(select(ConsentRecord.id, ConsentRecord.version).order_by(ConsentRecord.id)).all(),
        check.exec(select(CareTeamMember.id).order_by(CareTeamMember.id)).all(),
    )


# --- GET /recipients/{id}/eligibility --------------------------------------------------------------------------


async def test_the_screen_lists_each_criterion_with_its_verdict_and_a_chinese_label(
    client, session, world, token_for
):
    recipient = applicant(session, world)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/eligibility", headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["recipient_id"], body["eligible"]) == (recipient.id, False)
    assert body["criteria"][1] == {
        "key": "age",
        "verdict": "met",
        "label": "年龄18–60岁",
        "verdict_label": "符合",
    }
    assert {c["key"]: c["verdict"] for c in body["criteria"]} == {
        "hukou": "met",
        "age": "met",
        "condition": "met",
        "physical_health": "unknown",
        "risk_history": "unknown",
        "agreement": "not_met",
    }
    assert body["rules"] == {
        "min_age": 18,
        "max_age": 60,
        "disability_levels": [3, 4],
        "lookback_months": 6,
        "max_risk_level": 2,
    }
    assert response.headers["cache-control"] == "no-store"


async def test_the_labels_follow_the_callers_language(client, session, world, token_for):
    recipient = eligible_applicant(session, world)
    speaks_english(session, world, Role.community_doctor)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/eligibility", headers=bearer(token_for(Role.community_doctor))
    )
    body = response.json()
    assert body["eligible"] is True
    risk = next(c for c in body["criteria"] if c["key"] == "risk_history")
    assert risk["label"] == "Risk level 0–2 at every follow-up in the last 6 months"
    assert risk["verdict_label"] == t("eligibility.met", "en") == "Met"


async def test_a_grid_worker_cannot_see_the_screen(client, session, world, token_for):
    recipient = applicant(session, world)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/eligibility", headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": "error.permission_denied",
        "message": t("error.permission_denied"),
    }


async def test_a_doctor_from_another_township_gets_403_in_their_language(client, session, world, token_for):
    recipient = applicant(session, world, world.village_b)
    speaks_english(session, world, Role.community_doctor)
    response = await client.get(
        f"/api/v1/recipients/{recipient.id}/eligibility", headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 403
    assert response.json()["message"] == t("error.permission_denied", "en")


async def test_the_screen_of_an_unknown_recipient_is_404(client, token_for):
    response = await client.get(
        "/api/v1/recipients/999/eligibility", headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 404
    assert response.json()["error"] == "error.not_found"


async def test_the_screen_without_a_token_is_401(client):
    response = await client.get("/api/v1/recipients/1/eligibility")
    assert response.status_code == 401


# --- POST /recipients/{id}/admit ----------------------------------------------------------------------------


async def test_a_village_cadre_admits_an_eligible_applicant(client, session, world, token_for, fresh_session):
    recipient = eligible_applicant(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit", json={}, headers=bearer(token_for(Role.village_cadre))
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": recipient.id,
        "status": "registered",
        "admitted_on": "2026-11-23",
        "admitted_by": world.users[Role.village_cadre].id,
        "admission_reason": None,
        "version": recipient.version + 1,
    }
    with fresh_session() as check:
        assert check.get(Recipient, recipient.id).status == RecipientStatus.registered


async def test_an_admission_outside_the_rules_without_a_reason_is_422_in_the_callers_language(
    client, session, world, token_for, fresh_session
):
    recipient = applicant(session, world)
    speaks_english(session, world, Role.township_coordinator)
    headers = bearer(token_for(Role.township_coordinator))  # logging in is audited too
    with fresh_session() as check:
        before = written(check)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit", json={"reason": " "}, headers=headers
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "error.validation_failed"
    assert body["message"] == t("error.validation_failed", "en")
    assert body["fields"] == {
        "reason": {
            "key": "error.admission_reason_required",
            "message": ELIGIBILITY_EN["error.admission_reason_required"],
        }
    }
    with fresh_session() as check:
        assert written(check) == before


async def test_a_coordinator_admits_outside_the_rules_with_a_reason(
    client, session, world, token_for, fresh_session
):
    recipient = applicant(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit",
        json={"reason": "监护人已口头同意，书面协议下周补签"},
        headers=bearer(token_for(Role.township_coordinator)),
    )
    assert response.status_code == 200
    assert response.json()["admission_reason"] == "监护人已口头同意，书面协议下周补签"
    with fresh_session() as check:
        entry = check.exec(select(AuditLog).where(AuditLog.action == "recipient.admit")).one()
        assert "监护人已口头同意" in entry.detail


async def test_a_village_cadre_admitting_outside_the_rules_is_403(
    client, session, world, token_for, fresh_session
):
    recipient = applicant(session, world)
    headers = bearer(token_for(Role.village_cadre))  # logging in is audited too
    with fresh_session() as check:
        before = written(check)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit", json={"reason": "家属要求"}, headers=headers
    )
    assert response.status_code == 403
    assert response.json()["error"] == "error.permission_denied"
    with fresh_session() as check:
        assert written(check) == before


async def test_admitting_a_registered_recipient_is_422_beside_the_status(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit",
        json={"reason": "再次入组"},
        headers=bearer(token_for(Role.county_coordinator)),
    )
    assert response.status_code == 422
    field = response.json()["fields"]["status"]
    assert field == {"key": "error.not_applying", "message": ELIGIBILITY_ZH["error.not_applying"]}


async def test_an_admission_with_a_stale_version_is_409(client, session, world, token_for):
    recipient = eligible_applicant(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit",
        json={"version": recipient.version - 1},
        headers=bearer(token_for(Role.village_cadre)),
    )
    assert response.status_code == 409
    assert response.json() == {"error": "error.stale_version", "message": t("error.stale_version")}


async def test_an_admission_body_that_is_not_json_is_415(client, session, world, token_for):
    recipient = eligible_applicant(session, world)
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/admit",
        content=b"reason=x",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            **bearer(token_for(Role.village_cadre)),
        },
    )
    assert response.status_code == 415


# --- POST /consents/{id}/withdraw ---------------------------------------------------------------------------


async def test_a_withdrawal_returns_the_consent_with_its_new_version(client, session, world, token_for):
    record = sign_consent(session, world, make_recipient(session, world), "followup_management")
    response = await client.post(
        f"/api/v1/consents/{record.id}/withdraw",
        json={"withdrawn_on": "2026-11-20", "reason": "家属要求停止", "version": record.version},
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["withdrawn_on"], body["withdrawn_reason"], body["version"]) == (
        record.id,
        "2026-11-20",
        "家属要求停止",
        2,
    )


async def test_withdrawing_twice_is_422_and_a_wrong_version_409(client, session, world, token_for):
    record = sign_consent(session, world, make_recipient(session, world))
    headers = bearer(token_for(Role.grid_worker))
    form = {"withdrawn_on": "2026-11-20", "reason": "本人要求", "version": 1}
    assert (
        await client.post(f"/api/v1/consents/{record.id}/withdraw", json=form, headers=headers)
    ).is_success
    again = await client.post(f"/api/v1/consents/{record.id}/withdraw", json=form, headers=headers)
    assert again.status_code == 422
    assert again.json()["fields"]["withdrawn_on"]["key"] == "error.already_withdrawn"

    other = sign_consent(session, world, make_recipient(session, world, name="王伟"))
    stale = await client.post(
        f"/api/v1/consents/{other.id}/withdraw", json=form | {"version": 2}, headers=headers
    )
    assert stale.status_code == 409


async def test_a_withdrawal_before_signing_is_422_beside_the_date(client, session, world, token_for):
    record = sign_consent(session, world, make_recipient(session, world))
    response = await client.post(
        f"/api/v1/consents/{record.id}/withdraw",
        json={"withdrawn_on": "2026-10-01", "reason": "本人要求", "version": 1},
        headers=bearer(token_for(Role.grid_worker)),
    )
    assert response.status_code == 422
    assert response.json()["fields"]["withdrawn_on"] == {
        "key": "error.withdrawal_before_signing",
        "message": "撤回日期不能早于签署日期。",
    }


async def test_withdrawing_an_unknown_consent_is_404(client, token_for):
    response = await client.post(
        "/api/v1/consents/999/withdraw", json={"version": 1}, headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 404


async def test_a_withdrawal_without_a_token_is_401_before_the_body_is_read(client):
    response = await client.post(
        "/api/v1/consents/1/withdraw", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
