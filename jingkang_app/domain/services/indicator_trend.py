"""Monthly series for the dashboard's trend charts (issue 7): follow-ups done and due, alerts raised, rehab
attendances and verified volunteer hours, month by month up to a period. One aggregate query per series: dated
rows are counted per day (a year is ~365 groups; grouping by the day costs a third of formatting each of a
county's 650,000 follow-ups into its month on PostgreSQL, and less on SQLite too) and the days are added into
months here; UTC moments are bucketed into local months in SQL (services.indicator_sql)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from jingkang_app.domain.models import (
    Followup,
    RehabAttendance,
    RehabService,
    RiskAlert,
    ShiftSignUp,
    VolunteerShift,
)
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.indicators import Period, months_ending, parse_months
from jingkang_app.domain.services.indicator_scope import Scope, scope_for
from jingkang_app.domain.services.indicator_sql import local_month_of, moments_of

SERIES = ("followups_done", "followups_due", "alerts_raised", "rehab_attendances", "volunteer_hours")


@dataclass(frozen=True)
class TrendSeries:
    key: str  # catalogue: dashboard.trend.<key>
    values: tuple[float, ...]  # one per month, in the order of Trend.months


@dataclass(frozen=True)
class Trend:
    area_id: int
    area_name: str
    area_level: str
    months: tuple[str, ...]  # "YYYY-MM", oldest first
    series: tuple[TrendSeries, ...]


def _per_month(session: Session, bucket, value, *where, from_=None) -> dict[str, float]:
    """{"YYYY-MM": value} for the months that have rows; ``bucket`` is a day (a date) or a month ("YYYY-MM")."""
    query = select(bucket, value).where(*where).group_by(bucket)
    if from_ is not None:
        query = query.select_from(from_)
    months: dict[str, float] = {}
    for key, amount in session.exec(query):
        month = key.isoformat()[:7] if isinstance(key, date) else key
        months[month] = months.get(month, 0) + (amount or 0)
    return months


def _days(column, first: Period, last: Period) -> tuple:
    return column >= first.start, column <= last.end


def _moments(column, first: Period, last: Period) -> tuple:
    since, until = moments_of(first.start, last.end)
    return column >= since, column < until


def _series(session: Session, scope: Scope, first: Period, last: Period) -> dict[str, dict[str, float]]:
    attended = RehabAttendance.__table__.join(
        RehabService.__table__, RehabService.id == RehabAttendance.service_id
    )
    verified = ShiftSignUp.__table__.join(VolunteerShift.__table__, VolunteerShift.id == ShiftSignUp.shift_id)
    minutes = _per_month(
        session,
        local_month_of(ShiftSignUp.verified_at),
        func.sum(ShiftSignUp.verified_minutes),
        scope.in_area(VolunteerShift.area_id),
        *_moments(ShiftSignUp.verified_at, first, last),
        from_=verified,
    )
    return {
        "followups_done": _per_month(
            session,
            Followup.followup_date,
            func.count(),
            scope.in_area(Followup.area_id),
            *_days(Followup.followup_date, first, last),
        ),
        "followups_due": _per_month(
            session,
            Followup.next_followup_date,
            func.count(),
            scope.in_area(Followup.area_id),
            *_days(Followup.next_followup_date, first, last),
        ),
        "alerts_raised": _per_month(
            session,
            local_month_of(RiskAlert.raised_at),
            func.count(),
            scope.in_area(RiskAlert.area_id),
            *_moments(RiskAlert.raised_at, first, last),
        ),
        "rehab_attendances": _per_month(
            session,
            RehabService.service_date,
            func.count(),
            scope.in_area(RehabService.area_id),
            col(RehabAttendance.attended).is_(True),
            *_days(RehabService.service_date, first, last),
            from_=attended,
        ),
        "volunteer_hours": {key: round(value / 60, 1) for key, value in minutes.items()},
    }


def trend(
    session: Session, actor: Actor, area_id: object = None, months: object = 12, end_period: object = None
) -> Trend:
    """``months`` (1–36) monthly values of each series, ending with ``end_period``'s month (default: this
    month; a year ends with its December). Same scope rules as the dashboard."""
    count = parse_months(months)
    scope = scope_for(session, actor, area_id, end_period)
    periods = months_ending(scope.period, count)
    by_series = _series(session, scope, periods[0], periods[-1])
    keys = tuple(p.key for p in periods)
    return Trend(
        area_id=scope.area.id,
        area_name=scope.area.name,
        area_level=scope.area.level,
        months=keys,
        series=tuple(
            TrendSeries(name, tuple(by_series[name].get(key, 0) for key in keys)) for name in SERIES
        ),
    )
