"""The 复发预警 page's state, its handlers called as any socket client could call them."""

import uuid

import pytest

from jingkang_app.domain.models import RiskAlert, Role
from jingkang_app.domain.services import alerts, followups, help_request, users
from jingkang_app.state.alerts import AlertsState
from tests.domain.test_followups import stable_form
from tests.factories import make_family, make_recipient

DENIED_ZH = "您没有权限查看或修改这条记录。"


@pytest.fixture
def raised(session, world) -> RiskAlert:
    recipient = make_recipient(session, world, name="王伟")
    saved = followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="4")
    )
    return saved.alert


def page_state(make_state, role: Role | None = Role.community_doctor) -> AlertsState:
    state = make_state(AlertsState, role, "/alerts")
    AlertsState.load_user.fn(state)
    AlertsState.load.fn(state)
    return state


def stored(session, alert: RiskAlert) -> RiskAlert:
    session.expire_all()
    return session.get(RiskAlert, alert.id)


def test_the_doctor_sees_the_alert_as_a_card_in_chinese(session, world, make_state, raised):
    state = page_state(make_state)
    assert (state.allowed, state.total, state.page_error) == (True, 1, "")
    [card] = state.cards
    assert card["name"] == "王伟" and card["recipient_id"] == str(raised.recipient_id)
    assert card["why"] == "随访发现 · 危险性 4 级"
    assert card["raised"] == "预警时间：2026-11-23 10:00"
    assert card["deadline"] == "须于 2026-11-24 10:00 前处置"
    assert card["owner"] == f"负责人：{world.users[Role.community_doctor].name}"
    assert (card["status"], card["level"], card["late"], card["open"]) == ("待接单", "未上报", "", "1")


def test_an_untaken_alert_past_its_deadline_is_late_and_shows_where_it_was_escalated(
    session, world, make_state, raised, fake_clock
):
    fake_clock.advance(hours=25)
    alerts.escalate_overdue(session)
    state = page_state(make_state, Role.township_coordinator)
    [card] = state.cards
    assert (card["late"], card["level"], card["escalated"]) == ("", "已上报：乡镇（街道）", "1")
    fake_clock.advance(hours=24)  # the township's own deadline passes too
    later = page_state(make_state, Role.township_coordinator)
    assert later.cards[0]["late"] == "1"


def test_dangerous_behaviour_below_risk_3_is_named_as_the_reason(session, world, make_state):
    recipient = make_recipient(session, world)
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="1", self_harm="1")
    )
    state = page_state(make_state)
    assert state.cards[0]["why"] == "随访发现 · 有危险行为"


def test_a_familys_call_for_help_is_named_as_such_with_what_they_saw_and_no_risk_claimed(
    session, world, make_state
):
    recipient = make_family(session, world, with_doctor=True)
    form = {
        "client_id": str(uuid.uuid4()),
        "recipient_id": recipient.id,
        "signs": ["self_harm", "other"],
        "other_text": "整夜不睡",
    }
    help_request.ask_for_help(session, world.actor(session, Role.caregiver), form)
    state = page_state(make_state)
    # The signs in the reader's language; "other" in the family's own words.
    assert state.cards[0]["why"] == "家属紧急求助 · 想伤害自己 · 整夜不睡"


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre, Role.caregiver, Role.volunteer])
def test_the_page_refuses_roles_that_do_not_handle_alerts(session, world, make_state, raised, role):
    state = page_state(make_state, role)
    assert (state.allowed, state.cards, state.page_error) == (False, [], DENIED_ZH)


def test_a_grid_worker_calling_take_directly_is_refused_and_nothing_changes(
    session, world, make_state, raised
):
    state = make_state(AlertsState, Role.grid_worker, "/alerts")
    AlertsState.take.fn(state, str(raised.id), str(raised.version))
    assert state.page_error == DENIED_ZH
    assert stored(session, raised).status == "open"


def test_a_grid_worker_calling_close_directly_is_refused_and_nothing_changes(
    session, world, make_state, raised
):
    state = make_state(AlertsState, Role.grid_worker, "/alerts")
    AlertsState.start_closing.fn(state, str(raised.id))
    AlertsState.close.fn(state, {"outcome": "resolved", "note": "", "version": str(raised.version)})
    assert state.page_error == DENIED_ZH
    assert stored(session, raised).status == "open"


