"""Indicator rules (DOMAIN.md §6): reporting periods, the 精康融合行动 yearly targets, rates, the dashboard's
indicator keys with their catalogue labels and formulas, and which of them drill down to a list of recipients.
Pure: no database.

A period is a calendar month ("2026-11") or year ("2026") in the local calendar, both ends included.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from jingkang_app.domain.errors import FieldError, ValidationFailed
from jingkang_app.domain.rules.followup_schedule import add_months

FIRST_YEAR, LAST_YEAR = 2000, 2099
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
MAX_TREND_MONTHS = 36


@dataclass(frozen=True)
class Period:
    key: str  # "2026-11" or "2026"
    start: date
    end: date

    @property
    def is_year(self) -> bool:
        return len(self.key) == 4

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)


def _refuse(key: str, field: str = "period", **params: object) -> ValidationFailed:
    return ValidationFailed({field: FieldError(key, params)})


def month(year: int, month_number: int) -> Period:
    start = date(year, month_number, 1)
    return Period(f"{year:04d}-{month_number:02d}", start, add_months(start, 1) - timedelta(days=1))


def parse_period(raw: object, today: date) -> Period:
    """ "2026-11" (a month) or "2026" (a year); empty means this month. Anything else is refused on ``period``."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return month(today.year, today.month)
    match = _PERIOD.match(text)
    if not match:
        raise _refuse("error.period_format")
    year = int(match[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _refuse("error.period_year", first=FIRST_YEAR, last=LAST_YEAR)
    if match[2] is None:
        return Period(text, date(year, 1, 1), date(year, 12, 31))
    month_number = int(match[2])
    if not 1 <= month_number <= 12:
        raise _refuse("error.period_format")
    return month(year, month_number)


def parse_months(raw: object, default: int = 12) -> int:
    """How many months a trend shows: 1–36 (empty: ``default``), refused on ``months`` otherwise."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_TREND_MONTHS:
        raise _refuse("error.trend_months", field="months", max=MAX_TREND_MONTHS)
    return int(text)


def months_ending(last: Period, count: int) -> list[Period]:
    """``count`` consecutive months ending with ``last``'s last month (December for a year)."""
    final = last.end.replace(day=1)
    firsts = [add_months(final, -offset) for offset in reversed(range(count))]
    return [month(first.year, first.month) for first in firsts]


def managed_window(period: Period) -> tuple[date, date]:
    """规范管理率 looks at a year of follow-ups: the calendar year for a year, else the 12 months ending with the
    period (2026-11 → 2025-12-01 … 2026-11-30)."""
    if period.is_year:
        return period.year_start, period.year_end
    return add_months(period.start, -11), period.end


def on_schedule_since(period: Period, days: int) -> date:
    """规范服务率's follow-up on schedule: one dated in the ``days`` days ending with the period's last day."""
    return period.end - timedelta(days=days - 1)


def rate(numerator: int, denominator: int) -> float | None:
    """numerator ÷ denominator as a fraction, None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


class Indicator(StrEnum):
    """The dashboard's figures (services.indicator_figures.Dashboard has one field per key)."""

    home_patients = "home_patients"  # 在册居家患者
    in_programme = "in_programme"  # 在册服务对象
    standard_service_rate = "standard_service_rate"  # 登记康复对象接受规范服务率
    managed_rate = "managed_rate"  # 规范管理率
    coverage = "coverage"  # 县域覆盖率 / 乡镇(街道)覆盖率
    followups = "followups"  # 随访完成/应随访, 当前逾期随访
    risk_distribution = "risk_distribution"  # 风险等级分布
    alerts = "alerts"  # 复发预警
    referrals = "referrals"  # 转介
    respite = "respite"  # 喘息服务
    volunteers = "volunteers"  # 志愿服务
    training = "training"  # 培训学时
    satisfaction = "satisfaction"  # 满意度
    feedback = "feedback"  # 意见反馈按时答复率


class RecipientList(StrEnum):
    """The lists of recipients behind a figure (drill-down at the bottom of the area tree)."""

    home_patients = "home_patients"
    in_programme = "in_programme"
    standard_service_met = "standard_service_met"
    standard_service_missed = "standard_service_missed"
    managed = "managed"
    not_managed = "not_managed"
    overdue_followups = "overdue_followups"
    high_risk = "high_risk"
    open_alerts = "open_alerts"
    late_alerts = "late_alerts"
    late_referrals = "late_referrals"


_I, _L = Indicator, RecipientList
# Recipient-based indicators and the lists they drill into, the one a click opens first.
DRILL_LISTS: dict[Indicator, tuple[RecipientList, ...]] = {
    _I.home_patients: (_L.home_patients,),
    _I.in_programme: (_L.in_programme,),
    _I.standard_service_rate: (_L.standard_service_missed, _L.standard_service_met),
    _I.managed_rate: (_L.not_managed, _L.managed),
    _I.followups: (_L.overdue_followups,),
    _I.risk_distribution: (_L.high_risk,),
    _I.alerts: (_L.open_alerts, _L.late_alerts),
    _I.referrals: (_L.late_referrals,),
}
RECIPIENT_BASED = frozenset(DRILL_LISTS)
# Figures of the present moment whatever the period (labelled 「当前」): what is overdue, open or late now.
SNAPSHOT_LISTS = frozenset({_L.overdue_followups, _L.high_risk, _L.open_alerts, _L.late_alerts})

# 精康融合行动 (2023–2025) yearly targets; from 2026 the 2025 target holds, before 2023 there is none.
TARGETS: dict[Indicator, dict[int, float]] = {
    _I.standard_service_rate: {2023: 0.30, 2024: 0.45, 2025: 0.60},
    _I.coverage: {2023: 0.50, 2024: 0.65, 2025: 0.80},
}


def target_for(indicator: Indicator, year: int) -> float | None:
    by_year = TARGETS.get(indicator)
    if not by_year or year < min(by_year):
        return None
    return by_year[min(year, max(by_year))]


def label_key(indicator: Indicator, area_level: str = "county") -> str:
    """Catalogue key of the indicator's name; coverage is named after the area it is read for."""
    if indicator is Indicator.coverage and area_level != "county":
        return "dashboard.coverage.township"
    return f"dashboard.{indicator.value}"


def formula_key(indicator: Indicator) -> str:
    """Catalogue key of the formula shown in the indicator's tooltip; its placeholders are the fields of
    services.indicator_figures.Definitions."""
    return f"dashboard.{indicator.value}.formula"


def part_key(owner: str, field: str) -> str:
    """Catalogue key of one part of a figure: ``owner`` is "rate" for a rate's numerator, denominator, rate and
    target, else the indicator (dashboard.alerts.open_now 「待接手」, dashboard.referrals.open_now 「办理中」)."""
    return f"dashboard.{owner}.{field}"


def list_key(recipient_list: RecipientList) -> str:
    return f"dashboard.list.{recipient_list.value}"
