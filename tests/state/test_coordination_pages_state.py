"""The coordinator's volunteer pages through their states, handlers called as any socket client could call them:
the registry (approving, reasons beside the field), shifts made by hand (errors beside the fields, one shift per
form) and in one tap from a home respite, an event or a ride request, matching with its reasons and the weekly
warning, invitations, verified hours that earn points, redemptions the balance must cover, certificates — and the
roles who may not open any of it."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.models import Role, Volunteer, VolunteerShift
from jingkang_app.domain.services import events, service_records, volunteer_registration
from jingkang_app.state.event_shift import EventShiftState
from jingkang_app.state.overview import OverviewState
from jingkang_app.state.respite_queue import RespiteQueueState
from jingkang_app.state.shift_detail import ShiftDetailState
from jingkang_app.state.shift_manage import ShiftManageState
from jingkang_app.state.transport import TransportQueueState, TransportRequestState
from jingkang_app.state.volunteer_detail import VolunteerDetailState
from jingkang_app.state.volunteer_registry import VolunteerRegistryState
from tests.factories import (
    approved_respite,
    event_form,
    make_family,
    make_shift,
    make_sign_up,
    make_volunteer,
    shift_form,
    volunteer_form,
)

DENIED_ZH = "您没有权限查看或修改这条记录。"
TUESDAY_9 = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL_TZ)  # a week after the fake clock's Monday 10:00


def local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    """A moment of November 2026 by the Shanghai clock, in UTC (the fake clock starts on the 23rd at 10:00)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


def opened(make_state, cls, path: str, role: Role = Role.township_coordinator):
    state = make_state(cls, role, path)
    cls.load_user.fn(state)
    cls.load.fn(state)
    return state


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def volunteer(session, world):
    """The world's volunteer account, 在册 in village A, insured and trained in respite care, free on Tuesday
    mornings."""
    return make_volunteer(
        session,
        world,
        insured_until=date(2027, 6, 30),
        trainings=["volunteer_basics", "respite_care"],
        skills=["companionship"],
        availability=["tue_am"],
    )


@pytest.fixture
def served(session, world, fake_clock, volunteer):
    """A 14:00–16:00 shift today the volunteer checked in to at 13:52 and out of at 16:09; now 17:00."""
    shift = make_shift(session, world, local(14), hours=2)
    sign_up = make_sign_up(session, world, shift, volunteer)
    me = world.actors[Role.volunteer]
    fake_clock.current = local(13, 52)
    service_records.check_in(session, me, sign_up.id, {})
    fake_clock.current = local(16, 9)
    service_records.check_out(session, me, sign_up.id, {})
    fake_clock.current = local(17)
    return shift


def verify_on_the_shift_page(make_state, shift, **form) -> ShiftDetailState:
    page = opened(make_state, ShiftDetailState, f"/shifts/{shift.id}")
    row = page.cards[0]
    ShiftDetailState.open_step.fn(page, row["id"], "verify")
    data = {"version": row["version"], "verified_minutes": row["proposed"], "reason": "", "rating": ""}
    ShiftDetailState.submit_step.fn(page, data | form)
    return page


# --- the registry -----------------------------------------------------------------------------------------


def test_a_coordinator_approves_a_pending_volunteer_from_the_tab_the_notice_links_to(
    session, world, make_state
):
    volunteer_registration.register_volunteer(session, volunteer_form(world.village_a))
    page = opened(make_state, VolunteerRegistryState, "/volunteers?status=pending")
    [card] = page.cards
    assert (card["name"], card["phone"], card["area"]) == ("林晓燕", "137****1234", "南塘村")
    assert (card["availability"], card["insured"]) == (
        "周二上午、周六上午、周六下午",
        "志愿服务保险有效期至 2027-06-30",
    )
    assert page.counts == {"pending": "1", "active": "0", "paused": "0", "left": "0"}

    VolunteerRegistryState.take_step.fn(page, card["id"], "approve", card["version"])
    assert (page.saved, page.cards, page.counts["active"]) == ("已批准 林晓燕，志愿者会收到通知。", [], "1")
    assert session.exec(select(Volunteer.status)).one() == "active"


