"""The referral pages through their states: the list with its late badge, one referral's history and the steps
its reader may take, a step taken, 退回 without a reason, a step forced by someone who may not take it, a reader
from elsewhere, the handover pack kept from the sending side, a stale version, and the new-referral form."""

from datetime import date

import pytest
from sqlmodel import select

from jingkang_app.domain.models import Referral, ReferralStepTaken, Role
from jingkang_app.domain.services import auth, referrals
from jingkang_app.i18n.referral_pages_en import REFERRAL_PAGES_EN
from jingkang_app.state.overview import OverviewState
from jingkang_app.state.referral_detail import ReferralDetailState as D
from jingkang_app.state.referral_list import ReferralListState as L
from jingkang_app.state.referral_new import ReferralNewState as N
from tests.factories import (
    PASSWORD,
    make_recipient_registered_on,
    referral_form,
    take_referral_step,
    user_with_role,
)

DENIED = "您没有权限查看或修改这条记录。"
GUARDIAN_PHONE = "13987654321"  # recipient_form's guardian: in the handover pack's contacts


@pytest.fixture
def recipient(session, world):
    return make_recipient_registered_on(session, world, date(2026, 11, 2))


def file(session, world, recipient, **overrides) -> Referral:
    """A 精康转介 the grid worker submits (the clock stands on Monday 23 Nov 2026)."""
    form = referral_form(recipient, **overrides)
    return referrals.create_referral(session, world.actors[Role.grid_worker], form).referral


def stored(session, referral) -> Referral:
    session.expire_all()
    return session.get(Referral, referral.id)


def detail(make_state, referral, role=Role.township_coordinator, token=None) -> D:
    state = make_state(D, role, f"/referrals/{referral.id}", token=token)
    D.load.fn(state)
    return state


def as_other_township(session, world, role=Role.township_coordinator) -> str:
    user = user_with_role(session, world, role, world.township_b)
    return auth.login(session, user.phone, PASSWORD).token


# --- the list ------------------------------------------------------------------------------------------------


def test_the_list_shows_a_late_referral_with_its_badge_to_the_township_coordinator(
    session, world, make_state, recipient
):
    # A paper application of Friday 13 Nov: Mon 16 … Fri 20 Nov is the fifth working day; Monday 23 is late.
    late = file(session, world, recipient, applied_on="2026-11-13")
    file(session, world, recipient)  # applied today: due Mon 30 Nov
    state = make_state(L, Role.township_coordinator, "/referrals")
    L.load.fn(state)
    assert state.counts == {"open": "2", "late": "1", "ended": "0"}
    card = next(c for c in state.cards if c["id"] == str(late.id))
    assert (card["late"], card["register_by"], card["applied"]) == (
        "「初核登记」已逾期",
        "初核登记截止：2026-11-20",
        "申请日期：2026-11-13",
    )
    assert card["holders"] == "当前办理：乡镇(街道)管理员、县级管理员"
    assert card["id_masked"] == recipient.id_number[:4] + "*" * 10 + recipient.id_number[-4:]
    L.show.fn(state, "late")
    assert [c["id"] for c in state.cards] == [str(late.id)]


def test_the_grid_worker_sees_no_identity_number_on_the_cards(session, world, make_state, recipient):
    file(session, world, recipient)
    state = make_state(L, Role.grid_worker, "/referrals")
    L.load.fn(state)
    assert [c["id_masked"] for c in state.cards] == [""]


def test_the_overview_card_counts_the_late_referrals(session, world, make_state, recipient):
    file(session, world, recipient, applied_on="2026-11-13")
    file(session, world, recipient)
    state = make_state(OverviewState, Role.township_coordinator, "/overview")
    OverviewState.load.fn(state)
    assert state.referrals_late == "1"


# --- one referral --------------------------------------------------------------------------------------------