def test_a_coordinator_of_another_township_cannot_take_it(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    alert = followups.record_followup(
        session, world.actors[Role.county_coordinator], stable_form(elsewhere.id, risk_level="3")
    ).alert
    state = page_state(make_state, Role.township_coordinator)
    assert state.cards == []
    AlertsState.take.fn(state, str(alert.id), str(alert.version))
    assert state.page_error == DENIED_ZH
    assert stored(session, alert).status == "open"


def test_taking_the_alert_marks_it_taken_by_the_doctor(session, world, make_state, raised):
    state = page_state(make_state)
    card = state.cards[0]
    AlertsState.take.fn(state, card["id"], card["version"])
    assert (state.saved, state.card_error, state.page_error) == ("已接手。", "", "")
    assert stored(session, raised).taken_by == world.users[Role.community_doctor].id
    doctor_name = world.users[Role.community_doctor].name
    assert (state.cards[0]["status"], state.cards[0]["taken_by"]) == ("处置中", f"接单人：{doctor_name}")
    assert state.cards[0]["open"] == ""


def test_taking_on_a_stale_card_shows_what_changed_on_that_card(session, world, make_state, raised):
    state = page_state(make_state)
    card = state.cards[0]
    alerts.take(session, world.actors[Role.township_coordinator], raised.id, raised.version)
    AlertsState.take.fn(state, card["id"], card["version"])
    assert state.card_error == "这条记录已被他人修改（处置状态、接单人），请核对后再保存。"
    assert state.error_for == card["id"]
    assert state.cards[0]["version"] == "2"  # read again: the card now shows who took it
    assert stored(session, raised).taken_by == world.users[Role.township_coordinator].id


def test_closing_with_an_outcome_takes_the_alert_off_the_list(session, world, make_state, raised):
    state = page_state(make_state, Role.township_coordinator)
    card = state.cards[0]
    AlertsState.start_closing.fn(state, card["id"])
    AlertsState.close.fn(
        state, {"outcome": "hospitalised", "note": "已送县精神病院", "version": card["version"]}
    )
    assert (state.saved, state.errors, state.closing_id) == ("已结案。", {}, "")
    assert state.cards == []
    closed = stored(session, raised)
    assert (closed.status, closed.outcome, closed.outcome_note) == (
        "closed",
        "hospitalised",
        "已送县精神病院",
    )


def test_closing_without_an_outcome_shows_the_error_beside_it_and_keeps_the_form(
    session, world, make_state, raised
):
    state = page_state(make_state)
    card = state.cards[0]
    AlertsState.start_closing.fn(state, card["id"])
    AlertsState.close.fn(state, {"note": "x" * 501, "version": card["version"]})
    assert state.errors == {"outcome": "此项必填。", "note": "内容过长，最多 500 个字。"}
    assert state.closing_id == card["id"]
    assert stored(session, raised).status == "open"


def test_closing_a_stale_card_is_refused_with_what_changed(session, world, make_state, raised):
    state = page_state(make_state)
    card = state.cards[0]
    alerts.take(session, world.actors[Role.social_worker], raised.id, raised.version)
    AlertsState.start_closing.fn(state, card["id"])
    AlertsState.close.fn(state, {"outcome": "resolved", "version": card["version"]})
    assert state.card_error == "这条记录已被他人修改（处置状态、接单人），请核对后再保存。"
    assert stored(session, raised).status == "taken"


def test_an_alert_closed_elsewhere_leaves_its_message_at_the_top(session, world, make_state, raised):
    state = page_state(make_state)
    card = state.cards[0]
    alerts.close(session, world.actors[Role.social_worker], raised.id, {"outcome": "resolved", "version": 1})
    AlertsState.take.fn(state, card["id"], card["version"])
    assert state.cards == []
    assert state.page_error == "这条记录已被他人修改（处置状态、处置结果），请核对后再保存。"


def test_errors_are_shown_in_the_users_language(session, world, make_state, raised):
    users.set_language(session, world.actors[Role.community_doctor], "en")
    state = page_state(make_state)
    card = state.cards[0]
    assert (card["status"], card["level"]) == ("Waiting to be taken", "Not escalated")
    alerts.take(session, world.actors[Role.township_coordinator], raised.id, raised.version)
    AlertsState.take.fn(state, card["id"], card["version"])
    assert state.card_error == "Someone else changed this record (status, taken by). Check it and save again."


def test_opening_the_page_logged_out_sends_the_caller_to_login(session, world, make_state):
    state = make_state(AlertsState, None, "/alerts")
    event = AlertsState.load.fn(state)
    assert "/login?next=%2Falerts" in str(event)
    assert state.allowed is False


def test_the_page_builds_with_every_label_in_the_catalogue(world):
    from jingkang_app.i18n.alerts_page_en import ALERTS_PAGE_EN
    from jingkang_app.pages.alerts import alerts_page

    rendered = str(alerts_page().render())  # Chinese text is escaped in the render; English shows as is
    for key in ("alerts.accept", "alerts.finish", "alerts.confirm_finish", "alerts.note_help"):
        assert ALERTS_PAGE_EN[key] in rendered
