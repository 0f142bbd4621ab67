from dataclasses import replace
from datetime import date

import pytest

from jingkang_app.domain.rules.eligibility import (
    SEVERE_DIAGNOSES,
    Criterion,
    EligibilityFacts,
    EligibilityRules,
    Verdict,
    eligible,
    lookback_start,
    screen,
)

TODAY = date(2026, 6, 15)
ELIGIBLE = EligibilityFacts(
    today=TODAY,
    hukou_local=True,
    birth_date=date(1980, 4, 2),
    disability_level=3,
    diagnosis="schizophrenia",
    serious_physical_illness=False,
    risk_levels=(0, 1, 2),
    signed_by_recipient=True,
    signed_by_guardian=True,
)
KEYS = ("hukou", "age", "condition", "physical_health", "risk_history", "agreement")


def verdict_of(key: str, facts: EligibilityFacts, rules: EligibilityRules | None = None) -> Verdict:
    criteria = screen(facts) if rules is None else screen(facts, rules)
    return {c.key: c.verdict for c in criteria}[key]


def test_screen_returns_the_six_criteria_in_order():
    assert tuple(c.key for c in screen(ELIGIBLE)) == KEYS


def test_all_facts_in_order_make_every_criterion_met_and_eligible():
    criteria = screen(ELIGIBLE)

    assert all(c.verdict is Verdict.met for c in criteria)
    assert eligible(criteria)


def test_demo_county_defaults():
    assert EligibilityRules() == EligibilityRules(
        min_age=18, max_age=60, disability_levels=frozenset({3, 4}), lookback_months=6, max_risk_level=2
    )


# --- hukou --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hukou_local", "expected"), [(True, Verdict.met), (False, Verdict.not_met), (None, Verdict.unknown)]
)
def test_hukou_verdict(hukou_local, expected):
    assert verdict_of("hukou", replace(ELIGIBLE, hukou_local=hukou_local)) is expected


# --- age ----------------------------------------------------------------------------------------


def test_unknown_birth_date_makes_age_unknown():
    assert verdict_of("age", replace(ELIGIBLE, birth_date=None)) is Verdict.unknown


def test_18th_birthday_today_is_met():
    assert verdict_of("age", replace(ELIGIBLE, birth_date=date(2008, 6, 15))) is Verdict.met


def test_18th_birthday_tomorrow_is_not_met():
    assert verdict_of("age", replace(ELIGIBLE, birth_date=date(2008, 6, 16))) is Verdict.not_met


def test_day_before_61st_birthday_is_met():
    assert verdict_of("age", replace(ELIGIBLE, birth_date=date(1965, 6, 16))) is Verdict.met


def test_61st_birthday_today_is_not_met():
    assert verdict_of("age", replace(ELIGIBLE, birth_date=date(1965, 6, 15))) is Verdict.not_met


def test_leap_day_birth_reaches_18_on_1_march_in_a_common_year():
    facts = replace(ELIGIBLE, today=date(2026, 3, 1), birth_date=date(2008, 2, 29))

    assert verdict_of("age", facts) is Verdict.met


def test_leap_day_birth_is_still_17_on_28_february_in_a_common_year():
    facts = replace(ELIGIBLE, today=date(2026, 2, 28), birth_date=date(2008, 2, 29))

    assert verdict_of("age", facts) is Verdict.not_met


def test_custom_max_age_65_admits_a_63_year_old():
    facts = replace(ELIGIBLE, birth_date=date(1963, 1, 1))

    assert verdict_of("age", facts) is Verdict.not_met
    assert verdict_of("age", facts, EligibilityRules(max_age=65)) is Verdict.met


def test_custom_max_age_65_refuses_a_66th_birthday():
    facts = replace(ELIGIBLE, birth_date=date(1960, 6, 15))

    assert verdict_of("age", facts, EligibilityRules(max_age=65)) is Verdict.not_met


def test_custom_min_age_16_admits_a_17_year_old():
    facts = replace(ELIGIBLE, birth_date=date(2009, 1, 1))

    assert verdict_of("age", facts) is Verdict.not_met
    assert verdict_of("age", facts, EligibilityRules(min_age=16)) is Verdict.met


# --- condition ----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [3, 4])
def test_disability_level_3_or_4_alone_meets_condition(level):
    facts = replace(ELIGIBLE, disability_level=level, diagnosis="other")

    assert verdict_of("condition", facts) is Verdict.met


@pytest.mark.parametrize("diagnosis", sorted(SEVERE_DIAGNOSES))
def test_each_severe_diagnosis_alone_meets_condition(diagnosis):
    facts = replace(ELIGIBLE, disability_level=None, diagnosis=diagnosis)

    assert verdict_of("condition", facts) is Verdict.met


def test_there_are_six_severe_diagnoses():
    assert len(SEVERE_DIAGNOSES) == 6
    assert "other" not in SEVERE_DIAGNOSES


