"""Indicator rules: periods, windows, targets, rates and the catalogue keys of every indicator."""

from dataclasses import fields
from datetime import date

import pytest

from jingkang_app.domain.errors import ValidationFailed
from jingkang_app.domain.rules import indicators as rules
from jingkang_app.domain.rules.indicators import DRILL_LISTS, Indicator, RecipientList
from jingkang_app.domain.services import indicator_figures as figures
from jingkang_app.i18n.en import EN
from jingkang_app.i18n.zh_cn import ZH_CN

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 11, 30)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        (" 2025 ", date(2025, 1, 1), date(2025, 12, 31)),
        ("", date(2026, 11, 1), date(2026, 11, 30)),
        (None, date(2026, 11, 1), date(2026, 11, 30)),
    ],
)
def test_a_period_is_a_month_or_a_year_of_local_days(raw, start, end):
    period = rules.parse_period(raw, TODAY)

    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("2026-13", "error.period_format"),
        ("2026-00", "error.period_format"),
        ("2026-1", "error.period_format"),
        ("2026/11", "error.period_format"),
        ("26-11", "error.period_format"),
        ("十一月", "error.period_format"),
        ("1999", "error.period_year"),
        ("2100-01", "error.period_year"),
    ],
)
def test_anything_else_is_refused_on_the_period_field(raw, key):
    with pytest.raises(ValidationFailed) as refused:
        rules.parse_period(raw, TODAY)

    assert refused.value.errors["period"].key == key


def test_the_managed_window_of_a_month_is_the_twelve_months_ending_with_it():
    assert rules.managed_window(rules.parse_period("2026-11", TODAY)) == (
        date(2025, 12, 1),
        date(2026, 11, 30),
    )
    assert rules.managed_window(rules.parse_period("2026-01", TODAY)) == (date(2025, 2, 1), date(2026, 1, 31))


def test_the_managed_window_of_a_year_is_that_year():
    assert rules.managed_window(rules.parse_period("2025", TODAY)) == (date(2025, 1, 1), date(2025, 12, 31))


def test_on_schedule_means_in_the_last_days_of_the_period():
    november = rules.parse_period("2026-11", TODAY)

    # 92 days ending 11-30, both ends included: 08-31 … 11-30.
    assert rules.on_schedule_since(november, 92) == date(2026, 8, 31)


@pytest.mark.parametrize(
    ("indicator", "year", "target"),
    [
        (Indicator.standard_service_rate, 2022, None),
        (Indicator.standard_service_rate, 2023, 0.30),
        (Indicator.standard_service_rate, 2024, 0.45),
        (Indicator.standard_service_rate, 2025, 0.60),
        (Indicator.standard_service_rate, 2027, 0.60),
        (Indicator.coverage, 2023, 0.50),
        (Indicator.coverage, 2024, 0.65),
        (Indicator.coverage, 2026, 0.80),
        (Indicator.managed_rate, 2025, None),
    ],
)
def test_targets_follow_the_action_plan_and_hold_after_2025(indicator, year, target):
    assert rules.target_for(indicator, year) == target


def test_a_rate_without_a_denominator_is_none():
    assert rules.rate(3, 0) is None
    assert rules.rate(0, 4) == 0
    assert rules.rate(3, 4) == 0.75


def test_trend_months_end_with_the_periods_last_month_across_new_year():
    months = rules.months_ending(rules.parse_period("2026-02", TODAY), 4)

    assert [m.key for m in months] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert [m.key for m in rules.months_ending(rules.parse_period("2025", TODAY), 1)] == ["2025-12"]


@pytest.mark.parametrize("raw", ["0", "37", "x", "-1", "1.5"])
def test_trend_months_are_one_to_thirty_six(raw):
    with pytest.raises(ValidationFailed) as refused:
        rules.parse_months(raw)

    assert refused.value.errors["months"].key == "error.trend_months"


def test_every_indicator_list_and_label_is_in_both_catalogues():
    keys = [rules.label_key(i) for i in Indicator] + [rules.formula_key(i) for i in Indicator]
    keys += [rules.list_key(k) for k in RecipientList] + [rules.label_key(Indicator.coverage, "township")]

    assert [k for k in keys if k not in ZH_CN or k not in EN] == []


@pytest.mark.parametrize(
    ("owner", "record"),
    [
        ("rate", figures.RateFigure),
        ("followups", figures.FollowupFigure),
        ("risk_distribution", figures.RiskFigure),
        ("alerts", figures.AlertFigure),
        ("referrals", figures.ReferralFigure),
        ("respite", figures.RespiteFigure),
        ("volunteers", figures.VolunteerFigure),
        ("training", figures.TrainingFigure),
        ("feedback", figures.FeedbackFigure),
    ],
)
def test_every_part_of_a_figure_has_a_label(owner, record):
    keys = [rules.part_key(owner, f.name) for f in fields(record)]

    assert [k for k in keys if k not in ZH_CN or k not in EN] == []


def test_labels_use_the_official_wording():
    assert ZH_CN[rules.label_key(Indicator.standard_service_rate)] == "登记康复对象接受规范服务率"
    assert ZH_CN[rules.label_key(Indicator.coverage)] == "县域覆盖率"
    assert ZH_CN[rules.label_key(Indicator.coverage, "township")] == "乡镇（街道）覆盖率"


def test_every_recipient_list_is_reached_from_an_indicator():
    assert {k for lists in DRILL_LISTS.values() for k in lists} == set(RecipientList)
