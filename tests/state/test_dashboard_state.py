"""指标看板 through its state: who may open it, the county's cards, and the drill-down from a figure to each
township, each village and the recipients behind it — refused for an area outside the caller's scope."""

from datetime import timedelta

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.domain.rules.indicators import Indicator
from jingkang_app.domain.services import followups
from jingkang_app.state.dashboard import DashboardState
from tests.domain.test_followups import TODAY, stable_form
from tests.factories import make_recipient_registered_on

REFUSED = "您没有权限查看或修改这条记录。"


@pytest.fixture
def overdue(session, world):
    """A recipient of village A whose 3-monthly follow-up fell due 30 days ago (a 稳定 one 122 days ago)."""
    recipient = make_recipient_registered_on(session, world, TODAY - timedelta(days=400))
    doctor = world.actor(session, Role.community_doctor)
    day = (TODAY - timedelta(days=122)).isoformat()
    followups.record_followup(session, doctor, stable_form(recipient.id, followup_date=day))
    return recipient


def opened(make_state, role: Role) -> DashboardState:
    state = make_state(DashboardState, role, "/dashboard")
    DashboardState.load_user.fn(state)
    DashboardState.load.fn(state)
    return state


def card(state: DashboardState, key: str) -> dict[str, str]:
    return next(c for c in state.cards if c["key"] == key)


def test_a_grid_worker_cannot_open_the_dashboard(make_state, overdue):
    state = opened(make_state, Role.grid_worker)
    assert (state.allowed, state.cards, state.page_error) == (False, [], REFUSED)


def test_the_county_coordinator_sees_every_indicator_of_the_county_this_month(world, make_state, overdue):
    state = opened(make_state, Role.county_coordinator)
    assert [c["key"] for c in state.cards] == [i.value for i in Indicator]
    assert (state.period, state.crumbs) == (
        "2026-11",
        [{"id": str(world.county.id), "name": world.county.name}],
    )
    followup_card = card(state, "followups")
    assert followup_card["detail"] == "已完成 / 应随访；当前逾期 1 人"
    assert card(state, "standard_service_rate")["target"] == "年度目标 60.0%"


def test_drilling_from_the_county_down_to_the_overdue_recipient(world, make_state, overdue):
    state = opened(make_state, Role.county_coordinator)
    DashboardState.open_drill.fn(state, "followups")
    assert [row["name"] for row in state.drill_rows] == [world.township_a.name, world.township_b.name]
    assert [row["detail"] for row in state.drill_rows] == [
        "已完成 / 应随访；当前逾期 1 人",
        "已完成 / 应随访；当前逾期 0 人",
    ]
    DashboardState.go_to_area.fn(state, str(world.township_a.id))
    assert [c["name"] for c in state.crumbs] == [world.county.name, world.township_a.name]
    assert [row["name"] for row in state.drill_rows] == [world.village_a.name]
    DashboardState.go_to_area.fn(state, str(world.village_a.id))
    assert (state.drill_rows, state.list_name) == ([], "overdue_followups")
    assert [(p["id"], p["name"], p["date"]) for p in state.people] == [
        (str(overdue.id), overdue.name, (TODAY - timedelta(days=30)).isoformat())
    ]


def test_a_township_coordinator_forcing_another_township_is_refused_and_shown_nothing(
    world, make_state, overdue
):
    state = opened(make_state, Role.township_coordinator)
    DashboardState.open_drill.fn(state, "followups")
    DashboardState.go_to_area.fn(state, str(world.township_b.id))
    assert (state.allowed, state.cards, state.drill_rows, state.page_error) == (False, [], [], REFUSED)
