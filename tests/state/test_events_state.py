"""家属培训/互助小组 through the page states, handlers called as any socket client could call them: an organiser
publishes (errors beside the fields, one event per form), a family signs up or joins the waiting list and cancels,
the organiser sees the roster and takes attendance once the event has started — and a family never receives the
roster nor signs up another family."""

import uuid
from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.domain.models import EventSignUp, FamilyEvent, Notification, Role
from jingkang_app.domain.services import auth, event_sign_ups, events, users
from jingkang_app.state.duelist import DueListState
from jingkang_app.state.event_detail import EventDetailState
from jingkang_app.state.events import EventListState
from jingkang_app.state.overview import OverviewState
from tests.factories import (
    PASSWORD,
    event_form,
    make_family,
    make_recipient,
    on_team,
    other_family,
    user_with_role,
)

DENIED_ZH = "您没有权限查看或修改这条记录。"
NOW = datetime(2026, 11, 23, 10, 0)  # the fake clock, in local (Shanghai) time: a Monday
START = NOW.replace(hour=14) + timedelta(days=7)  # the next Monday, 14:00


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


@pytest.fixture
def neighbour(session, world):
    """Another family of village A with a caregiver account of its own: (recipient, its session token)."""
    family, guardian = other_family(session, world, n=1)
    return family, auth.login(session, guardian.phone, PASSWORD).token


def publish(session, world, **overrides):
    form = event_form(START, START + timedelta(hours=2)) | overrides
    return events.publish_event(session, world.actors[Role.social_worker], form).event


def opened(make_state, cls, path: str, role: Role | None = None, token: str | None = None):
    state = make_state(cls, role, path, token)
    cls.load_user.fn(state)
    cls.load.fn(state)
    return state


def event_page(make_state, event, role: Role | None = Role.caregiver, token: str | None = None):
    return opened(make_state, EventDetailState, f"/events/{event.id}", role, token)


def sign_up(state: EventDetailState, recipient_id, *, waitlist: bool = False) -> None:
    form = {
        "client_id": state.client_id,
        "recipient_id": str(recipient_id),
        "waitlist": "true" if waitlist else "",
    }
    EventDetailState.sign_up.fn(state, form)


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def publish_form(client_id: str, **overrides) -> dict[str, str]:
    """What the 「发布活动」 form sends: datetime-local values, the number as typed."""
    return {
        "client_id": client_id,
        "kind": "mutual_aid",
        "title": "家属互助小组：照顾好自己",
        "starts_at": "2026-11-30T14:00",
        "ends_at": "2026-11-30T16:00",
        "place": "城关镇社工站活动室",
        "capacity": "12",
        "notes": "",
    } | overrides


# --- publishing -------------------------------------------------------------------------------------------


def test_an_organiser_publishes_an_event_and_sees_its_card(session, make_state):
    state = opened(make_state, EventListState, "/events", Role.social_worker)
    assert (state.allowed, state.can_publish, state.cards) == (True, True, [])
    EventListState.open_form.fn(state)
    EventListState.publish.fn(state, publish_form(state.client_id))
    assert (state.saved, state.form_open, state.errors) == (
        "活动已发布：家属互助小组：照顾好自己。附近的家属现在可以报名了。",
        False,
        {},
    )
    [card] = state.cards
    assert (card["kind"], card["when"], card["seats"], card["waiting"], card["mine"]) == (
        "互助小组",
        "2026-11-30（周一）14:00 至 16:00",
        "还剩 12 个名额（共 12 个）",
        "",
        "",
    )


def test_bad_times_are_shown_beside_their_fields_and_nothing_is_stored(session, make_state):
    state = opened(make_state, EventListState, "/events", Role.social_worker)
    EventListState.open_form.fn(state)
    form = publish_form(
        state.client_id, starts_at="2026-11-20T14:00", ends_at="2026-11-20T09:00", capacity=""
    )
    EventListState.publish.fn(state, form)
    assert state.errors == {
        "starts_at": "开始时间已经过了，请选择以后的时间。",
        "ends_at": "结束时间要晚于开始时间，请重新选择。",
        "capacity": "此项必填。",
    }
    assert (state.form_open, state.saved, count(session, FamilyEvent)) == (True, "", 0)


def test_the_same_form_sent_twice_stores_one_event(session, make_state):
    state = opened(make_state, EventListState, "/events", Role.township_coordinator)
    EventListState.open_form.fn(state)
    form = publish_form(state.client_id)
    EventListState.publish.fn(state, form)
    EventListState.publish.fn(state, form)  # the second tap, sent before the form closed
    assert count(session, FamilyEvent) == 1
    assert len(state.cards) == 1


def test_a_caregiver_sees_no_publish_form_and_publishing_anyway_is_refused(session, make_state, recipient):
    state = opened(make_state, EventListState, "/events", Role.caregiver)
    assert (state.allowed, state.can_publish) == (True, False)
    EventListState.publish.fn(state, publish_form(str(uuid.uuid4())))
    assert (state.page_error, count(session, FamilyEvent)) == (DENIED_ZH, 0)


