"""The caregiver's pages through their states, handlers called as any socket client could call them: the home in
plain words, 紧急求助 stored once, the burden check and respite requests — and never another family's."""

import asyncio
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import GuardianSubsidy, HelpRequest, RespiteRequest, Role
from jingkang_app.domain.services import events, followups
from jingkang_app.state.family import FamilyState
from jingkang_app.state.family_help import HelpState
from jingkang_app.state.family_respite import BurdenState, RespiteFamilyState
from jingkang_app.state.family_subsidy import FamilySubsidyState
from tests.domain.test_followups import stable_form
from tests.factories import event_form, make_family, other_family

DENIED_ZH = "您没有权限查看或修改这条记录。"
START = date(2026, 12, 10)  # after the fake clock's today


@pytest.fixture
def recipient(session, world):
    return make_family(session, world, with_doctor=True)


def opened(make_state, cls, path: str, role: Role | None = Role.caregiver):
    state = make_state(cls, role, path)
    cls.load_user.fn(state)
    loaded = cls.load.fn(state)
    if asyncio.iscoroutine(loaded):
        asyncio.run(loaded)
    return state


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_the_home_shows_the_relative_the_next_follow_up_with_the_doctor_and_the_medicines(
    session, world, make_state, recipient
):
    followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    state = opened(make_state, FamilyState, "/family")
    doctor = world.users[Role.community_doctor].name
    assert (state.has_relative, state.rid, state.page_error) == (True, str(recipient.id), "")
    assert state.facts["followup"].endswith(f"，{doctor} 来")
    assert state.medicines == [{"name": "利培酮", "when": "早上 1 毫克 · 晚上 2 毫克"}]
    assert [m["role"] for m in state.team] == ["社区医生"]
    assert state.respite_line == "今年已用 0 天，还可以用 14 天（每年 14 天）。"


def test_the_home_lists_the_next_events_open_to_the_family(session, world, make_state, recipient):
    starts = datetime(2026, 11, 30, 14, 0)
    events.publish_event(
        session, world.actors[Role.township_coordinator], event_form(starts, starts + timedelta(hours=2))
    )
    state = opened(make_state, FamilyState, "/family")
    [card] = state.events
    assert (card["title"], card["when"], card["mine"]) == (
        "家属照护技能培训",
        "2026-11-30（周一）14:00 至 16:00",
        "",
    )


def test_a_caregiver_not_yet_on_a_team_is_told_so_plainly(session, world, make_state):
    state = opened(make_state, FamilyState, "/family")
    assert (state.has_relative, state.page_error) == (False, "")


def test_another_familys_relative_in_the_address_is_refused(session, world, make_state, recipient):
    theirs, _guardian = other_family(session, world)
    state = opened(make_state, FamilyState, f"/family?rid={theirs.id}")
    assert (state.has_relative, state.page_error, state.facts) == (False, DENIED_ZH, {})


def help_form(client_id: str, *signs: str, **extra) -> dict:
    return {"client_id": client_id, **{f"sign_{s}": "on" for s in signs}, **extra}


def test_a_call_for_help_needs_a_sign_is_stored_once_and_names_who_will_call(
    session, world, make_state, recipient
):
    state = opened(make_state, HelpState, "/family/help")
    first_id = state.client_id
    HelpState.send.fn(state, help_form(first_id))
    assert state.errors == {"signs": "请至少选择一种情况。"} and count(session, HelpRequest) == 0
    HelpState.send.fn(state, help_form(first_id, "no_sleep", "violence"))
    HelpState.send.fn(state, help_form(first_id, "no_sleep", "violence"))  # the reply was lost; sent again
    assert count(session, HelpRequest) == 1
    assert state.sent == f"求助已发送，{world.users[Role.community_doctor].name} 会尽快联系您。"
    assert state.client_id != first_id  # the next call is a new one
    assert [c["signs"] for c in state.calls] == ["不睡觉、打人毁物"]


