"""监护补贴 (以奖代补) for staff through its state: who may open the page, the village committee's quarterly
看护管理记录 (once per client id, a failed check needs a note, another village's is refused), the township's
approval and rejection the family reads, the yearly payment as the service stored it, and a stale card."""

import uuid
from datetime import date

import pytest
from sqlmodel import func, select

from jingkang_app.domain import settings
from jingkang_app.domain.models import Role, SubsidyCheck, SubsidyPayment
from jingkang_app.domain.services import auth, subsidy, subsidy_year
from jingkang_app.state.overview import OverviewState
from jingkang_app.state.subsidy import SubsidyState
from tests.domain.test_subsidy import followup_today, on
from tests.factories import make_family, other_family, subsidy_check_form

DENIED = "您没有权限查看或修改这条记录。"


@pytest.fixture
def recipient(session, world):
    return make_family(session, world)


def apply_for(session, world, recipient, **overrides):
    form = {"client_id": str(uuid.uuid4()), "recipient_id": recipient.id} | overrides
    return subsidy.apply(session, world.actor(session, Role.caregiver), form).subsidy


def opened(make_state, role=Role.township_coordinator) -> SubsidyState:
    state = make_state(SubsidyState, role, "/subsidies")
    SubsidyState.load_user.fn(state)
    SubsidyState.load.fn(state)
    return state


def check_form(state: SubsidyState, quarter: str = "4", **overrides) -> dict:
    """What the check form sends: the client id it opened with, every duty ticked, passed."""
    duties = {"reported_moves": "on", "prevented_missing": "on", "reported_relapse_signs": "on"}
    return (
        {"client_id": state.client_id, "quarter": quarter, "passed": "yes", "note": ""} | duties | overrides
    )


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.mark.parametrize("role", [Role.caregiver, Role.grid_worker])
def test_a_caregiver_and_a_grid_worker_cannot_open_the_page(session, world, make_state, recipient, role):
    apply_for(session, world, recipient)
    state = opened(make_state, role)
    assert (state.allowed, state.cards, state.page_error) == (False, [], DENIED)


def test_the_village_committee_records_this_quarters_check(session, world, make_state, recipient):
    application = apply_for(session, world, recipient)
    state = opened(make_state, Role.village_cadre)
    [card] = state.cards
    assert (state.steps, state.counts) == (["check"], {"pending": "1", "approved": "0"})
    assert (card["name"], card["year"], card["applied"]) == (
        recipient.name,
        "2026 年度",
        "申请日期：2026-11-23",
    )
    SubsidyState.open_step.fn(state, card["id"], "check")
    assert state.quarters == ["4"]  # applied in November: the fourth quarter is the only one covered
    SubsidyState.submit_step.fn(state, check_form(state))
    assert state.saved == f"已登记{recipient.name}第 4 季度看护管理记录：通过。"
    assert (state.acting_id, state.cards[0]["passed"]) == ("", "看护管理检查已通过 1 个季度")
    [stored] = session.exec(select(SubsidyCheck)).all()
    assert (stored.subsidy_id, stored.cooperated_followups, stored.reported_moves) == (
        application.id,
        False,
        True,
    )


def test_the_same_check_sent_again_is_stored_once(session, world, make_state, recipient):
    apply_for(session, world, recipient)
    state = opened(make_state, Role.village_cadre)
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "check")
    form = check_form(state)
    SubsidyState.submit_step.fn(state, form)
    # The second tap of the same form reaches the server after the first was stored.
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "check")
    SubsidyState.submit_step.fn(state, form)
    assert (state.errors, state.card_error, state.page_error) == ({}, "", "")
    assert state.saved == f"已登记{recipient.name}第 4 季度看护管理记录：通过。"
    assert count(session, SubsidyCheck) == 1


def test_a_failed_check_without_a_note_shows_the_error_beside_the_note(session, world, make_state, recipient):
    apply_for(session, world, recipient)
    state = opened(make_state, Role.village_cadre)
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "check")
    SubsidyState.submit_step.fn(state, check_form(state, passed="no", prevented_missing=""))
    assert state.errors == {"note": "检查未通过时请填写说明，让家属知道原因。"}
    assert (state.acting_id, state.saved, count(session, SubsidyCheck)) == (state.cards[0]["id"], "", 0)


def test_a_committee_of_another_village_cannot_check(session, world, make_state):
    theirs, guardian = other_family(session, world, world.village_b)
    form = {"client_id": str(uuid.uuid4()), "recipient_id": theirs.id}
    elsewhere = subsidy.apply(session, auth.actor_for_user(session, guardian, None), form).subsidy
    state = opened(make_state, Role.village_cadre)
    assert state.cards == []
    SubsidyState.open_step.fn(state, str(elsewhere.id), "check")  # as any socket client could
    assert (state.page_error, state.acting_id) == (DENIED, "")
    assert count(session, SubsidyCheck) == 0


def test_the_township_approves_at_the_rate_the_service_fixed(session, world, make_state, recipient):
    apply_for(session, world, recipient)
    state = opened(make_state)
    assert state.steps == ["approve", "reject", "pay", "check"]
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "approve")
    SubsidyState.submit_step.fn(state, {"version": "1", "reason": ""})
    assert (
        state.saved
        == f"已批准{recipient.name}的申请：一般（危险性评估 0–2 级），每月 350 元。家属会收到通知。"
    )
    assert (state.cards, state.counts) == ([], {"pending": "0", "approved": "1"})


