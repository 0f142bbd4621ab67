"""The recipient page's extras, their handlers called as any socket client could call them: the 积分 panel with
「兑换」, 「生成走访陪同班次」 on a home visit, and 「登记为志愿者」 after the consent to volunteering."""

import uuid
from datetime import date

import pytest
from sqlmodel import select

from jingkang_app.domain.models import ConsentRecord, PointsEntry, Role, Volunteer, VolunteerShift
from jingkang_app.domain.services import followups, rehab_services, visits
from jingkang_app.i18n.recipient_page_en import RECIPIENT_PAGE_EN
from jingkang_app.i18n.recipient_page_zh import RECIPIENT_PAGE_ZH
from jingkang_app.state.recipient_points import RecipientPointsState
from jingkang_app.state.recipient_timeline import RecipientTimelineState
from jingkang_app.state.recipient_volunteer import RecipientVolunteerState
from jingkang_app.state.recipients import RecipientDetailState
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_followups import stable_form
from tests.factories import make_family, make_recipient, make_recipient_registered_on
from tests.state.test_recipient_page_state import DENIED_ZH, page, sibling

COORDINATOR = Role.township_coordinator


def loaded(detail: RecipientDetailState, cls):
    """Another of the page's on_load handlers, run after the page's own load (same tab, same cookie)."""
    state = sibling(detail, cls)
    cls.load.fn(state)
    return state


@pytest.fixture
def attended(session, world):
    """A recipient who came to one rehab session (5 points, the county's default)."""
    recipient = make_recipient_registered_on(session, world, date(2026, 3, 1))
    form = {
        "client_id": str(uuid.uuid4()),
        "service_date": "2026-11-20",
        "place": "home",
        "contents": ["life_skills"],
        "duration_minutes": "60",
        "recipient_ids": [recipient.id],
    }
    rehab_services.record_service(session, world.actors[Role.social_worker], form)
    return recipient


def redemptions(session) -> list[PointsEntry]:
    return list(session.exec(select(PointsEntry).where(PointsEntry.points < 0)).all())


# --- 积分 --------------------------------------------------------------------------------------------------------


def test_a_coordinator_sees_the_balance_and_redeems(session, make_state, attended):
    detail = page(make_state, attended, COORDINATOR)
    panel = loaded(detail, RecipientPointsState)
    assert (panel.visible, panel.can_redeem, panel.balance) == (True, True, "5")
    [line] = panel.lines
    assert (line["points"], line["what"]) == ("+5", "参加康复服务（2026-11-20）")
    opened_with = panel.client_id
    form = {"client_id": opened_with, "points": "3", "redemption": "毛巾一条"}
    RecipientPointsState.redeem.fn(panel, form)
    RecipientPointsState.redeem.fn(panel, form)  # a double tap: stored once
    assert (panel.errors, panel.saved, panel.balance) == ({}, "已兑换 3 积分，剩余 2 积分。", "2")
    assert [(x["points"], x["what"]) for x in panel.lines] == [
        ("-3", "兑换：毛巾一条"),
        ("+5", "参加康复服务（2026-11-20）"),
    ]
    assert panel.client_id != opened_with  # the next opened form is a new redemption
    assert [(e.points, e.recipient_id) for e in redemptions(session)] == [(-3, attended.id)]
    assert detail.page_error == ""


def test_an_overdraw_is_refused_beside_the_points_and_nothing_is_stored(session, make_state, attended):
    panel = loaded(page(make_state, attended, COORDINATOR), RecipientPointsState)
    form = {"client_id": panel.client_id, "points": "9", "redemption": "米一袋"}
    RecipientPointsState.redeem.fn(panel, form)
    assert panel.errors == {"points": "积分不够：现有 5 分，不能兑换 9 分。"}
    assert (panel.saved, panel.balance, panel.page_error) == ("", "5", "")
    assert redemptions(session) == []


def test_a_grid_worker_sees_no_points_and_a_forced_redemption_is_refused(session, make_state, attended):
    detail = page(make_state, attended, Role.grid_worker)
    panel = loaded(detail, RecipientPointsState)
    assert (panel.visible, panel.can_redeem, panel.balance, panel.lines) == (False, False, "0", [])
    assert detail.found and detail.page_error == ""  # the page itself still shows
    RecipientPointsState.redeem.fn(
        panel, {"client_id": str(uuid.uuid4()), "points": "1", "redemption": "毛巾一条"}
    )
    assert panel.page_error == DENIED_ZH
    assert redemptions(session) == []


# --- 生成走访陪同班次 --------------------------------------------------------------------------------------------


def visit_entry(records: RecipientTimelineState) -> dict[str, str]:
    return next(e for e in records.entries if e["kind"] == "visit")


