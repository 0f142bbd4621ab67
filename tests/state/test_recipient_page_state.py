"""The recipient page's states, their handlers called as any socket client could call them."""

import re

import pytest
from sqlmodel import select

from jingkang_app.domain.models import (
    AlertOutcome,
    AlertStatus,
    ConsentRecord,
    Recipient,
    RecipientStatus,
    Role,
)
from jingkang_app.domain.rules import followup_form
from jingkang_app.domain.services import care_team, followups, rehab_services, users, visits
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.recipient_page_en import RECIPIENT_PAGE_EN
from jingkang_app.i18n.zh_cn import ZH_CN
from jingkang_app.state.recipient_timeline import FACT_KEYS, RecipientTimelineState
from jingkang_app.state.recipients import RecipientDetailState, RecipientListState
from tests.domain.test_duelist_and_visits import visit_form
from tests.domain.test_eligibility_service import applicant
from tests.domain.test_followups import stable_form
from tests.factories import make_recipient, sign_consent

DENIED_ZH = "您没有权限查看或修改这条记录。"
ACTION_FLAGS = ("can_visit", "can_followup", "can_rehab")


def sibling(state, cls):
    """Another state of the same browser tab (same cookie)."""
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    return root.get_substate(cls.get_full_name().split(".")[1:])


def page(make_state, recipient: Recipient, role: Role | None = Role.community_doctor) -> RecipientDetailState:
    """The page's on_load: the user is resolved (name, language), then the page and its records load."""
    state = make_state(RecipientDetailState, role, f"/recipients/{recipient.id}")
    RecipientDetailState.load_user.fn(state)
    RecipientDetailState.load.fn(state)
    return state


def timeline_of(state: RecipientDetailState) -> RecipientTimelineState:
    records = sibling(state, RecipientTimelineState)
    RecipientTimelineState.load.fn(records)
    return records


def risky_followup(session, world, recipient: Recipient) -> None:
    followups.record_followup(
        session, world.actors[Role.community_doctor], stable_form(recipient.id, risk_level="3")
    )


@pytest.fixture
def recipient(session, world) -> Recipient:
    return make_recipient(session, world)


# --- header and actions -------------------------------------------------------------------------------------


def test_a_doctor_sees_masked_id_risk_in_red_classification_alert_and_next_dates(
    session, world, make_state, recipient
):
    risky_followup(session, world, recipient)
    state = page(make_state, recipient)
    d = state.detail
    assert re.fullmatch(r"3301\*{10}\w{4}", d["id_masked"])
    assert (d["risk"], d["risk_color"], d["classification"]) == ("危险性 3 级", "red", "不稳定")
    assert d["open_alert"] == "复发预警未结案"
    assert (d["next"], d["next_visit"]) == ("2026-12-07", "未安排")
    assert state.found and state.page_error == ""


@pytest.mark.parametrize(("level", "color"), [("0", "green"), ("2", "amber")])
def test_the_risk_badge_is_green_at_0_and_amber_at_1_to_2(
    session, world, make_state, recipient, level, color
):
    form = stable_form(recipient.id, risk_level=level, symptoms=["1"] if level != "0" else [])
    followups.record_followup(session, world.actors[Role.community_doctor], form)
    assert page(make_state, recipient).detail["risk_color"] == color


def test_a_grid_worker_gets_no_id_number_risk_or_classification(session, world, make_state, recipient):
    risky_followup(session, world, recipient)
    d = page(make_state, recipient, Role.grid_worker).detail
    assert (d["id_masked"], d["id_number"], d["risk"], d["classification"]) == ("", "", "", "")
    assert d["open_alert"] == "复发预警未结案"  # who needs help now, as the due-list shows it


@pytest.mark.parametrize(
    ("role", "flags"),
    [
        (Role.grid_worker, (True, False, False)),
        (Role.village_cadre, (True, False, False)),
        (Role.community_doctor, (True, True, True)),
        (Role.social_worker, (True, False, True)),
        (Role.township_coordinator, (True, True, True)),
    ],
)
def test_action_buttons_follow_what_the_role_may_record(session, world, make_state, recipient, role, flags):
    state = page(make_state, recipient, role)
    assert tuple(getattr(state, flag) for flag in ACTION_FLAGS) == flags