def test_pausing_needs_the_reason_the_volunteer_is_told_beside_the_field(
    session, world, make_state, volunteer
):
    page = opened(make_state, VolunteerRegistryState, "/volunteers?status=active")
    VolunteerRegistryState.open_step.fn(page, str(volunteer.id), "pause")
    VolunteerRegistryState.submit_step.fn(page, {"version": "1", "reason": ""})
    assert page.errors == {"reason": "此项必填。"}
    VolunteerRegistryState.submit_step.fn(page, {"version": "1", "reason": "近期外出务工"})
    assert (page.counts["paused"], page.cards) == ("1", [])


# --- shifts -------------------------------------------------------------------------------------------------


def test_a_shift_with_bad_times_is_refused_beside_the_fields_and_a_repeat_stores_once(
    session, world, make_state
):
    page = opened(make_state, ShiftManageState, "/shifts/manage")
    ShiftManageState.open_create.fn(page)
    assert {"id": str(world.village_a.id), "label": "城关镇 / 南塘村"} in page.areas
    past = shift_form(datetime(2026, 11, 20, 9, 0), ends_at="2026-11-20T08:00")
    ShiftManageState.create.fn(page, past)
    assert page.errors == {
        "starts_at": "开始时间已经过了，请选择以后的时间。",
        "ends_at": "结束时间要晚于开始时间，请重新选择。",
    }
    form = shift_form(TUESDAY_9.replace(tzinfo=None), area_id=str(world.village_a.id))
    first = ShiftManageState.create.fn(page, form)
    again = ShiftManageState.create.fn(page, dict(form))
    shift = session.exec(select(VolunteerShift)).one()
    assert f"/shifts/{shift.id}" in str(first) and f"/shifts/{shift.id}" in str(again)
    ShiftManageState.load.fn(page)
    assert [(c["kind"], c["when"], c["seats"]) for c in page.cards] == [
        ("陪伴", "2026-12-01 09:00–11:00", "已报名 0/2 人")
    ]


def test_one_tap_from_an_approved_home_respite_makes_one_shift_and_opens_it(session, world, make_state):
    request = approved_respite(session, world, date(2026, 12, 10), date(2026, 12, 12))
    page = opened(make_state, RespiteQueueState, "/respite")
    RespiteQueueState.show.fn(page, "approved")
    [card] = page.cards
    opened_page = RespiteQueueState.make_shift.fn(page, card["id"], card["shift_client_id"])
    RespiteQueueState.make_shift.fn(page, card["id"], card["shift_client_id"])  # a double tap
    shift = session.exec(select(VolunteerShift)).one()
    assert f"/shifts/{shift.id}" in str(opened_page)
    assert (shift.kind, shift.respite_request_id, shift.first_name) == ("respite", request.id, "建国")


def test_one_tap_from_an_event_opens_its_helpers_shift(session, world, make_state):
    start = datetime(2026, 11, 30, 14, 0)
    event = events.publish_event(
        session, world.actors[Role.social_worker], event_form(start, start + timedelta(hours=2))
    ).event
    state = make_state(EventShiftState, Role.township_coordinator, f"/events/{event.id}")
    made = EventShiftState.make.fn(state, str(uuid.uuid4()))
    shift = session.exec(select(VolunteerShift)).one()
    assert f"/shifts/{shift.id}" in str(made) and (shift.kind, shift.event_id) == ("activity", event.id)


def test_matching_says_why_and_an_invitation_lands_on_the_roster(session, world, make_state, volunteer):
    shift = make_shift(session, world, TUESDAY_9.astimezone(UTC), hours=2)
    page = opened(make_state, ShiftDetailState, f"/shifts/{shift.id}")
    ShiftDetailState.show_matches.fn(page)
    [match] = page.matches
    assert match["why"].split("\n") == [
        "保险和培训符合要求",
        "就在本村（南塘村）",
        "这个时间有空",
        "有 1 项对口的特长",
        "近 30 天服务 0.0 小时",
    ]
    ShiftDetailState.invite.fn(page, match["volunteer_id"])
    assert (page.saved, page.warning) == ("已邀请 周志远，对方接受后才占名额。", "")
    assert [(r["name"], r["status_label"]) for r in page.cards] == [("周志远", "已邀请")]
    assert page.matches[0]["signed"] == "已邀请"


