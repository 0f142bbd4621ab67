"""The dashboard's figures as the page shows them: one headline value, one line of detail and, for a rate, its
target and whether it is met. Pure formatting of services.indicator_figures' records in the user's language."""

from collections.abc import Callable
from dataclasses import asdict

from jingkang_app.domain.rules.indicators import DRILL_LISTS, Indicator, formula_key, label_key
from jingkang_app.domain.services.indicator_figures import (
    AlertFigure,
    Dashboard,
    FeedbackFigure,
    FollowupFigure,
    RateFigure,
    ReferralFigure,
    RespiteFigure,
    RiskFigure,
    TrainingFigure,
    VolunteerFigure,
)

Tr = Callable[..., str]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _rate(tr: Tr, figure: RateFigure) -> tuple[str, str]:
    return percent(figure.rate), tr(
        "dashboard_page.of", numerator=figure.numerator, denominator=figure.denominator
    )


def headline(tr: Tr, figure: object) -> tuple[str, str]:
    """(value, detail) of one figure."""
    match figure:
        case int():
            return str(figure), ""
        case RateFigure():
            return _rate(tr, figure)
        case FollowupFigure():
            return (
                tr("dashboard_page.done_of_due", done=figure.done, due=figure.due),
                tr("dashboard_page.overdue_now", count=figure.overdue_now),
            )
        case RiskFigure():
            return str(figure.high), tr("dashboard_page.high_risk_of", unknown=figure.unknown)
        case AlertFigure():
            return str(figure.raised), tr(
                "dashboard_page.alerts_detail", open=figure.open_now, late=figure.late_now
            )
        case ReferralFigure():
            return str(figure.applied), tr(
                "dashboard_page.referrals_detail",
                open=figure.open_now,
                late=figure.late,
                employment=figure.employment,
            )
        case RespiteFigure():
            wait = "—" if figure.median_wait_days is None else f"{figure.median_wait_days:g}"
            return str(figure.requested), tr(
                "dashboard_page.respite_detail", days=figure.days_used, families=figure.families, wait=wait
            )
        case VolunteerFigure():
            return f"{figure.verified_hours:g}", tr(
                "dashboard_page.volunteers_detail",
                active=figure.active_volunteers,
                full=figure.shifts_full,
                shifts=figure.shifts,
            )
        case TrainingFigure():
            average = "—" if figure.average_hours is None else f"{figure.average_hours:g}"
            return percent(figure.meeting_target.rate), tr(
                "dashboard_page.training_detail",
                met=figure.meeting_target.numerator,
                staff=figure.staff,
                hours=figure.target_hours,
                average=average,
            )
        case FeedbackFigure():
            return percent(figure.on_time.rate), tr(
                "dashboard_page.feedback_detail", received=figure.received, due=figure.on_time.denominator
            )
    raise TypeError(type(figure))


def _target(figure: object) -> float | None:
    return figure.target if isinstance(figure, RateFigure) else None


def card(tr: Tr, indicator: Indicator, figure: object, area_level: str, definitions: dict) -> dict[str, str]:
    value, detail = headline(tr, figure)
    target = _target(figure)
    rate = figure.rate if isinstance(figure, RateFigure) else None
    return {
        "key": indicator.value,
        "label": tr(label_key(indicator, area_level)),
        "value": value,
        "detail": detail,
        "formula": tr(formula_key(indicator), **definitions),
        "target": tr("dashboard_page.target", target=percent(target)) if target is not None else "",
        # "met" / "below": a rate against its yearly target; "" without one
        "standing": "" if target is None or rate is None else ("met" if rate >= target else "below"),
        "lists": "1" if indicator in DRILL_LISTS else "",
    }


def cards(tr: Tr, dashboard: Dashboard) -> list[dict[str, str]]:
    definitions = asdict(dashboard.definitions)
    return [
        card(tr, indicator, getattr(dashboard, indicator.value), dashboard.area_level, definitions)
        for indicator in Indicator
    ]


def risk_bars(tr: Tr, figure: RiskFigure) -> list[dict]:
    bars = [
        {"level": tr("dashboard_page.risk_level", level=n), "count": count}
        for n, count in enumerate(figure.levels)
    ]
    return [*bars, {"level": tr("dashboard_page.risk_unknown"), "count": figure.unknown}]
