"""Referral rules (转介): every legal transition per kind, every other (status, step) refused, 退回 only from the
allowed statuses, who may take each step, the application routes, and the deadline/late flags worked out by hand."""

import itertools
from datetime import date

import pytest

from jingkang_app.domain.models import Role
from jingkang_app.domain.rules import referrals as rules
from jingkang_app.domain.rules.referrals import (
    AWAITING_ACK,
    DeadlineRules,
    IllegalTransition,
    ReferralKind,
    ReferralStatus,
    ReferralStep,
    deadlines,
    late_steps,
    may_apply,
    may_take,
    next_status,
)
from jingkang_app.domain.settings import DEFAULTS

K, S, E = ReferralKind, ReferralStatus, ReferralStep
D = date.fromisoformat

# The expected machine, written out by hand from DOMAIN.md §3.7 (not derived from the module).
_REHAB = [
    (S.draft, E.apply, S.applied),  # 提出申请
    (S.returned, E.apply, S.applied),  # resubmitted after 退回
    (S.applied, E.register, S.registered),  # 初核登记
    (S.registered, E.refer, S.referred),  # 康复转介
    (S.referred, E.acknowledge, S.accepted),  # 接收确认
    (S.accepted, E.assess, S.assessed),  # 综合评估
    (S.assessed, E.provide, S.in_service),  # 服务提供
    (S.in_service, E.review, S.reviewed),  # 阶段性评估
    (S.reviewed, E.provide, S.in_service),  # service goes on after a stage review
    (S.reviewed, E.close, S.closed),  # 结案与回访
]
_START = [
    (S.draft, E.initiate, S.initiated),
    (S.returned, E.initiate, S.initiated),
    (S.initiated, E.acknowledge, S.accepted),
]
_UP = [
    *_START,
    (S.accepted, E.treat, S.in_care),
    (S.in_care, E.send_back, S.back_in_community),
    (S.back_in_community, E.close, S.closed),
]
_DOWN = [*_START, (S.accepted, E.treat, S.in_care), (S.in_care, E.close, S.closed)]
_SERVICE = [*_START, (S.accepted, E.provide, S.in_service), (S.in_service, E.close, S.closed)]
RETURNABLE = {
    K.rehab: {S.applied, S.registered, S.referred, S.accepted, S.assessed, S.in_service, S.reviewed},
    K.hospital_up: {S.initiated, S.accepted},
    K.hospital_down: {S.initiated, S.accepted},
    K.employment: {S.initiated, S.accepted},
    K.aid: {S.initiated, S.accepted},
}
FLOWS = {K.rehab: _REHAB, K.hospital_up: _UP, K.hospital_down: _DOWN, K.employment: _SERVICE, K.aid: _SERVICE}
LEGAL = {(k, s, e): to for k, flow in FLOWS.items() for s, e, to in flow} | {
    (k, s, E.return_): S.returned for k, statuses in RETURNABLE.items() for s in statuses
}
PRODUCT = list(itertools.product(ReferralKind, ReferralStatus, ReferralStep))


def test_the_table_is_exactly_the_expected_machine():
    assert rules.TRANSITIONS == LEGAL
    assert len(LEGAL) == 10 + 6 + 5 + 5 + 5 + 7 + 2 * 4


@pytest.mark.parametrize(("kind", "status", "step"), sorted(LEGAL))
def test_every_legal_transition(kind, status, step):
    assert next_status(kind, status, step) is LEGAL[(kind, status, step)]
    assert next_status(str(kind), str(status), str(step)) is LEGAL[(kind, status, step)]  # stored strings


@pytest.mark.parametrize(("kind", "status", "step"), [c for c in PRODUCT if c not in LEGAL])
def test_every_other_transition_is_refused(kind, status, step):
    with pytest.raises(IllegalTransition):
        next_status(kind, status, step)


