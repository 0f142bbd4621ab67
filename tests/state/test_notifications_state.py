"""The 通知 page's state and the bell's unread count, handlers called as any socket client could call them."""

import pytest
from sqlmodel import select

from jingkang_app.domain.models import Notification, Role
from jingkang_app.domain.services import followups, users
from jingkang_app.state.base import AppState
from jingkang_app.state.notifications import NotificationsState
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient


@pytest.fixture
def recipient(session, world):
    """An alert: its owner (the doctor who recorded it) and the township coordinator are each told once."""
    recipient = make_recipient(session, world, name="王伟")
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="3")
    )
    return recipient


def page_state(make_state, role: Role | None = Role.community_doctor) -> NotificationsState:
    state = make_state(NotificationsState, role, "/notifications")
    NotificationsState.load_user.fn(state)
    NotificationsState.load.fn(state)
    return state


def unread_in_db(session, role_user_id: int) -> int:
    session.expire_all()
    rows = session.exec(select(Notification).where(Notification.user_id == role_user_id)).all()
    return sum(1 for n in rows if n.read_at is None)


def test_any_signed_in_page_counts_the_users_unread_notices_for_the_bell(
    session, world, make_state, recipient
):
    state = make_state(AppState, Role.township_coordinator, "/overview")
    AppState.load_user.fn(state)
    assert (state.unread, state.unread_badge, state.bell_label) == (1, "1", "通知，1 条未读")


def test_the_page_lists_only_the_users_own_notices_each_linking_to_the_recipient(
    session, world, make_state, recipient
):
    doctor = page_state(make_state)
    assert [item["text"] for item in doctor.items] == [
        "王伟 随访危险性 3 级，已生成复发预警，请在 24 小时内处置。"
    ]
    assert doctor.items[0]["link"] == f"/recipients/{recipient.id}"
    assert (doctor.items[0]["unread"], doctor.items[0]["time"]) == ("1", "2026-11-23 10:00")
    coordinator = page_state(make_state, Role.township_coordinator)
    assert [item["text"] for item in coordinator.items] == ["王伟 出现复发预警（危险性 3 级）。"]
    assert page_state(make_state, Role.grid_worker).items == []


def test_opening_the_page_marks_nothing_read(session, world, make_state, recipient):
    state = page_state(make_state)
    assert state.unread == 1
    assert unread_in_db(session, world.users[Role.community_doctor].id) == 1


def test_mark_all_read_clears_the_count_for_this_user_only(session, world, make_state, recipient):
    state = page_state(make_state)
    NotificationsState.mark_all_read.fn(state)
    assert (state.unread, state.saved, state.items[0]["unread"]) == (0, "已全部标为已读。", "")
    assert unread_in_db(session, world.users[Role.community_doctor].id) == 0
    assert unread_in_db(session, world.users[Role.township_coordinator].id) == 1


def test_following_a_notice_marks_that_one_read(session, world, make_state, recipient):
    state = page_state(make_state)
    NotificationsState.open_notice.fn(state, state.items[0]["id"])
    assert (state.unread, state.items[0]["unread"]) == (0, "")


def test_opening_another_users_notice_by_id_changes_nothing(session, world, make_state, recipient):
    coordinators_notice = session.exec(
        select(Notification).where(Notification.user_id == world.users[Role.township_coordinator].id)
    ).one()
    state = page_state(make_state)
    NotificationsState.open_notice.fn(state, str(coordinators_notice.id))
    assert state.unread == 1
    assert unread_in_db(session, world.users[Role.township_coordinator].id) == 1


def test_the_page_is_in_the_users_language(session, world, make_state, recipient):
    users.set_language(session, world.actors[Role.township_coordinator], "en")
    state = page_state(make_state, Role.township_coordinator)
    assert state.items[0]["text"] == "Relapse alert for 王伟 (risk level 3)."
    assert state.bell_label == "Notifications, 1 unread"


def test_logged_out_callers_are_sent_to_login_and_mark_nothing(session, world, make_state, recipient):
    state = make_state(NotificationsState, None, "/notifications")
    event = NotificationsState.mark_all_read.fn(state)
    assert "/login" in str(event)
    assert state.saved == ""
    assert unread_in_db(session, world.users[Role.community_doctor].id) == 1


def test_the_page_builds_with_its_labels(world):
    from jingkang_app.i18n.care_en import CARE_EN
    from jingkang_app.pages.notifications import notifications_page

    rendered = str(notifications_page().render())
    assert CARE_EN["notice.mark_read"] in rendered
