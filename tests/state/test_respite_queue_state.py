"""The coordinator's 喘息服务 queue through its state: who may open it, the three queues, over-quota approval with
a reason beside the field, rejection the family reads, arranging, and a stale card."""

from datetime import date, timedelta

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.domain.services import respite
from jingkang_app.state.overview import OverviewState
from jingkang_app.state.respite_queue import RespiteQueueState
from tests.factories import make_family, respite_form

START = date(2026, 12, 10)


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


def ask(session, world, recipient, days: int):
    form = respite_form(recipient, START, START + timedelta(days=days - 1))
    return respite.request_respite(session, world.actor(session, Role.caregiver), form).request


def opened(make_state, role=Role.township_coordinator) -> RespiteQueueState:
    state = make_state(RespiteQueueState, role, "/respite")
    RespiteQueueState.load_user.fn(state)
    RespiteQueueState.load.fn(state)
    return state


def test_a_caregiver_cannot_open_the_queue(session, world, make_state, recipient):
    ask(session, world, recipient, 3)
    state = opened(make_state, Role.caregiver)
    assert (state.allowed, state.cards, state.page_error) == (False, [], "您没有权限查看或修改这条记录。")


def test_the_coordinator_sees_the_request_with_burden_and_counts_per_queue(
    session, world, make_state, recipient
):
    ask(session, world, recipient, 3)
    state = opened(make_state)
    [card] = state.cards
    assert (card["name"], card["dates"], card["waited"]) == (
        recipient.name,
        "2026-12-10 至 2026-12-12，共 3 天",
        "已等待 0 小时",
    )
    assert (card["burden"], card["burden_high"], card["over"]) == ("照护负担 8/16 分（较重）", "1", "")
    assert state.counts == {"pending": "1", "approved": "0", "arranged": "0"}


def test_approval_beyond_the_quota_asks_for_a_reason_beside_the_field_then_moves_the_request_on(
    session, world, make_state, recipient
):
    request = ask(session, world, recipient, 20)
    state = opened(make_state)
    assert state.cards[0]["over"] == "批准后将超出每年 14 天的额度 6 天，需填写理由。"
    RespiteQueueState.open_step.fn(state, str(request.id), "approve")
    RespiteQueueState.submit_step.fn(state, {"version": "1", "reason": ""})
    assert state.errors == {"reason": "本次申请超出每年 14 天的额度（超出 6 天），批准时请填写理由。"}
    RespiteQueueState.submit_step.fn(state, {"version": "1", "reason": "照护者住院，家中无人照看"})
    assert (state.saved, state.cards, state.counts["approved"]) == ("已批准，家属会收到通知。", [], "1")
    RespiteQueueState.show.fn(state, "approved")
    RespiteQueueState.open_step.fn(state, str(request.id), "arrange")
    RespiteQueueState.submit_step.fn(state, {"version": "2", "carer": "李阿姨（护理员）"})
    RespiteQueueState.show.fn(state, "arranged")
    assert state.cards[0]["arrangement"] == "上门照护：李阿姨（护理员）"


def test_a_card_someone_else_decided_meanwhile_says_so(session, world, make_state, recipient):
    request = ask(session, world, recipient, 3)
    state = opened(make_state)
    respite.reject(
        session, world.actors[Role.county_coordinator], request.id, {"version": 1, "reason": "名额已满"}
    )
    RespiteQueueState.open_step.fn(state, str(request.id), "approve")
    RespiteQueueState.submit_step.fn(state, {"version": "1", "reason": ""})
    assert state.page_error == "这条记录已被他人修改（状态、审核意见），请核对后再保存。"
    assert state.cards == []


def test_the_overview_links_to_the_queue_with_its_count(session, world, make_state, recipient):
    ask(session, world, recipient, 3)
    state = make_state(OverviewState, Role.township_coordinator, "/overview")
    OverviewState.load.fn(state)
    assert state.respite_pending == "1"