def test_a_caregiver_on_the_team_sees_the_page_but_no_action_or_consent_form(
    session, world, make_state, recipient
):
    coordinator = world.actors[Role.county_coordinator]
    care_team.add_team_member(session, coordinator, recipient.id, world.users[Role.caregiver].id, "guardian")
    state = page(make_state, recipient, Role.caregiver)
    assert state.found
    assert (*(getattr(state, flag) for flag in ACTION_FLAGS), state.can_consent) == (False,) * 4


def test_a_user_outside_the_scope_gets_nothing_from_either_handler(session, world, make_state):
    elsewhere = make_recipient(session, world, village=world.village_b)
    followups.record_followup(
        session, world.actors[Role.county_coordinator], stable_form(elsewhere.id, risk_level="3")
    )
    state = page(make_state, elsewhere, Role.grid_worker)
    assert (state.found, state.detail, state.consents, state.page_error) == (False, {}, [], DENIED_ZH)
    assert not any(getattr(state, flag) for flag in ACTION_FLAGS)
    records = timeline_of(state)
    assert (records.entries, records.total, records.page_error) == ([], 0, DENIED_ZH)


def test_the_page_load_then_loads_the_service_records_only_when_allowed(
    session, world, make_state, recipient
):
    state = make_state(RecipientDetailState, Role.grid_worker, f"/recipients/{recipient.id}")
    assert RecipientDetailState.load.fn(state) is RecipientTimelineState.load
    elsewhere = make_recipient(session, world, village=world.village_b, name="王伟")
    state = make_state(RecipientDetailState, Role.grid_worker, f"/recipients/{elsewhere.id}")
    assert RecipientDetailState.load.fn(state) is None


# --- service records ----------------------------------------------------------------------------------------


@pytest.fixture
def history(session, world, recipient):
    risky_followup(session, world, recipient)
    visits.record_visit(session, world.actors[Role.grid_worker], visit_form(recipient.id))


def test_a_doctors_service_records_carry_risk_and_classification(
    session, world, make_state, recipient, history
):
    records = timeline_of(page(make_state, recipient))
    assert records.total == 3
    by_kind = {entry["kind"]: entry for entry in records.entries}
    assert (
        by_kind["followup"]["summary"]
        == "本次随访形式：家庭访视 · 本次随访分类：不稳定 · 用药依从性：按医嘱规律用药"
    )
    assert (by_kind["followup"]["risk"], by_kind["followup"]["by"]) == (
        "危险性 3 级",
        "记录人：community_doctor用户",
    )
    assert by_kind["alert"]["summary"] == "状态：待处置"
    assert by_kind["alert"]["by"] == "负责人：community_doctor用户"
    assert by_kind["visit"]["summary"].startswith("病情：稳定 · 诊治：按医嘱规律服药 · ")


def test_a_grid_workers_service_records_have_no_clinical_detail(
    session, world, make_state, recipient, history
):
    rehab_services.record_service(
        session,
        world.actors[Role.social_worker],
        {
            "client_id": "5e0c9a54-0000-4000-8000-00000000aa01",
            "service_date": "2026-11-23",
            "place": "site",
            "site_name": "城关镇康复站",
            "contents": ["medication_self_management"],
            "duration_minutes": "60",
            "recipient_ids": [recipient.id],
        },
    )
    records = timeline_of(page(make_state, recipient, Role.grid_worker))
    assert records.total == 3  # the rehab session is care information: not listed for a grid worker
    assert {e["kind"] for e in records.entries} == {"visit", "followup", "alert"}
    assert {e["risk"] for e in records.entries} == {""}
    shown = " ".join(e["summary"] for e in records.entries)
    for clinical in ("危险性", "分类", "不稳定", "病情", "诊治", "用药", "药物"):
        assert clinical not in shown
    assert "发现的需求：救助申请、喘息服务 · 满意度：满意" in shown


def test_service_records_are_paged(session, world, make_state, recipient):
    for _ in range(23):
        visits.record_visit(session, world.actors[Role.grid_worker], visit_form(recipient.id, needs=[]))
    records = timeline_of(page(make_state, recipient, Role.grid_worker))
    assert (len(records.entries), records.total, records.has_next) == (20, 23, True)
    RecipientTimelineState.next_page.fn(records)
    assert (len(records.entries), records.page_label) == (3, "第 21–23 条，共 23 条")