def test_a_call_for_help_for_another_family_is_refused_and_nothing_is_stored(
    session, world, make_state, recipient
):
    theirs, _guardian = other_family(session, world)
    state = opened(make_state, HelpState, "/family/help")
    state.rid = str(theirs.id)  # a socket client may send any value; the service decides
    HelpState.send.fn(state, help_form(str(uuid.uuid4()), "no_sleep"))
    assert (state.page_error, count(session, HelpRequest)) == (DENIED_ZH, 0)


def burden_answers(*values: int) -> dict:
    keys = ("own_time", "stress_duties", "strained", "uncertain")
    return {f"burden_{k}": str(v) for k, v in zip(keys, values, strict=False)}


def test_a_high_burden_suggests_respite_and_its_answers_go_with_the_request(
    session, world, make_state, recipient
):
    check = opened(make_state, BurdenState, "/family/burden")
    BurdenState.assess.fn(check, burden_answers(3, 3))
    assert check.errors == {"burden_answers": "请回答每一个问题。"}
    BurdenState.assess.fn(check, burden_answers(3, 3, 2, 1))
    assert (check.high, check.result) == (
        True,
        "您的得分是 9 分（满分 16 分）。您的照护压力较大，建议申请喘息服务，休息几天。",
    )
    # The same browser tab opens the respite page next.
    page = check._get_root_state().get_substate(RespiteFamilyState.get_full_name().split(".")[1:])
    asyncio.run(RespiteFamilyState.load.fn(page))
    assert page.burden_defaults == {"own_time": "3", "stress_duties": "3", "strained": "2", "uncertain": "1"}


def respite_request(client_id: str, start: date, end: date, **extra) -> dict:
    return {
        "client_id": client_id,
        "kind": "home",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "reason": "照顾太累",
    } | extra


def test_a_respite_request_with_bad_dates_keeps_nothing_then_is_stored_once_and_can_be_cancelled(
    session, world, make_state, recipient
):
    state = opened(make_state, RespiteFamilyState, "/family/respite")
    end = START + timedelta(days=2)
    RespiteFamilyState.submit.fn(state, respite_request(state.client_id, end, START))
    assert state.errors == {"end_date": "结束日期不能早于开始日期，请重新选择。"}
    assert count(session, RespiteRequest) == 0
    form = respite_request(state.client_id, START, end, **burden_answers(1, 1, 1, 1))
    RespiteFamilyState.submit.fn(state, form)
    RespiteFamilyState.submit.fn(state, form)
    assert count(session, RespiteRequest) == 1
    [card] = state.requests
    assert (card["status"], card["dates"], card["can_cancel"]) == (
        "待审核",
        "2026-12-10 至 2026-12-12，共 3 天",
        "1",
    )
    assert session.exec(select(RespiteRequest.burden_answers)).one() == dict.fromkeys(
        ("own_time", "stress_duties", "strained", "uncertain"), 1
    )
    RespiteFamilyState.cancel.fn(state, card["id"], card["version"])
    assert (state.saved, state.requests[0]["status"]) == ("申请已取消。", "已取消")


def test_a_respite_request_for_another_family_is_refused(session, world, make_state, recipient):
    theirs, _guardian = other_family(session, world)
    state = opened(make_state, RespiteFamilyState, "/family/respite")
    state.rid = str(theirs.id)
    RespiteFamilyState.submit.fn(state, respite_request(str(uuid.uuid4()), START, START))
    assert (state.page_error, count(session, RespiteRequest)) == (DENIED_ZH, 0)


def test_the_guardian_applies_for_this_years_subsidy_once_and_sees_it_waiting(
    session, world, make_state, recipient
):
    state = opened(make_state, FamilySubsidyState, "/family")
    assert (state.shown, state.can_apply, state.apply_label) == (True, True, "申请 2026 年度监护补贴")
    FamilySubsidyState.apply.fn(state)
    FamilySubsidyState.apply.fn(state)  # a second tap before the page changed
    assert count(session, GuardianSubsidy) == 1
    assert (state.can_apply, state.status, state.lines) == (False, "待审核", [])