def test_a_double_tap_makes_one_visit_shift_and_opens_it(session, world, make_state):
    recipient = make_family(session, world)
    visit = visits.record_visit(
        session, world.actors[Role.grid_worker], visit_form(recipient.id, next_visit_date="2026-12-10")
    ).visit
    records = loaded(page(make_state, recipient, COORDINATOR), RecipientTimelineState)
    assert records.can_make_shift and visit_entry(records)["record_id"] == str(visit.id)
    first = RecipientTimelineState.make_visit_shift.fn(records, str(visit.id))
    again = RecipientTimelineState.make_visit_shift.fn(records, str(visit.id))
    [shift] = session.exec(select(VolunteerShift)).all()
    assert (shift.home_visit_id, shift.kind) == (visit.id, "visit_companion")
    assert f"/shifts/{shift.id}" in str(first) and f"/shifts/{shift.id}" in str(again)
    assert visit_entry(records)["shift_error"] == ""


def test_a_visit_without_a_next_date_shows_the_refusal_on_its_entry(session, world, make_state):
    recipient = make_family(session, world)
    visit = visits.record_visit(session, world.actors[Role.grid_worker], visit_form(recipient.id)).visit
    # The service now plans the next visit by the county's interval; a visit stored without one (before that,
    # or brought in from paper) has none.
    visit.next_visit_date = None
    session.add(visit)
    session.commit()
    records = loaded(page(make_state, recipient, COORDINATOR), RecipientTimelineState)
    assert RecipientTimelineState.make_visit_shift.fn(records, str(visit.id)) is None
    assert visit_entry(records)["shift_error"] == "这次走访没有填下次走访日期，请选择服务的开始和结束时间。"
    assert records.page_error == ""
    assert session.exec(select(VolunteerShift)).all() == []


def test_grid_workers_get_no_shift_button_and_unlisted_visits_are_ignored(session, world, make_state):
    recipient = make_recipient(session, world)
    visits.record_visit(
        session, world.actors[Role.grid_worker], visit_form(recipient.id, next_visit_date="2026-12-10")
    )
    records = loaded(page(make_state, recipient, Role.grid_worker), RecipientTimelineState)
    assert not records.can_make_shift
    assert RecipientTimelineState.make_visit_shift.fn(records, "999") is None
    assert session.exec(select(VolunteerShift)).all() == []


# --- 志愿服务 consent, then 登记为志愿者 --------------------------------------------------------------------------


def test_the_volunteering_consent_is_recorded_then_the_recipient_registered_as_a_volunteer(
    session, world, make_state
):
    recipient = make_recipient(session, world)
    followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    detail = page(make_state, recipient, COORDINATOR)
    volunteer = loaded(detail, RecipientVolunteerState)
    assert (volunteer.can_register, volunteer.registered) == (False, False)  # no consent yet
    consent = {
        "client_id": detail.consent_client_id,
        "kind": "volunteering",
        "signed_on": "2026-11-20",
        "signed_by_recipient": "on",
    }
    assert RecipientDetailState.record_consent.fn(detail, consent) is RecipientVolunteerState.load
    assert detail.consent_errors == {}
    assert detail.consents[0]["kind"] == "参与志愿服务同意"
    assert session.exec(select(ConsentRecord.kind)).all() == ["volunteering"]
    RecipientVolunteerState.load.fn(volunteer)
    assert volunteer.can_register and volunteer.area_id == str(recipient.area_id)
    assert str(recipient.area_id) in [a["id"] for a in volunteer.areas]
    assert (detail.detail["name"], detail.detail["phone"]) == ("张建国", "13812345678")  # the form's defaults
    form = {
        "client_id": volunteer.client_id,
        "name": "张建国",
        "phone": "13812345678",
        "password": "short",
        "area_id": volunteer.area_id,
    }
    RecipientVolunteerState.register.fn(volunteer, form)
    assert set(volunteer.errors) == {"password"} and volunteer.can_register
    RecipientVolunteerState.register.fn(volunteer, form | {"password": "correct-horse-9"})
    [added] = session.exec(select(Volunteer)).all()
    assert (added.recipient_id, added.status, added.phone) == (recipient.id, "active", "13812345678")
    assert volunteer.saved == f"已登记为志愿者，编号 {added.volunteer_no}。"
    assert (volunteer.can_register, volunteer.registered, volunteer.errors) == (False, True, {})
    RecipientVolunteerState.load.fn(volunteer)
    assert (volunteer.can_register, volunteer.registered) == (False, True)


def test_others_get_no_volunteer_form(session, world, make_state):
    recipient = make_recipient(session, world)
    followups.record_followup(session, world.actors[Role.community_doctor], stable_form(recipient.id))
    detail = page(make_state, recipient, Role.grid_worker)
    volunteer = loaded(detail, RecipientVolunteerState)
    assert (volunteer.can_register, volunteer.areas, detail.page_error) == (False, [], "")


def test_the_new_words_are_in_both_languages():
    assert RECIPIENT_PAGE_ZH.keys() == RECIPIENT_PAGE_EN.keys()