@pytest.mark.parametrize(
    ("kind", "status", "step"),
    [("transfer", "draft", "apply"), ("rehab", "lost", "apply"), ("rehab", "draft", "jump"), ("aid", "", "")],
)
def test_unknown_values_are_refused(kind, status, step):
    with pytest.raises(IllegalTransition):
        next_status(kind, status, step)


@pytest.mark.parametrize(("kind", "status"), list(itertools.product(ReferralKind, ReferralStatus)))
def test_return_only_from_the_allowed_statuses(kind, status):
    if status in RETURNABLE[kind]:
        assert next_status(kind, status, E.return_) is S.returned
    else:
        with pytest.raises(IllegalTransition):
            next_status(kind, status, E.return_)


HAPPY = {
    K.rehab: [
        E.apply,
        E.register,
        E.refer,
        E.acknowledge,
        E.assess,
        E.provide,
        E.review,
        E.provide,
        E.review,
        E.close,
    ],
    K.hospital_up: [E.initiate, E.acknowledge, E.treat, E.send_back, E.close],
    K.hospital_down: [E.initiate, E.acknowledge, E.treat, E.close],
    K.employment: [E.initiate, E.acknowledge, E.provide, E.close],
    K.aid: [E.initiate, E.acknowledge, E.provide, E.close],
}


@pytest.mark.parametrize("kind", list(ReferralKind))
def test_each_flow_walks_from_draft_to_closed_and_closed_is_final(kind):
    assert rules.FIRST_STEP[kind] is HAPPY[kind][0]
    status = S.draft
    for step in HAPPY[kind]:
        status = next_status(kind, status, step)
    assert status is S.closed
    assert rules.steps_from(kind, S.closed) == []
    assert {S.closed} == rules.TERMINAL


@pytest.mark.parametrize("kind", list(ReferralKind))
def test_a_returned_referral_is_resubmitted_with_its_first_step(kind):
    status = next_status(kind, next_status(kind, S.draft, HAPPY[kind][0]), E.return_)
    assert status is S.returned
    assert rules.steps_from(kind, status) == [HAPPY[kind][0]]
    assert next_status(kind, status, HAPPY[kind][0]) in {S.applied, S.initiated}


def test_the_receiving_side_acknowledges():
    assert {S.referred, S.initiated} == AWAITING_ACK
    for kind in ReferralKind:
        for status in AWAITING_ACK:
            if (kind, status, E.acknowledge) in LEGAL:
                assert rules.steps_from(kind, status) == [E.acknowledge, E.return_]
    assert rules.steps_from(K.rehab, S.registered) == [E.refer, E.return_]


@pytest.mark.parametrize("reason", [None, "", "   ", "x" * 501])
def test_return_needs_a_reason(reason):
    with pytest.raises(ValueError):
        rules.return_reason(reason)


def test_return_reason_is_stripped():
    assert rules.return_reason("  材料不全，请补充残疾证复印件 ") == "材料不全，请补充残疾证复印件"
    assert rules.return_reason("x" * 500) == "x" * 500


# --- roles ------------------------------------------------------------------------------------------------

CG, GW, VC, DR, SW, VOL, TC, CC, AD = (
    Role.caregiver,
    Role.grid_worker,
    Role.village_cadre,
    Role.community_doctor,
    Role.social_worker,
    Role.volunteer,
    Role.township_coordinator,
    Role.county_coordinator,
    Role.admin,
)
# Who may take each step, by hand. Any (kind, step) not listed is taken by nobody.
ALLOWED = {
    (K.rehab, E.apply): {CG, GW, VC, DR, SW, TC, CC},
    (K.rehab, E.register): {TC, CC},
    (K.rehab, E.refer): {TC, CC},
    (K.rehab, E.acknowledge): {SW},
    (K.rehab, E.assess): {SW, DR},
    (K.rehab, E.provide): {SW},
    (K.rehab, E.review): {SW, DR},
    (K.rehab, E.close): {SW, TC},
    (K.rehab, E.return_): {SW, TC, CC},
    (K.hospital_up, E.initiate): {DR, CC},
    (K.hospital_up, E.acknowledge): {CC},
    (K.hospital_up, E.treat): {DR, CC},
    (K.hospital_up, E.send_back): {DR, CC},
    (K.hospital_up, E.close): {DR, CC},
    (K.hospital_up, E.return_): {CC},
    (K.hospital_down, E.initiate): {CC},
    (K.hospital_down, E.acknowledge): {DR},
    (K.hospital_down, E.treat): {DR},
    (K.hospital_down, E.close): {DR, TC},
    (K.hospital_down, E.return_): {DR, CC},
} | {
    (kind, step): roles
    for kind in (K.employment, K.aid)
    for step, roles in {
        E.initiate: {SW, VC, TC, CC},
        E.acknowledge: {CC},
        E.provide: {CC},
        E.close: {SW, TC, CC},
        E.return_: {CC},
    }.items()
}