def test_the_detail_shows_the_history_and_the_steps_the_coordinator_may_take(
    session, world, make_state, recipient
):
    referral = file(session, world, recipient)
    state = detail(make_state, referral)
    assert [(h["label"], h["by"]) for h in state.history] == [
        ("提出申请", "grid_worker用户 · 2026-11-23 10:00")
    ]
    assert [(s["step"], s["label"]) for s in state.steps] == [("register", "初核登记"), ("return", "退回")]
    assert (state.referral["status"], state.holders) == ("已申请", "当前办理：乡镇(街道)管理员、县级管理员")


def test_taking_a_step_moves_the_referral_on_and_the_page_reads_it_again(
    session, world, make_state, recipient
):
    referral = file(session, world, recipient)
    state = detail(make_state, referral)
    D.open_step.fn(state, "register")
    D.submit_step.fn(state, {"version": state.referral["version"], "note": "材料齐全"})
    assert (state.saved, state.acting_step, state.referral["status"]) == (
        "已办理「初核登记」。",
        "",
        "已登记",
    )
    assert [(h["label"], h["note"]) for h in state.history] == [
        ("提出申请", ""),
        ("初核登记", "备注：材料齐全"),
    ]
    assert [s["step"] for s in state.steps] == ["refer", "return"]
    assert stored(session, referral).status == "registered"


def test_returning_without_a_reason_shows_the_error_beside_the_field_and_changes_nothing(
    session, world, make_state, recipient
):
    referral = file(session, world, recipient)
    state = detail(make_state, referral)
    D.open_step.fn(state, "return")
    D.submit_step.fn(state, {"version": state.referral["version"], "reason": "  "})
    assert state.errors == {
        "reason": "退回原因：必填，最多 500 个字。请写明退回的理由，便于申请人修改后重新提交。"
    }
    assert (state.acting_step, state.saved) == ("return", "")
    assert (stored(session, referral).status, stored(session, referral).version) == (
        "applied",
        referral.version,
    )


def test_a_grid_worker_forcing_a_step_they_may_not_take_is_refused_and_nothing_changes(
    session, world, make_state, recipient
):
    referral = file(session, world, recipient)
    state = detail(make_state, referral, Role.grid_worker)
    assert state.steps == []
    D.open_step.fn(state, "register")
    D.submit_step.fn(state, {"version": str(referral.version), "note": "我来登记"})
    assert (state.page_error, state.acting_step) == (DENIED, "")
    steps = session.exec(select(ReferralStepTaken).where(ReferralStepTaken.referral_id == referral.id)).all()
    assert (stored(session, referral).status, [s.step for s in steps]) == ("applied", ["apply"])


def test_a_coordinator_of_another_township_opening_it_by_id_sees_nothing_of_it(
    session, world, make_state, recipient
):
    referral = file(session, world, recipient)
    state = detail(make_state, referral, None, token=as_other_township(session, world))
    assert state.page_error == DENIED
    assert (state.found, state.referral, state.history, state.steps, state.dates, state.holders) == (
        False,
        {},
        [],
        [],
        [],
        "",
    )


def referred(session, world, recipient) -> Referral:
    referral = file(session, world, recipient)
    coordinator = world.actors[Role.township_coordinator]
    referral = take_referral_step(session, coordinator, referral, "register")
    return take_referral_step(session, coordinator, referral, "refer")


def every_var(state) -> str:
    return repr({name: getattr(state, name) for name in state.base_vars})


def test_the_sending_side_holds_nothing_of_the_handover_pack(session, world, make_state, recipient):
    referral = referred(session, world, recipient)
    state = detail(make_state, referral, Role.township_coordinator)
    assert state.found and state.handover == []
    assert GUARDIAN_PHONE not in every_var(state)


def test_the_receiving_social_worker_reads_the_handover_pack(session, world, make_state, recipient):
    referral = referred(session, world, recipient)
    state = detail(make_state, referral, Role.social_worker)
    lines = {line["label"]: line["value"] for line in state.handover if line["kind"] == "line"}
    assert (lines["监护人"], lines["转介原因"]) == (
        "李秀英 · 配偶 · 13987654321",
        "病情稳定，需要日间康复训练",
    )
    assert [s["step"] for s in state.steps] == ["acknowledge", "return"]
    assert GUARDIAN_PHONE in every_var(state)