@pytest.mark.parametrize("level", [1, 2])
def test_disability_level_1_or_2_with_other_diagnosis_is_not_met(level):
    facts = replace(ELIGIBLE, disability_level=level, diagnosis="other")

    assert verdict_of("condition", facts) is Verdict.not_met


def test_other_diagnosis_without_certificate_is_not_met():
    facts = replace(ELIGIBLE, disability_level=None, diagnosis="other")

    assert verdict_of("condition", facts) is Verdict.not_met


def test_low_disability_level_with_unknown_diagnosis_is_not_met():
    facts = replace(ELIGIBLE, disability_level=1, diagnosis=None)

    assert verdict_of("condition", facts) is Verdict.not_met


def test_no_certificate_and_unknown_diagnosis_is_unknown():
    facts = replace(ELIGIBLE, disability_level=None, diagnosis=None)

    assert verdict_of("condition", facts) is Verdict.unknown


def test_custom_disability_levels_admit_level_2():
    facts = replace(ELIGIBLE, disability_level=2, diagnosis="other")
    rules = EligibilityRules(disability_levels=frozenset({2, 3, 4}))

    assert verdict_of("condition", facts, rules) is Verdict.met


def test_custom_disability_levels_can_exclude_level_3():
    facts = replace(ELIGIBLE, disability_level=3, diagnosis="other")
    rules = EligibilityRules(disability_levels=frozenset({4}))

    assert verdict_of("condition", facts, rules) is Verdict.not_met


# --- physical health ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("serious_illness", "expected"),
    [(False, Verdict.met), (True, Verdict.not_met), (None, Verdict.unknown)],
)
def test_physical_health_verdict(serious_illness, expected):
    facts = replace(ELIGIBLE, serious_physical_illness=serious_illness)

    assert verdict_of("physical_health", facts) is expected


# --- risk history -------------------------------------------------------------------------------


def test_no_followups_in_window_makes_risk_history_unknown():
    assert verdict_of("risk_history", replace(ELIGIBLE, risk_levels=())) is Verdict.unknown


@pytest.mark.parametrize("levels", [(0,), (2,), (0, 1, 2, 2)])
def test_all_followups_at_risk_2_or_below_are_met(levels):
    assert verdict_of("risk_history", replace(ELIGIBLE, risk_levels=levels)) is Verdict.met


@pytest.mark.parametrize("levels", [(3,), (0, 0, 3), (5, 0)])
def test_any_followup_at_risk_3_or_above_is_not_met(levels):
    assert verdict_of("risk_history", replace(ELIGIBLE, risk_levels=levels)) is Verdict.not_met


def test_custom_max_risk_level_1_refuses_risk_2():
    facts = replace(ELIGIBLE, risk_levels=(0, 2))

    assert verdict_of("risk_history", facts, EligibilityRules(max_risk_level=1)) is Verdict.not_met


def test_lookback_window_starts_six_calendar_months_ago():
    assert lookback_start(date(2026, 8, 31)) == date(2026, 2, 28)


def test_custom_lookback_of_twelve_months():
    assert lookback_start(date(2026, 6, 15), EligibilityRules(lookback_months=12)) == date(2025, 6, 15)


# --- agreement ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipient", "guardian", "expected"),
    [
        (True, True, Verdict.met),
        (True, False, Verdict.not_met),
        (False, True, Verdict.not_met),
        (False, False, Verdict.not_met),
    ],
)
def test_agreement_needs_recipient_and_guardian(recipient, guardian, expected):
    facts = replace(ELIGIBLE, signed_by_recipient=recipient, signed_by_guardian=guardian)

    assert verdict_of("agreement", facts) is expected


# --- eligible -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"hukou_local": False},
        {"hukou_local": None},
        {"birth_date": date(2010, 1, 1)},
        {"birth_date": None},
        {"disability_level": None, "diagnosis": "other"},
        {"disability_level": None, "diagnosis": None},
        {"serious_physical_illness": True},
        {"serious_physical_illness": None},
        {"risk_levels": (4,)},
        {"risk_levels": ()},
        {"signed_by_guardian": False},
    ],
    ids=repr,
)
def test_one_criterion_not_met_or_unknown_makes_ineligible(change):
    criteria = screen(replace(ELIGIBLE, **change))

    assert sum(c.verdict is not Verdict.met for c in criteria) == 1
    assert not eligible(criteria)


def test_custom_rules_can_make_an_otherwise_refused_person_eligible():
    facts = replace(ELIGIBLE, birth_date=date(1962, 1, 1), disability_level=2, diagnosis="other")
    rules = EligibilityRules(max_age=65, disability_levels=frozenset({2, 3, 4}))

    assert not eligible(screen(facts))
    assert eligible(screen(facts, rules))


def test_eligible_accepts_hand_built_criteria():
    criteria = [Criterion(key, Verdict.met) for key in KEYS]

    assert eligible(criteria)
    assert not eligible([*criteria[:-1], Criterion("agreement", Verdict.unknown)])


def test_empty_screen_is_not_eligible():
    assert not eligible(())