def test_roles_are_model_role_values_and_cover_exactly_the_steps_in_use():
    assert {r for roles in rules.ROLES.values() for r in roles} <= set(Role)
    assert set(rules.ROLES) == {(k, e) for k, _, e in LEGAL}


@pytest.mark.parametrize(("role", "kind", "step"), list(itertools.product(Role, ReferralKind, ReferralStep)))
def test_may_take_per_role_kind_and_step(role, kind, step):
    assert may_take(role, kind, step) is (role in ALLOWED.get((kind, step), set()))
    assert may_take(str(role), str(kind), str(step)) is (role in ALLOWED.get((kind, step), set()))


def test_admin_volunteer_and_unknown_roles_take_no_step():
    for kind, step in itertools.product(ReferralKind, ReferralStep):
        assert not may_take(AD, kind, step)
        assert not may_take(VOL, kind, step)
        assert not may_take("hacker", kind, step)
    assert not may_take(TC, "transfer", "apply")


@pytest.mark.parametrize(
    ("role", "route", "allowed"),
    [
        (CG, "personal", True),  # 个人自愿申请
        (CG, "medical", False),
        (CG, "other", False),
        (DR, "medical", True),  # 医疗卫生机构协助
        (DR, "personal", False),
        (VC, "other", True),  # 其他主体协助: 村(居)委会
        (GW, "other", True),
        (SW, "other", True),  # 社会组织
        (SW, "medical", False),
        (TC, "personal", True),  # coordinators enter paper applications of any route
        (CC, "medical", True),
        (TC, "other", True),
        (VOL, "other", False),
        (AD, "personal", False),
        (TC, "mail", False),
    ],
)
def test_may_apply_per_route(role, route, allowed):
    assert may_apply(role, route) is allowed


# --- deadlines --------------------------------------------------------------------------------------------

PLAIN = DeadlineRules()  # 5 + 5 working days, no holiday list
COUNTY = DeadlineRules.from_settings(DEFAULTS)


def test_rules_from_the_county_defaults():
    assert {k for k in DEFAULTS if k.startswith("referral.")} == {
        "referral.holidays",
        "referral.make_up_days",
        "referral.register_within_days",
        "referral.refer_within_days",
    }
    assert (COUNTY.register_within_days, COUNTY.refer_within_days) == (5, 5)
    assert date(2026, 10, 1) in COUNTY.holidays and date(2026, 10, 10) in COUNTY.make_up_days


def test_deadlines_by_hand_without_holidays():
    # Mon 11-23 applied → register by Mon 11-30; registered Fri 11-27 → refer by Fri 12-04.
    assert deadlines(D("2026-11-23"), None, PLAIN) == rules.Deadlines(D("2026-11-30"), None)
    assert deadlines(D("2026-11-23"), D("2026-11-27"), PLAIN) == rules.Deadlines(
        D("2026-11-30"), D("2026-12-04")
    )


