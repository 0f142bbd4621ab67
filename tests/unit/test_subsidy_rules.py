"""The guardian subsidy's pure rules (监护补贴, DOMAIN.md §3.13): class by risk, monthly and yearly amounts, the
quarters covered, withholding for 肇事肇祸, and the legal status transitions."""

from datetime import date

import pytest

from jingkang_app.domain.rules import subsidy as rules
from jingkang_app.domain.rules.subsidy import RiskClass, SubsidyStatus, SubsidyStep
from jingkang_app.domain.settings import DEFAULTS

ZHEJIANG = DEFAULTS["subsidy.guardian_monthly_yuan"]
CARE = DEFAULTS["subsidy.care_allowance_monthly_yuan"]


def classed(risk_level, past_incident=False, incident_is_high=True) -> RiskClass:
    return rules.risk_class(risk_level, past_incident, high_from=3, incident_is_high=incident_is_high)


# --- class and monthly amount -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk_level", "expected"),
    [(None, RiskClass.standard), (0, RiskClass.standard), (2, RiskClass.standard), (3, RiskClass.high)]
    + [(5, RiskClass.high)],
)
def test_risk_three_and_above_is_the_high_class(risk_level, expected):
    assert classed(risk_level) is expected


def test_a_past_incident_makes_a_low_risk_recipient_high_where_the_county_counts_it():
    assert classed(1, past_incident=True) is RiskClass.high
    assert classed(1, past_incident=True, incident_is_high=False) is RiskClass.standard


def test_the_county_threshold_moves_the_class():
    assert rules.risk_class(2, False, high_from=2, incident_is_high=True) is RiskClass.high


def test_the_seeded_amounts_are_zhejiangs():
    assert (
        rules.guardian_monthly(ZHEJIANG, RiskClass.standard),
        rules.guardian_monthly(ZHEJIANG, RiskClass.high),
    ) == (
        150,
        400,
    )
    assert CARE == 200 and DEFAULTS["subsidy.high_risk_from"] == 3


# --- yearly amount ----------------------------------------------------------------------------------------


def test_a_full_standard_year_is_twelve_months_of_guardian_and_care_money():
    amount = rules.yearly_amount(150 + 200, [1, 2, 3, 4], incident_in_year=False)
    assert (amount.months, amount.monthly_yuan, amount.amount_yuan, amount.withheld) == (12, 350, 4200, False)


def test_a_high_class_year_with_one_failed_quarter_pays_nine_months():
    amount = rules.yearly_amount(400 + 200, [1, 2, 4], incident_in_year=False)
    assert (amount.months, amount.amount_yuan) == (9, 5400)


def test_a_partial_year_pays_only_the_passed_quarters_each_once():
    amount = rules.yearly_amount(350, [3, 4, 4], incident_in_year=False)
    assert (amount.months, amount.amount_yuan) == (6, 2100)


def test_a_year_with_an_incident_is_withheld_whatever_the_checks_say():
    amount = rules.yearly_amount(600, [1, 2, 3, 4], incident_in_year=True)
    assert (amount.months, amount.amount_yuan, amount.withheld) == (0, 0, True)


def test_no_passed_quarter_pays_nothing_but_is_not_withheld():
    amount = rules.yearly_amount(350, [], incident_in_year=False)
    assert (amount.amount_yuan, amount.withheld) == (0, False)


# --- quarters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [(date(2027, 1, 1), 1), (date(2027, 3, 31), 1), (date(2027, 4, 1), 2), (date(2027, 9, 30), 3)]
    + [(date(2027, 12, 31), 4)],
)
def test_quarter_of_a_day(day, quarter):
    assert rules.quarter_of(day) == quarter


def test_coverage_starts_with_the_quarter_applied_in():
    assert list(rules.covered_quarters(2027, date(2027, 5, 20))) == [2, 3, 4]
    assert list(rules.covered_quarters(2027, date(2026, 11, 23))) == [1, 2, 3, 4]


def test_only_begun_quarters_of_the_coverage_can_be_checked():
    applied = date(2027, 5, 20)
    assert list(rules.checkable_quarters(2027, applied, date(2027, 8, 1))) == [2, 3]
    assert list(rules.checkable_quarters(2027, applied, date(2028, 1, 2))) == [2, 3, 4]
    assert list(rules.checkable_quarters(2027, date(2026, 11, 23), date(2026, 12, 1))) == []


def test_missing_checks_are_the_covered_quarters_not_yet_checked():
    assert rules.missing_checks(2027, date(2027, 5, 20), [2, 4]) == [3]
    assert rules.missing_checks(2027, date(2026, 12, 1), [1, 2, 3, 4]) == []


def test_the_year_is_over_only_in_the_next_one():
    assert (rules.year_over(2027, date(2027, 12, 31)), rules.year_over(2027, date(2028, 1, 1))) == (
        False,
        True,
    )


def test_a_guardian_applies_for_this_year_or_the_next():
    assert rules.years_open(date(2026, 11, 23)) == (2026, 2027)


# --- transitions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "step", "to"),
    [
        (SubsidyStatus.pending, SubsidyStep.approve, SubsidyStatus.approved),
        (SubsidyStatus.pending, SubsidyStep.reject, SubsidyStatus.rejected),
        (SubsidyStatus.approved, SubsidyStep.pay, SubsidyStatus.paid),
        (SubsidyStatus.approved, SubsidyStep.withhold, SubsidyStatus.withheld),
    ],
)
def test_the_legal_steps(status, step, to):
    assert rules.next_status(status, step) is to


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (SubsidyStatus.pending, SubsidyStep.pay),
        (SubsidyStatus.rejected, SubsidyStep.approve),
        (SubsidyStatus.approved, SubsidyStep.approve),
        (SubsidyStatus.approved, SubsidyStep.reject),
        (SubsidyStatus.paid, SubsidyStep.pay),
        (SubsidyStatus.withheld, SubsidyStep.pay),
        ("unknown", SubsidyStep.approve),
    ],
)
def test_every_other_step_is_illegal(status, step):
    with pytest.raises(rules.IllegalTransition):
        rules.next_status(status, step)