def test_organisers_reach_the_events_from_their_home_pages(session, world, make_state):
    publish(session, world)
    tasks = opened(make_state, DueListState, "/tasks", Role.social_worker)
    overview = opened(make_state, OverviewState, "/overview", Role.township_coordinator)
    grid = opened(make_state, DueListState, "/tasks", Role.grid_worker)
    assert (tasks.can_publish_events, overview.events_upcoming, grid.can_publish_events) == (True, "1", False)


# --- a family signs up ------------------------------------------------------------------------------------


def test_a_caregiver_sees_the_event_and_signs_up_for_their_relative(session, world, make_state, recipient):
    event = publish(session, world)
    listed = opened(make_state, EventListState, "/events", Role.caregiver)
    assert "/events" in listed.nav_routes
    assert [card["title"] for card in listed.cards] == [event.title]
    state = event_page(make_state, event)
    assert state.relatives == [
        {"id": str(recipient.id), "name": recipient.name, "label": f"为家人 {recipient.name} 报名"}
    ]
    assert (state.found, state.organiser, state.full, state.mine_id) == (True, False, False, "")
    sign_up(state, recipient.id)
    assert (state.saved, state.mine_line, state.event["seats"]) == (
        "报名成功！请按时参加。",
        "您已报名，请按时参加。",
        "还剩 19 个名额（共 20 个）",
    )
    assert opened(make_state, EventListState, "/events", Role.caregiver).cards[0]["mine"] == "已报名"


def test_a_caregiver_of_several_relatives_chooses_among_those_living_in_the_events_area(
    session, world, make_state, recipient
):
    event = publish(session, world)
    sister = make_recipient(session, world, name="张建华")
    away = make_recipient(session, world, world.village_b, name="张建军")
    users.assign_role(
        session, world.admin, world.users[Role.caregiver].id, Role.caregiver, world.village_b.id
    )
    for relative in (sister, away):
        on_team(session, world, relative, Role.caregiver, "guardian")
    state = event_page(make_state, event)
    assert [r["name"] for r in state.relatives] == [recipient.name, "张建华"]
    sign_up(state, sister.id)
    assert session.exec(select(EventSignUp.recipient_id)).all() == [sister.id]


def test_a_full_event_offers_the_waiting_list_and_the_caregiver_joins_it_first(
    session, world, make_state, recipient, neighbour
):
    event = publish(session, world, capacity=1)
    family, token = neighbour
    sign_up(event_page(make_state, event, None, token), family.id)
    state = event_page(make_state, event)
    assert (state.full, state.event["seats"]) == (True, "名额已满（共 1 个）")
    sign_up(state, recipient.id)  # 「报名」 from a page read before it filled
    assert state.errors == {"waitlist": "名额已满（共 1 人）。您可以排队候补，有人退出时按先后顺序通知您。"}
    assert count(session, EventSignUp) == 1
    sign_up(state, recipient.id, waitlist=True)
    assert state.saved == "已加入候补名单，您排在第 1 位。有空位时会通知您。"
    assert state.mine_line == "您在候补名单第 1 位，有空位时会通知您。"
    card = opened(make_state, EventListState, "/events", Role.caregiver).cards[0]
    assert (card["mine"], card["waiting"]) == ("候补第 1 位", "1 户在排队候补")


def test_cancelling_frees_the_seat_for_the_first_waiting_who_opens_it_from_the_notice(
    session, world, make_state, recipient, neighbour
):
    event = publish(session, world, capacity=1)
    family, token = neighbour
    mine = event_page(make_state, event)
    sign_up(mine, recipient.id)
    theirs = event_page(make_state, event, None, token)
    sign_up(theirs, family.id, waitlist=True)

    EventDetailState.cancel_sign_up.fn(mine, mine.mine_id, mine.mine_version)

    assert (mine.saved, mine.mine_id, mine.event["seats"]) == ("已取消报名。", "", "名额已满（共 1 个）")
    notice = session.exec(select(Notification).where(Notification.kind == "event_promoted")).one()
    promoted = opened(make_state, EventDetailState, notice.link, None, token)
    assert (promoted.found, promoted.mine_line) == (True, "您已报名，请按时参加。")
    roster = event_page(make_state, event, Role.social_worker)
    assert ([row["name"] for row in roster.seated], roster.waiting) == ([family.name], [])


# --- a family never sees or signs up another ----------------------------------------------------------------


def test_a_caregiver_receives_counts_but_never_the_roster(session, world, make_state, recipient, neighbour):
    event = publish(session, world, capacity=1)
    family, token = neighbour
    sign_up(event_page(make_state, event, None, token), family.id)
    state = event_page(make_state, event)
    assert (state.organiser, state.seated, state.waiting) == (False, [], [])
    assert [r["id"] for r in state.relatives] == [str(recipient.id)]
    assert family.name not in str(state.event)


def test_signing_up_another_familys_relative_is_refused_and_nothing_is_stored(
    session, world, make_state, recipient, neighbour
):
    event = publish(session, world)
    family, _token = neighbour
    state = event_page(make_state, event)
    sign_up(state, family.id)  # a value the page never offered, forced by the client
    assert (state.page_error, state.saved, count(session, EventSignUp)) == (DENIED_ZH, "", 0)