def test_deadlines_by_hand_around_national_day():
    # Mon 09-28: Tue (1), Wed (2), 10-01..07 off, Thu 10-08 (3), Fri (4), Sat 10-10 make-up (5).
    # Registered Fri 10-09: Sat 10-10 (1), Mon 10-12 (2) .. Thu 10-15 (5).
    due = deadlines(D("2026-09-28"), D("2026-10-09"), COUNTY)
    assert due == rules.Deadlines(D("2026-10-10"), D("2026-10-15"))


@pytest.mark.parametrize(
    ("applied", "registered", "referred", "today", "late"),
    [
        # no holidays: register by 11-30; refer by 5 working days after the actual registration
        ("2026-11-23", None, None, "2026-11-30", []),  # deadline day: on time
        ("2026-11-23", None, None, "2026-12-01", [E.register]),  # day after, still not registered
        ("2026-11-23", "2026-11-30", None, "2026-12-15", [E.refer]),  # registered on time; refer by 12-07
        ("2026-11-23", "2026-11-27", None, "2026-12-04", []),  # refer by 12-04
        ("2026-11-23", "2026-11-27", None, "2026-12-07", [E.refer]),
        ("2026-11-23", "2026-11-27", "2026-12-04", "2026-12-31", []),  # both taken on time: never late later
        (
            "2026-11-23",
            "2026-12-01",
            None,
            "2026-12-02",
            [E.register],
        ),  # registered a day late; refer by 12-08
        ("2026-11-23", "2026-12-01", "2026-12-09", "2026-12-31", [E.register, E.refer]),
        ("2026-11-23", "2026-12-01", "2026-12-08", "2026-12-31", [E.register]),
    ],
)
def test_late_steps_by_hand(applied, registered, referred, today, late):
    opt = lambda v: None if v is None else D(v)  # noqa: E731
    assert late_steps(D(applied), opt(registered), opt(referred), D(today), PLAIN) == late


@pytest.mark.parametrize(
    ("applied", "registered", "referred", "today", "late"),
    [
        ("2026-09-28", None, None, "2026-10-10", []),  # Saturday make-up day is the deadline
        ("2026-09-28", None, None, "2026-10-11", [E.register]),
        ("2026-09-28", "2026-10-09", None, "2026-10-15", []),
        ("2026-09-28", "2026-10-09", None, "2026-10-16", [E.refer]),
        # Wed 12-30 straddling 元旦 2027 (not in the 2026 defaults): only weekends skipped → register by 01-06
        ("2026-12-30", None, None, "2027-01-06", []),
        ("2026-12-30", None, None, "2027-01-07", [E.register]),
    ],
)
def test_late_steps_with_county_defaults(applied, registered, referred, today, late):
    opt = lambda v: None if v is None else D(v)  # noqa: E731
    assert late_steps(D(applied), opt(registered), opt(referred), D(today), COUNTY) == late


def test_late_steps_across_the_year_end_with_a_holiday_list():
    with_2027 = DeadlineRules(holidays=frozenset({D("2027-01-01"), D("2027-01-02"), D("2027-01-03")}))
    # Wed 12-30: Thu 12-31 (1), Mon 01-04 (2) .. Thu 01-07 (5); registered 01-07 → Fri 01-08 (1) .. Thu 01-14 (5)
    assert deadlines(D("2026-12-30"), D("2027-01-07"), with_2027) == rules.Deadlines(
        D("2027-01-07"), D("2027-01-14")
    )
    assert late_steps(D("2026-12-30"), D("2027-01-07"), None, D("2027-01-14"), with_2027) == []
    assert late_steps(D("2026-12-30"), D("2027-01-07"), None, D("2027-01-15"), with_2027) == [E.refer]


def test_late_against_uses_the_deadlines_it_is_given_not_todays_settings():
    fixed = rules.Deadlines(register_by=D("2026-11-27"), refer_by=None)
    assert rules.late_against(fixed, None, None, D("2026-11-27")) == []
    assert rules.late_against(fixed, None, None, D("2026-11-28")) == [E.register]
    assert rules.late_against(fixed, D("2026-11-30"), None, D("2026-11-30")) == [E.register]