def test_every_fact_a_record_can_show_has_words_in_both_languages():
    codes = {
        ("visit", "condition"): visits.CONDITION,
        ("visit", "treatment"): visits.TREATMENT,
        ("visit", "needs"): visits.NEEDS,
        ("visit", "satisfaction"): visits.SATISFACTION,
        ("followup", "form"): followup_form.FORMS,
        ("followup", "classification"): followup_form.CLASSIFICATIONS,
        ("followup", "adherence"): followup_form.ADHERENCE,
        ("alert", "status"): tuple(AlertStatus),
        ("alert", "outcome"): tuple(AlertOutcome),
        ("service", "place"): rehab_services.PLACES,
        ("service", "content"): rehab_services.CONTENTS,
        ("service", "attendance"): ("attended", "absent"),
    }
    assert set(codes) == set(FACT_KEYS)
    for fact, (label_key, value_key) in FACT_KEYS.items():
        keys = {label_key} | {value_key.format(code) for code in codes[fact]}
        assert keys <= set(ZH_CN) and keys <= set(EN), fact


# --- consents and their withdrawal --------------------------------------------------------------------------


def test_consents_are_listed_and_one_is_withdrawn_which_stops_follow_up(
    session, world, make_state, recipient
):
    record = sign_consent(session, world, recipient, "followup_management")
    state = page(make_state, recipient, Role.grid_worker)
    assert state.can_consent
    row = state.consents[0]
    assert (row["kind"], row["signed"], row["withdrawn"]) == (
        "随访管理知情同意",
        "2026-11-01 签署 · 本人、监护人",
        "",
    )
    form = {"consent_id": str(record.id), "withdrawn_on": "2026-11-20", "reason": "本人要求停止随访"}
    RecipientDetailState.withdraw_consent.fn(state, form)
    assert (state.withdraw_saved, state.page_error) == ("已撤回。", "")
    assert state.consents[0]["withdrawn"] == "已于 2026-11-20 撤回：本人要求停止随访"
    assert state.detail["next"] == "已停止（2026-11-20 撤回随访管理同意）"
    session.refresh(record)
    assert (record.withdrawn_on.isoformat(), record.withdrawn_reason) == ("2026-11-20", "本人要求停止随访")


def test_withdrawal_errors_are_shown_beside_that_consents_fields_in_chinese(
    session, world, make_state, recipient
):
    first = sign_consent(session, world, recipient)
    second = sign_consent(session, world, recipient, "sensitive_information")
    state = page(make_state, recipient, Role.grid_worker)
    form = {"consent_id": str(second.id), "withdrawn_on": "2026-10-01", "reason": ""}
    RecipientDetailState.withdraw_consent.fn(state, form)
    rows = {row["id"]: row for row in state.consents}
    assert (rows[str(second.id)]["withdrawn_on_error"], rows[str(second.id)]["reason_error"]) == (
        "撤回日期不能早于签署日期。",
        "此项必填。",
    )
    assert (rows[str(first.id)]["withdrawn_on_error"], rows[str(first.id)]["reason_error"]) == ("", "")
    assert state.withdraw_saved == ""
    assert session.exec(select(ConsentRecord).where(ConsentRecord.withdrawn_on.is_not(None))).all() == []


def test_withdrawal_errors_follow_the_users_language(session, world, make_state, recipient):
    users.set_language(session, world.actors[Role.grid_worker], "en")
    record = sign_consent(session, world, recipient)
    state = page(make_state, recipient, Role.grid_worker)
    RecipientDetailState.withdraw_consent.fn(
        state, {"consent_id": str(record.id), "withdrawn_on": "2099-01-01"}
    )
    row = state.consents[0]
    assert (row["withdrawn_on_error"], row["reason_error"]) == (
        "The date cannot be later than today.",
        "Required.",
    )