# --- its organisers ---------------------------------------------------------------------------------------


def test_the_organiser_sees_the_roster_seated_first_then_the_waiting_list(
    session, world, make_state, recipient, neighbour
):
    event = publish(session, world, capacity=1)
    family, token = neighbour
    sign_up(event_page(make_state, event, None, token), family.id)
    sign_up(event_page(make_state, event), recipient.id, waitlist=True)
    state = event_page(make_state, event, Role.township_coordinator)
    assert state.organiser and state.relatives == []
    assert [(r["name"], r["position"]) for r in state.seated] == [(family.name, "已报名")]
    assert [(r["name"], r["position"], r["caregiver"]) for r in state.waiting] == [
        (recipient.name, "候补第 1 位", f"报名人：{world.users[Role.caregiver].name}")
    ]


def test_attendance_is_taken_only_once_the_event_has_started(
    session, world, make_state, fake_clock, recipient, neighbour
):
    event = publish(session, world)
    family, token = neighbour
    sign_up(event_page(make_state, event), recipient.id)
    sign_up(event_page(make_state, event, None, token), family.id)
    early = event_page(make_state, event, Role.social_worker)
    EventDetailState.record_attendance.fn(early, {"version": early.event["version"]})
    assert (early.started, early.errors) == (False, {"status": "活动还没有开始，开始以后才能登记到场情况。"})

    fake_clock.advance(days=7, hours=4)  # 14:00 on the day
    state = event_page(make_state, event, Role.social_worker)
    first, second = (row["id"] for row in state.seated)
    EventDetailState.record_attendance.fn(
        state, {"version": state.event["version"], f"attended_{first}": "yes"}
    )
    assert state.errors == {"attendance": "请为每位家属选择「出席」或「缺席」。"}
    marks = {"version": state.event["version"], f"attended_{first}": "yes", f"attended_{second}": "no"}
    EventDetailState.record_attendance.fn(state, marks)
    assert (state.saved, [r["attended_label"] for r in state.seated]) == (
        "到场情况已保存。",
        ["出席", "缺席"],
    )
    assert state.event["attendance"] == "到场情况已于 2026-11-30 14:00 登记。"


def test_the_organiser_cancels_the_event_with_a_reason_the_families_are_told(
    session, world, make_state, recipient
):
    event = publish(session, world)
    sign_up(event_page(make_state, event), recipient.id)
    state = event_page(make_state, event, Role.social_worker)
    EventDetailState.open_cancel.fn(state)
    EventDetailState.cancel_event.fn(state, {"version": state.event["version"], "reason": " "})
    assert (state.errors, state.cancelling) == ({"reason": "此项必填。"}, True)
    EventDetailState.cancel_event.fn(state, {"version": state.event["version"], "reason": "场地临时维修"})
    assert (state.saved, state.cancelled, state.event["cancelled"]) == (
        "活动已取消，已通知报名和候补的家属。",
        True,
        "这次活动已取消。原因：场地临时维修",
    )
    family = event_page(make_state, event)
    assert (family.cancelled, family.event["cancelled"]) == (True, "这次活动已取消。原因：场地临时维修")


def test_a_change_made_meanwhile_is_named_and_the_page_reread(session, world, make_state):
    event = publish(session, world)
    state = event_page(make_state, event, Role.social_worker)
    changed = event_form(START, START + timedelta(hours=2), place="村委会活动室", version=1)
    events.update_event(session, world.actors[Role.township_coordinator], event.id, changed)
    EventDetailState.cancel_event.fn(state, {"version": "1", "reason": "讲师生病"})
    assert state.errors == {"status": "这条记录已被他人修改（地点），请核对后再保存。"}
    assert (state.event["place"], state.event["version"], state.cancelled) == ("村委会活动室", "2", False)


def test_a_grid_worker_cannot_open_the_events_or_the_organiser_view(session, world, make_state, recipient):
    event = publish(session, world)
    event_sign_ups.sign_up(
        session,
        world.actors[Role.caregiver],
        event.id,
        {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id},
    )
    listed = opened(make_state, EventListState, "/events", Role.grid_worker)
    assert (listed.allowed, listed.cards, listed.page_error) == (False, [], DENIED_ZH)
    state = event_page(make_state, event, Role.grid_worker)
    assert (state.found, state.organiser, state.seated, state.page_error) == (False, False, [], DENIED_ZH)
    EventDetailState.cancel_event.fn(state, {"version": "1", "reason": "不办了"})
    assert session.get(FamilyEvent, event.id).status == "scheduled"


def test_an_organiser_of_another_township_gets_no_roster(session, world, make_state, recipient):
    event = publish(session, world)
    outsider = user_with_role(session, world, Role.social_worker, world.township_b)
    token = auth.login(session, outsider.phone, PASSWORD).token
    state = event_page(make_state, event, None, token)
    assert (state.found, state.seated, state.page_error) == (False, [], DENIED_ZH)