def test_an_invitation_over_the_weekly_cap_is_made_with_a_warning(session, world, make_state, volunteer):
    earlier = make_shift(session, world, (TUESDAY_9 - timedelta(days=1)).astimezone(UTC), hours=2)
    make_sign_up(session, world, earlier, volunteer)
    long_shift = make_shift(session, world, TUESDAY_9.astimezone(UTC), hours=11)
    page = opened(make_state, ShiftDetailState, f"/shifts/{long_shift.id}")
    ShiftDetailState.show_matches.fn(page)
    assert page.matches[0]["weekly"] == "加上这次，这周共 13.0 小时，超过每周 12 小时的上限"
    ShiftDetailState.invite.fn(page, str(volunteer.id))
    assert page.warning == "注意：周志远 这周加上这次共 13.0 小时，超过每周 12 小时的上限。"
    assert page.cards[0]["status_label"] == "已邀请"


# --- service hours, points and certificates -------------------------------------------------------------


def test_verified_hours_after_check_out_earn_the_points_the_ledger_shows(
    session, world, make_state, served, volunteer
):
    page = opened(make_state, ShiftDetailState, f"/shifts/{served.id}")
    row = page.cards[0]
    # 13:52 → 16:09 is 137 minutes, rounded down to 135 (2 h 15 min); 135 × 10 points an hour ÷ 60 → 22.
    assert (row["status_label"], row["proposed"], row["can_verify"]) == ("已签退", "135", "1")
    assert row["times"] == "签到 2026-11-23 13:52 · 签退 2026-11-23 16:09"
    page = verify_on_the_shift_page(make_state, served, rating="5")
    assert page.saved == "已核实 周志远 的服务时长 2 小时 15 分钟，获得 22 积分。"
    assert page.cards[0]["verified"] == "已核实 2 小时 15 分钟，获得 22 积分，评价 5 星"

    ledger = opened(make_state, VolunteerDetailState, f"/volunteers/{volunteer.id}")
    assert ledger.balance == "22"
    assert [(line["points"], line["what"]) for line in ledger.lines] == [
        ("+22", "志愿服务：陪伴 · 2026-11-23 14:00")
    ]


def test_another_verified_time_asks_for_a_reason_beside_the_field(session, world, make_state, served):
    page = verify_on_the_shift_page(make_state, served, verified_minutes="120")
    assert page.errors == {"reason": "核定时长与签到签退算出的 135 分钟不同，请填写调整理由。"}
    assert page.cards[0]["status_label"] == "已签退"


def test_a_redemption_beyond_the_balance_is_refused_beside_the_field(
    session, world, make_state, served, volunteer
):
    verify_on_the_shift_page(make_state, served)
    page = opened(make_state, VolunteerDetailState, f"/volunteers/{volunteer.id}")
    VolunteerDetailState.redeem.fn(page, {"points": "50", "redemption": "大米一袋"})
    assert (page.errors, page.balance) == ({"points": "积分不够：现有 22 分，不能兑换 50 分。"}, "22")
    VolunteerDetailState.redeem.fn(page, {"points": "20", "redemption": "大米一袋"})
    assert (page.saved, page.balance, page.lines[0]["what"]) == (
        "已兑换 20 积分，剩余 2 积分。",
        "2",
        "兑换：大米一袋",
    )


def test_a_certificate_for_the_period_links_to_its_page(session, world, make_state, served, volunteer):
    verify_on_the_shift_page(make_state, served)
    page = opened(make_state, VolunteerDetailState, f"/volunteers/{volunteer.id}")
    VolunteerDetailState.issue.fn(page, {"period_start": "2026-11-01", "period_end": "2026-11-23"})
    [certificate] = page.certificates
    assert page.issued_href == certificate["href"] == f"/volunteer/certificates/{certificate['id']}"
    assert (certificate["period"], certificate["hours"]) == ("2026-11-01 至 2026-11-23", "2 小时 15 分钟")
    assert page.saved == f"证明已开具，编号 {certificate['code']}。"


