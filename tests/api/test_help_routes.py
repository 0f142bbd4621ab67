"""紧急求助 over JSON: POST raises the alert once per client_id, GET shows who took it; another family is refused."""

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import HelpRequest, RiskAlert, Role
from jingkang_app.domain.services import alerts
from tests.api.conftest import bearer
from tests.factories import make_family, make_recipient

pytestmark = pytest.mark.anyio

CLIENT_ID = "3c9a0b1e-2222-4333-8444-555566667777"


@pytest.fixture
def recipient(session, world):
    return make_family(session, world, with_doctor=True)


def help_form(**overrides) -> dict:
    return {"client_id": CLIENT_ID, "signs": ["self_harm"]} | overrides


def stored(fresh_session) -> tuple[int, int]:
    with fresh_session() as check:
        return (
            check.exec(select(func.count()).select_from(HelpRequest)).one(),
            check.exec(select(func.count()).select_from(RiskAlert)).one(),
        )


async def test_a_caregiver_calls_for_help_and_gets_201_with_the_alert(
    client, token_for, recipient, fresh_session
):
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/help", json=help_form(), headers=bearer(token_for(Role.caregiver))
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["signs"], body["status"], body["owner_name"], body["taken_by_name"]) == (
        ["self_harm"],
        "open",
        "community_doctor用户",
        None,
    )
    with fresh_session() as check:
        alert = check.get(RiskAlert, body["alert_id"])
        assert (alert.source, alert.source_id, alert.recipient_id) == ("caregiver", body["id"], recipient.id)


async def test_the_same_client_id_twice_stores_one_call(client, token_for, recipient, fresh_session):
    headers = bearer(token_for(Role.caregiver))
    url = f"/api/v1/recipients/{recipient.id}/help"
    first = await client.post(url, json=help_form(), headers=headers)
    again = await client.post(url, json=help_form(), headers=headers)
    assert (again.status_code, again.json()["id"]) == (201, first.json()["id"])
    assert stored(fresh_session) == (1, 1)


async def test_other_without_words_is_422_in_chinese_and_nothing_is_stored(
    client, token_for, recipient, fresh_session
):
    response = await client.post(
        f"/api/v1/recipients/{recipient.id}/help",
        json=help_form(signs=["other"]),
        headers=bearer(token_for(Role.caregiver)),
    )
    assert response.status_code == 422
    assert response.json()["fields"]["other_text"] == {
        "key": "error.help_other_text_required",
        "message": "选择「其他」时，请简单写明发生了什么。",
    }
    assert stored(fresh_session) == (0, 0)


async def test_the_caregiver_sees_who_took_the_alert_and_when(
    client, session, world, token_for, recipient, fake_clock
):
    headers = bearer(token_for(Role.caregiver))
    url = f"/api/v1/recipients/{recipient.id}/help"
    alert_id = (await client.post(url, json=help_form(), headers=headers)).json()["alert_id"]
    fake_clock.advance(minutes=15)
    alerts.take(session, world.actors[Role.community_doctor], alert_id, 1)
    response = await client.get(url, headers=headers)
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert (item["status"], item["taken_by_name"], item["taken_at"]) == (
        "taken",
        "community_doctor用户",
        fake_clock.current.isoformat(),
    )


async def test_another_familys_caregiver_is_refused_both_ways(client, session, world, token_for, recipient):
    other = make_recipient(session, world)
    headers = bearer(token_for(Role.caregiver))
    url = f"/api/v1/recipients/{other.id}/help"
    assert (await client.post(url, json=help_form(), headers=headers)).status_code == 403
    assert (await client.get(url, headers=headers)).status_code == 403


async def test_without_a_token_nothing_is_read_or_stored(client, recipient, fresh_session):
    response = await client.post(f"/api/v1/recipients/{recipient.id}/help", json=help_form())
    assert response.status_code == 401
    assert stored(fresh_session) == (0, 0)