def test_rejection_needs_a_reason_beside_the_field_and_the_family_reads_it(
    session, world, make_state, recipient
):
    application = apply_for(session, world, recipient)
    state = opened(make_state)
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "reject")
    SubsidyState.submit_step.fn(state, {"version": "1", "reason": "  "})
    assert (state.errors, state.acting_step) == ({"reason": "此项必填。"}, "reject")
    SubsidyState.submit_step.fn(state, {"version": "1", "reason": "监护人未与患者同住"})
    assert state.saved == f"已驳回{recipient.name}的申请，家属会收到理由。"
    session.expire_all()  # what the state's own session stored
    [view] = subsidy.subsidies_of(session, world.actor(session, Role.caregiver), recipient.id)
    assert (view.subsidy.id, view.subsidy.status, view.subsidy.decision_reason) == (
        application.id,
        "rejected",
        "监护人未与患者同住",
    )


def test_the_payment_shows_the_amount_the_service_stored(session, world, fake_clock, make_state, recipient):
    settings.put(session, world.county.id, "subsidy.guardian_monthly_yuan", {"standard": 180, "high": 420})
    settings.put(session, world.county.id, "subsidy.care_allowance_monthly_yuan", 120)
    session.commit()
    application = apply_for(session, world, recipient)
    subsidy.approve(session, world.actors[Role.township_coordinator], application.id, {"version": 1})
    state = opened(make_state)
    SubsidyState.show.fn(state, "approved")
    assert state.cards[0]["pay_later"] == "2026 年度结束后登记发放"
    subsidy_year.record_check(
        session, world.actors[Role.village_cadre], application.id, subsidy_check_form(4)
    )
    on(fake_clock, date(2027, 1, 10))  # the year is over: the coordinator signs in again
    state = opened(make_state)
    SubsidyState.show.fn(state, "approved")
    [card] = state.cards
    assert card["pay_later"] == ""
    SubsidyState.open_step.fn(state, card["id"], "pay")
    SubsidyState.submit_step.fn(
        state, {"version": card["version"], "client_id": state.client_id, "paid_on": ""}
    )
    # Only the fourth quarter is covered and it passed: 3 months × (监护补助 + 看护补贴) of the county's settings.
    monthly = settings.get(session, world.county.id, "subsidy.guardian_monthly_yuan")[
        "standard"
    ] + settings.get(session, world.county.id, "subsidy.care_allowance_monthly_yuan")
    assert monthly * 3 == 900
    assert state.saved == (
        f"已登记{recipient.name} 2026 年度监护补贴发放：3 个月，每月 {monthly} 元，共 {3 * monthly} 元（2027-01-10）。"
    )
    assert session.exec(select(SubsidyPayment.amount_yuan)).one() == 3 * monthly


def test_a_year_with_trouble_is_withheld_and_says_so(session, world, fake_clock, make_state, recipient):
    application = apply_for(session, world, recipient)
    subsidy.approve(session, world.actors[Role.township_coordinator], application.id, {"version": 1})
    followup_today(session, world, recipient, risk_level="2", trouble="1")
    on(fake_clock, date(2027, 1, 10))
    state = opened(make_state)
    SubsidyState.show.fn(state, "approved")
    SubsidyState.open_step.fn(state, state.cards[0]["id"], "pay")
    SubsidyState.submit_step.fn(state, {"version": "2", "client_id": state.client_id})
    assert state.saved == (
        f"{recipient.name} 2026 年度监护补贴不予发放，金额 0 元：本年度随访记录有肇事肇祸（2026-11-23）。"
    )


def test_a_payment_before_every_quarter_is_checked_is_refused_on_the_card(
    session, world, fake_clock, make_state, recipient
):
    application = apply_for(session, world, recipient)
    subsidy.approve(session, world.actors[Role.township_coordinator], application.id, {"version": 1})
    on(fake_clock, date(2027, 1, 10))
    state = opened(make_state)
    SubsidyState.show.fn(state, "approved")
    card_id = state.cards[0]["id"]
    SubsidyState.open_step.fn(state, card_id, "pay")
    SubsidyState.submit_step.fn(state, {"version": "2", "client_id": state.client_id})
    assert (state.error_for, state.card_error, state.errors) == (
        card_id,
        "第 4 季度还没有看护管理记录，请村（居）委会登记后再发放。",
        {},
    )
    assert count(session, SubsidyPayment) == 0


def test_a_card_someone_else_decided_meanwhile_says_what_changed(session, world, make_state, recipient):
    application = apply_for(session, world, recipient)
    state = opened(make_state)
    subsidy.approve(session, world.actors[Role.county_coordinator], application.id, {"version": 1})
    SubsidyState.open_step.fn(state, str(application.id), "reject")
    SubsidyState.submit_step.fn(state, {"version": "1", "reason": "重复申请"})
    assert state.page_error == (
        "这条记录已被他人修改（状态、补贴类别、监护补助金额、看护补贴金额、审核意见），请核对后再保存。"
    )
    assert (state.cards, state.acting_id) == ([], "")


def test_the_overview_links_to_the_queue_with_its_count(session, world, make_state, recipient):
    apply_for(session, world, recipient)
    state = make_state(OverviewState, Role.township_coordinator, "/overview")
    OverviewState.load.fn(state)
    assert state.subsidy_pending == "1"