def test_a_no_show_after_the_start_stays_on_the_roster_to_be_corrected(
    session, world, make_state, fake_clock, volunteer
):
    shift = make_shift(session, world, local(14), hours=2)
    make_sign_up(session, world, shift, volunteer)
    fake_clock.current = local(14, 30)
    page = opened(make_state, ShiftDetailState, f"/shifts/{shift.id}")
    row = page.cards[0]
    assert (row["can_no_show"], row["can_correct"]) == ("1", "1")
    ShiftDetailState.no_show.fn(page, row["id"], row["version"])
    assert (page.saved, page.cards[0]["status_label"]) == ("已登记 周志远 未到。", "未到")
    fake_clock.current = local(17)
    ShiftDetailState.open_step.fn(page, row["id"], "correct")
    form = {
        "version": page.cards[0]["version"],
        "check_in_at": "2026-11-23T14:40",
        "check_out_at": "2026-11-23T16:00",
    }
    ShiftDetailState.submit_step.fn(page, form | {"reason": ""})
    assert page.errors == {"reason": "此项必填。"}
    ShiftDetailState.submit_step.fn(page, form | {"reason": "志愿者迟到，手机没电未能签到"})
    assert page.cards[0]["status_label"] == "已签退" and page.cards[0]["proposed"] == "80"


# --- transport ----------------------------------------------------------------------------------------------


def test_a_family_asks_for_a_ride_and_the_coordinator_fills_it_as_a_shift_in_one_tap(
    session, world, make_state
):
    recipient = make_family(session, world)
    family = opened(make_state, TransportRequestState, f"/transport?rid={recipient.id}", Role.caregiver)
    ride = {
        "pickup": "南塘村村委会门口",
        "destination": "城关镇精康融合服务站",
        "wanted_at": "2026-12-01T08:30",
        "accompanied": "on",
    }
    TransportRequestState.ask.fn(family, ride | {"pickup": ""})
    assert family.errors == {"pickup": "此项必填。"}
    TransportRequestState.ask.fn(family, ride)
    assert [r["status_label"] for r in family.requests] == ["待安排"]

    queue = opened(make_state, TransportQueueState, "/transport")
    [card] = queue.cards
    assert (card["route"], card["accompanied"]) == ("南塘村村委会门口 → 城关镇精康融合服务站", "需要有人陪同")
    made = TransportQueueState.fill.fn(queue, card["id"], card["version"], card["client_id"])
    shift = session.exec(select(VolunteerShift)).one()
    assert f"/shifts/{shift.id}" in str(made) and (shift.kind, shift.place) == (
        "transport",
        "南塘村村委会门口",
    )
    TransportRequestState.load.fn(family)
    assert [r["status_label"] for r in family.requests] == ["已安排"]


def test_the_overview_links_to_what_waits_for_the_coordinator(session, world, make_state, served):
    volunteer_registration.register_volunteer(session, volunteer_form(world.village_a))
    state = make_state(OverviewState, Role.township_coordinator, "/overview")
    OverviewState.load.fn(state)
    assert state.volunteer_queues == {"volunteers": "1", "review": "1", "transport": "0"}


# --- who may open the pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker, Role.volunteer])
@pytest.mark.parametrize(
    ("cls", "path"),
    [
        (VolunteerRegistryState, "/volunteers"),
        (VolunteerDetailState, "/volunteers/{vid}"),
        (ShiftManageState, "/shifts/manage"),
        (ShiftDetailState, "/shifts/{sid}"),
        (TransportQueueState, "/transport"),
    ],
)
def test_caregivers_grid_workers_and_volunteers_cannot_open_the_coordinators_pages(
    session, world, make_state, volunteer, role, cls, path
):
    shift = make_shift(session, world, TUESDAY_9.astimezone(UTC))
    page = opened(make_state, cls, path.format(vid=volunteer.id, sid=shift.id), role)
    shown = page.found if hasattr(cls, "found") else page.allowed
    assert (shown, page.page_error) == (False, DENIED_ZH)


def test_a_grid_worker_calling_the_approve_handler_changes_nothing(session, world, make_state):
    pending = volunteer_registration.register_volunteer(session, volunteer_form(world.village_a)).volunteer
    page = make_state(VolunteerRegistryState, Role.grid_worker, "/volunteers")
    VolunteerRegistryState.take_step.fn(page, str(pending.id), "approve", "1")
    assert page.page_error == DENIED_ZH
    assert session.exec(select(Volunteer.status)).one() == "pending"
    assert count(session, VolunteerShift) == 0
