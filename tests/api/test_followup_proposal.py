"""The proposal a follow-up form shows while it is filled in: the same rules as storing it, nothing stored, and
only for those who may record that recipient's follow-ups."""

import pytest
from sqlmodel import select

from jingkang_app.domain.models import Followup, RiskAlert, Role
from tests.api.conftest import bearer
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio
URL = "/api/v1/followups/proposal"


async def test_a_well_patient_is_proposed_stable_in_three_months(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        URL, json=stable_form(recipient.id), headers=bearer(token_for(Role.community_doctor))
    )
    assert response.status_code == 200
    assert response.json() == {
        "classification": "stable",
        "next_followup_date": "2027-02-23",
        "alert": False,
        "message": "系统建议：稳定，下次随访 2027-02-23。",
    }


async def test_risk_3_is_proposed_unstable_in_two_weeks_with_an_alert_and_nothing_is_stored(
    client, session, world, token_for
):
    recipient = make_recipient(session, world)
    form = stable_form(recipient.id, risk_level="3")
    response = await client.post(URL, json=form, headers=bearer(token_for(Role.community_doctor)))
    body = response.json()
    assert (body["classification"], body["next_followup_date"], body["alert"]) == (
        "unstable",
        "2026-12-07",
        True,
    )
    assert body["message"].endswith("提交后将生成复发预警。")
    assert session.exec(select(Followup)).all() == []
    assert session.exec(select(RiskAlert)).all() == []


async def test_a_half_filled_form_still_gets_a_proposal(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        URL,
        json={"recipient_id": recipient.id, "outcome": "reached", "risk_level": "1"},
        headers=bearer(token_for(Role.community_doctor)),
    )
    assert response.json()["classification"] == "basic_stable"


async def test_a_grid_worker_gets_no_proposal(client, session, world, token_for):
    recipient = make_recipient(session, world)
    response = await client.post(
        URL, json=stable_form(recipient.id), headers=bearer(token_for(Role.grid_worker))
    )
    assert response.status_code == 403