def test_a_stale_step_says_what_changed_meanwhile(session, world, make_state, recipient):
    referral = file(session, world, recipient)
    state = detail(make_state, referral)
    read_at = state.referral["version"]
    take_referral_step(session, world.actors[Role.county_coordinator], referral, "register")
    D.open_step.fn(state, "register")
    D.submit_step.fn(state, {"version": read_at, "note": ""})
    assert state.step_error == "这条记录已被他人修改（状态、登记日期、应转介日期），请核对后再保存。"
    assert (state.referral["status"], state.acting_step) == ("已登记", "")


# --- a new referral -----------------------------------------------------------------------------------------


def new_form(make_state, recipient, role=Role.township_coordinator) -> N:
    state = make_state(N, role, f"/referrals/new?rid={recipient.id}")
    N.load.fn(state)
    return state


def test_the_form_offers_only_what_the_reader_may_file(session, world, make_state, recipient):
    grid = new_form(make_state, recipient, Role.grid_worker)
    coordinator = new_form(make_state, recipient)
    assert (grid.kinds, grid.routes, grid.kind, grid.today) == (["rehab"], ["other"], "rehab", "2026-11-23")
    assert (coordinator.kinds, coordinator.routes) == (
        ["rehab", "employment", "aid"],
        ["personal", "medical", "other"],
    )


def test_a_refused_form_keeps_what_was_typed_and_stores_nothing(session, world, make_state, recipient):
    state = new_form(make_state, recipient)
    opened_as = state.client_id
    N.choose_kind.fn(state, "rehab")
    typed = {
        "client_id": opened_as,
        "kind": "rehab",
        "route": "other",
        "reason": "",
        "receiver": "城关镇精康站",
    }
    assert N.submit.fn(state, typed | {"submit_now": "1"}) is None
    assert state.errors == {"reason": "此项必填。"}
    # The form keeps its key (the client id) and kind: the browser's inputs, uncontrolled, keep their text.
    assert (state.client_id, state.kind) == (opened_as, "rehab")
    assert session.exec(select(Referral)).all() == []


def test_a_double_submit_of_the_form_stores_one_referral_and_opens_it(session, world, make_state, recipient):
    state = new_form(make_state, recipient)
    form = {
        "client_id": state.client_id,
        "kind": "rehab",
        "route": "personal",
        "reason": "家属申请日间康复",
        "receiver": "城关镇精康融合服务站",
        "applied_on": "2026-11-23",
        "submit_now": "1",
    }
    first, second = N.submit.fn(state, form), N.submit.fn(state, form)
    [saved] = session.exec(select(Referral)).all()
    assert (saved.status, saved.route, saved.created_by) == (
        "applied",
        "personal",
        world.users[Role.township_coordinator].id,
    )
    assert f'"/referrals/{saved.id}"' in str(first) and f'"/referrals/{saved.id}"' in str(second)


def test_saving_a_draft_does_not_submit_it(session, world, make_state, recipient):
    state = new_form(make_state, recipient)
    form = {"client_id": state.client_id, "kind": "aid", "reason": "低保申请", "receiver": "城关镇民政办"}
    N.submit.fn(state, form | {"submit_now": ""})
    [saved] = session.exec(select(Referral)).all()
    assert (saved.status, saved.kind, saved.route) == ("draft", "aid", None)


def test_the_pages_build_with_every_label_in_the_catalogue(world):
    from jingkang_app.pages.referral_detail import referral_detail_page
    from jingkang_app.pages.referral_new import referral_new_page
    from jingkang_app.pages.referrals import referrals_page

    rendered = "".join(
        str(page().render()) for page in (referrals_page, referral_detail_page, referral_new_page)
    )
    for key in ("referral_page.tab.late", "referral_page.confirm", "referral_page.receiver_help"):
        assert REFERRAL_PAGES_EN[key] in rendered, key
