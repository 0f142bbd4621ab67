"""The dashboard's figures (DOMAIN.md §6) as small frozen records, built from one bucket's summed counts
(services.indicator_queries): a rate keeps its numerator and denominator beside it, and its yearly target."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from jingkang_app.domain.rules.indicators import Indicator, Period, rate, target_for
from jingkang_app.domain.rules.referrals import ReferralKind
from jingkang_app.domain.services.indicator_queries import RISK_LEVELS
from jingkang_app.domain.services.indicator_scope import Definitions


@dataclass(frozen=True)
class RateFigure:
    numerator: int
    denominator: int
    rate: float | None  # a fraction; None when the denominator is 0
    target: float | None = None  # the year's target, where the programme sets one


@dataclass(frozen=True)
class FollowupFigure:
    done: int  # follow-ups dated in the period
    due: int  # follow-ups whose next date (set by the one before) falls in the period
    overdue_now: int  # snapshot: registered recipients whose next follow-up date has passed


@dataclass(frozen=True)
class RiskFigure:
    """Snapshot: registered recipients by their latest 危险性评估."""

    levels: tuple[int, ...]  # levels[n]: recipients at risk level n (0–5)
    unknown: int  # never assessed
    high: int  # levels 3–5


@dataclass(frozen=True)
class AlertFigure:
    raised: int  # in the period
    taken_late: int  # taken in the period after their deadline
    open_now: int  # snapshot: not yet taken
    in_hand_now: int  # snapshot: taken, not yet closed
    late_now: int  # snapshot: not taken and past their deadline


@dataclass(frozen=True)
class KindStatusCount:
    kind: str
    status: str
    count: int


@dataclass(frozen=True)
class ReferralFigure:
    applied: int  # submitted in the period (drafts excluded)
    by_kind_status: tuple[KindStatusCount, ...]  # of those, by kind and current status
    employment: int  # 就业转介 among them
    open_now: int  # snapshot: submitted, neither closed nor returned
    late_now: int  # snapshot: 精康转介 past their registration or referral deadline
    taken_late: int  # 精康转介 registered or referred in the period after the deadline
    late: int  # either of the two (each referral once)


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int


@dataclass(frozen=True)
class RespiteFigure:
    requested: int  # requests made in the period
    by_status: tuple[StatusCount, ...]  # of those, by current status
    days_used: int  # approved (or later) days falling in the period's year
    families: int  # families holding those days
    quota: RateFigure  # days used ÷ (quota days × families)
    median_wait_days: float | None  # request to decision, of those decided in the period


@dataclass(frozen=True)
class VolunteerFigure:
    verified_hours: float
    active_volunteers: int
    shifts: int
    shifts_full: int


@dataclass(frozen=True)
class TrainingFigure:
    staff: int
    meeting_target: RateFigure  # staff with ≥ the yearly hours so far this year ÷ staff
    average_hours: float | None
    target_hours: int


@dataclass(frozen=True)
class FeedbackFigure:
    received: int  # in the period
    on_time: RateFigure  # answered by their date ÷ those received in the period answered or past their date


@dataclass(frozen=True)
class Dashboard:
    area_id: int
    area_name: str
    area_level: str
    period: str
    start: date
    end: date
    as_of: date  # the day the snapshot figures describe
    definitions: Definitions
    home_patients: int
    in_programme: int
    standard_service_rate: RateFigure
    managed_rate: RateFigure
    coverage: RateFigure
    followups: FollowupFigure
    risk_distribution: RiskFigure
    alerts: AlertFigure
    referrals: ReferralFigure
    respite: RespiteFigure
    volunteers: VolunteerFigure
    training: TrainingFigure
    satisfaction: RateFigure
    feedback: FeedbackFigure


def rate_figure(numerator: float, denominator: float, target: float | None = None) -> RateFigure:
    return RateFigure(int(numerator), int(denominator), rate(int(numerator), int(denominator)), target)


def _hours(minutes: float) -> float:
    return round(minutes / 60, 1)


def _referrals(c: Counter) -> ReferralFigure:
    by = sorted(
        (key[1], key[2], n) for key, n in c.items() if isinstance(key, tuple) and key[0] == "referrals"
    )
    return ReferralFigure(
        applied=sum(n for _, _, n in by),
        by_kind_status=tuple(KindStatusCount(kind, status, n) for kind, status, n in by),
        employment=sum(n for kind, _, n in by if kind == ReferralKind.employment),
        open_now=c["referrals_open"],
        late_now=c["referrals_late_now"],
        taken_late=c["referrals_taken_late"],
        late=c["referrals_late"],
    )


def _respite(c: Counter, d: Definitions) -> RespiteFigure:
    by = sorted((key[1], n) for key, n in c.items() if isinstance(key, tuple) and key[0] == "respite")
    median = c.get("respite_wait_median")
    return RespiteFigure(
        requested=sum(n for _, n in by),
        by_status=tuple(StatusCount(status, n) for status, n in by),
        days_used=c["respite_days"],
        families=c["respite_families"],
        quota=rate_figure(c["respite_days"], d.respite_quota_days * c["respite_families"]),
        median_wait_days=None if median is None else round(float(median), 1),
    )


def _training(c: Counter, d: Definitions) -> TrainingFigure:
    staff = c["staff"]
    return TrainingFigure(
        staff=staff,
        meeting_target=rate_figure(c["staff_trained_enough"], staff),
        average_hours=_hours(c["training_minutes"] / staff) if staff else None,
        target_hours=d.training_hours,
    )


def figure_of(indicator: Indicator, c: Counter, period: Period, d: Definitions):
    """One indicator's figure from one bucket's counts."""
    year = period.year
    match indicator:
        case Indicator.home_patients | Indicator.in_programme:
            return int(c[indicator.value])
        case Indicator.standard_service_rate:
            return rate_figure(c["standard_met"], c["in_programme"], target_for(indicator, year))
        case Indicator.managed_rate:
            return rate_figure(c["managed"], c["confirmed"])
        case Indicator.coverage:
            return rate_figure(c["active_townships"], c["townships"], target_for(indicator, year))
        case Indicator.followups:
            return FollowupFigure(c["followups_done"], c["followups_due"], c["overdue_now"])
        case Indicator.risk_distribution:
            levels = tuple(c[f"risk_{n}"] for n in RISK_LEVELS)
            return RiskFigure(levels, c["risk_unknown"], sum(levels[3:]))
        case Indicator.alerts:
            return AlertFigure(
                raised=c["alerts_raised"],
                taken_late=c["alerts_taken_late"],
                open_now=c["alerts_open"],
                in_hand_now=c["alerts_in_hand"],
                late_now=c["alerts_late"],
            )
        case Indicator.referrals:
            return _referrals(c)
        case Indicator.respite:
            return _respite(c, d)
        case Indicator.volunteers:
            return VolunteerFigure(
                _hours(c["volunteer_minutes"]), c["volunteers_active"], c["shifts"], c["shifts_full"]
            )
        case Indicator.training:
            return _training(c, d)
        case Indicator.satisfaction:
            return rate_figure(c["satisfied"], c["satisfaction_answers"])
        case Indicator.feedback:
            return FeedbackFigure(c["feedback"], rate_figure(c["feedback_on_time"], c["feedback_due"]))
    raise ValueError(indicator)