def test_a_consent_the_page_did_not_list_cannot_be_withdrawn_through_it(
    session, world, make_state, recipient
):
    other = make_recipient(session, world, name="王伟")
    others_consent = sign_consent(session, world, other)
    state = page(make_state, recipient, Role.grid_worker)
    form = {"consent_id": str(others_consent.id), "withdrawn_on": "2026-11-20", "reason": "伪造"}
    RecipientDetailState.withdraw_consent.fn(state, form)
    session.refresh(others_consent)
    assert others_consent.withdrawn_on is None


def test_a_new_consent_appears_in_the_list_once_saved(session, world, make_state, recipient):
    state = page(make_state, recipient, Role.grid_worker)
    form = {
        "client_id": state.consent_client_id,
        "kind": "service_agreement",
        "signed_on": "2026-11-20",
        "signed_by_guardian": "on",
    }
    RecipientDetailState.record_consent.fn(state, form)
    assert state.consent_saved == "已保存。"
    assert [(row["kind"], row["signed"]) for row in state.consents] == [
        ("服务协议", "2026-11-20 签署 · 监护人")
    ]


# --- 入组评估 -------------------------------------------------------------------------------------------------


def test_an_applicants_screen_shows_each_criterion_with_its_verdict(session, world, make_state):
    person = applicant(session, world)
    state = page(make_state, person)
    assert state.show_screening and not state.eligible
    verdicts = {row["label"]: row["verdict"] for row in state.screening}
    assert verdicts["户籍在本县"] == "符合"
    assert verdicts["本人及监护人签署服务协议"] == "不符合"
    assert verdicts["无严重躯体疾病或传染病"] == "待核实"
    assert verdicts["近6个月危险性评估0–2级"] == "待核实"
    assert (state.can_admit, state.can_admit_outside_rules) == (True, False)


@pytest.mark.parametrize("role", [Role.grid_worker, Role.village_cadre])
def test_roles_without_clinical_access_get_no_screen(session, world, make_state, role):
    state = page(make_state, applicant(session, world), role)
    assert (state.show_screening, state.screening) == (False, [])


def test_a_registered_recipient_shows_no_screen(session, world, make_state, recipient):
    assert page(make_state, recipient).show_screening is False


def test_a_doctor_cannot_admit_outside_the_rules(session, world, make_state):
    person = applicant(session, world)
    state = page(make_state, person)
    RecipientDetailState.admit.fn(state, {"reason": "家属强烈要求"})
    assert state.page_error == DENIED_ZH
    session.refresh(person)
    assert person.status == RecipientStatus.applying


def test_a_coordinator_admits_outside_the_rules_only_with_a_reason(session, world, make_state):
    person = applicant(session, world)
    state = page(make_state, person, Role.township_coordinator)
    assert state.can_admit_outside_rules
    RecipientDetailState.admit.fn(state, {"reason": ""})
    assert state.admit_errors == {"reason": "未全部符合入组条件，请填写破格入组的理由。"}
    RecipientDetailState.admit.fn(state, {"reason": "病情稳定，家属强烈要求，待补签协议"})
    assert (state.admit_saved, state.admit_errors, state.show_screening) == (
        "已入组，状态改为「在册」。",
        {},
        False,
    )
    assert state.detail["status"] == "在册"
    session.refresh(person)
    assert (person.status, person.admission_reason) == (
        RecipientStatus.registered,
        "病情稳定，家属强烈要求，待补签协议",
    )


# --- the list -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.grid_worker, False),
        (Role.village_cadre, True),
        (Role.community_doctor, True),
        (Role.county_coordinator, True),
        (Role.caregiver, False),
    ],
)
def test_the_register_button_is_for_roles_that_register_recipients(session, world, make_state, role, shown):
    state = make_state(RecipientListState, role, "/recipients")
    RecipientListState.load.fn(state)
    assert state.can_register is shown


def test_the_pages_build_with_every_label_in_the_catalogue(world):
    from jingkang_app.pages.recipients import recipient_detail_page, recipients_page

    rendered = str(recipient_detail_page().render()) + str(recipients_page().render())
    for key in (
        "recipient.action.visit",
        "recipient.action.followup",
        "recipient.action.rehab",
        "recipient.register",
        "recipient.classification",
        "consent.withdraw",
        "consent.withdraw_submit",
        "eligibility.admit",
        "eligibility.title",
    ):
        assert RECIPIENT_PAGE_EN[key] in rendered, key
