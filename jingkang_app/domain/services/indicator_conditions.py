"""Who counts for each recipient-based indicator (DOMAIN.md §6), as SQL conditions on Recipient: the dashboard
counts them (CASE sums), the drill-down lists them, so a list always holds exactly the people behind its figure.
"""

from datetime import timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, true
from sqlmodel import col, select

from jingkang_app.domain.models import Followup, Recipient, RecipientStatus, RehabAttendance, RehabService
from jingkang_app.domain.rules import followup_chain
from jingkang_app.domain.rules.indicators import managed_window, on_schedule_since
from jingkang_app.domain.services.indicator_scope import Scope

HIGH_RISK_FROM = 3  # 危险性评估 3–5: the green channel's levels (DOMAIN.md §5)


def registered_by_end(scope: Scope) -> ColumnElement[bool]:
    """Registered (created) on or before the period's last day: always so while the period runs, and then the
    comparison is left out (one less test per recipient on a county's 100,000)."""
    until = scope.moments[1]
    return true() if until > scope.now else Recipient.created_at < until


def home_patient(scope: Scope) -> ColumnElement[bool]:
    """在册居家患者: every recipient not exited, registered by the period's end."""
    return and_(Recipient.status != RecipientStatus.exited, registered_by_end(scope))


def in_programme(scope: Scope) -> ColumnElement[bool]:
    """在册服务对象 (登记康复对象): registered (在册) and so by the period's end."""
    return and_(Recipient.status == RecipientStatus.registered, registered_by_end(scope))


def confirmed(scope: Scope) -> ColumnElement[bool]:
    """Registered confirmed patients (规范管理率's denominator): home patients with a diagnosis."""
    return and_(home_patient(scope), col(Recipient.diagnosis).is_not(None))


def _attended_rehab(scope: Scope):
    period = scope.period
    return (
        select(RehabAttendance.recipient_id)
        .join(RehabService, RehabService.id == RehabAttendance.service_id)
        .where(
            col(RehabAttendance.attended).is_(True),
            RehabService.service_date >= period.start,
            RehabService.service_date <= period.end,
        )
    )


def _followed_on_schedule(scope: Scope) -> ColumnElement[bool]:
    """A follow-up dated in the last ``on_schedule_days`` days of the period (read per recipient through
    ix_followup_recipient_date, only for those who attended rehab: the condition comes last)."""
    since = on_schedule_since(scope.period, scope.definitions.on_schedule_days)
    return exists().where(
        Followup.recipient_id == Recipient.id,
        Followup.followup_date >= since,
        Followup.followup_date <= scope.period.end,
    )


def standard_service_met(scope: Scope) -> ColumnElement[bool]:
    """规范服务: in the programme, ≥ 1 attended rehab service in the period, and a follow-up on schedule."""
    return and_(
        in_programme(scope),
        col(Recipient.id).in_(_attended_rehab(scope)),
        _followed_on_schedule(scope),
    )


def _long_gap_ids(scope: Scope):
    """Recipients with two adjacent follow-ups in the window more than ``max_gap_days`` apart. Each follow-up
    carries the gap to the one before it (services.followups.link_chain); the gap counts when that one is in the
    window too, so such a follow-up is dated after window start + max gap. Read from ix_followup_area_date alone."""
    window_start, window_end = managed_window(scope.period)
    longest = scope.definitions.max_gap_days
    return select(Followup.recipient_id).where(
        scope.in_area(Followup.area_id),
        Followup.followup_date > window_start + timedelta(days=longest),
        Followup.followup_date <= window_end,
        Followup.previous_date >= window_start,
        Followup.gap_days > longest,
    )


def _followups_in_window(scope: Scope):
    """The recipient's follow-ups in the window, counted through ix_followup_recipient_date alone."""
    window_start, window_end = managed_window(scope.period)
    return (
        select(func.count())
        .where(
            Followup.recipient_id == Recipient.id,
            Followup.followup_date >= window_start,
            Followup.followup_date <= window_end,
        )
        .scalar_subquery()
    )


def _chain_answers(scope: Scope) -> bool:
    """Whether the recipient rows' chain summary (rules/followup_chain.py) decides 规范管理 for this period: the
    window ends today or later (no follow-up is dated in the future, so it ends after each recipient's latest)
    and the county keeps the national definition the summary was kept under."""
    definitions = scope.definitions
    return managed_window(scope.period)[1] >= scope.today and (
        definitions.min_followups,
        definitions.max_gap_days,
    ) == (followup_chain.MIN_FOLLOWUPS, followup_chain.MAX_GAP_DAYS)


def managed(scope: Scope) -> ColumnElement[bool]:
    """规范管理: a registered confirmed patient with ≥ ``min_followups`` follow-ups in the year to the period's
    end (rules.indicators.managed_window), adjacent ones at most ``max_gap_days`` apart. A period running now is
    read from each recipient's chain summary (two dates on the row, read with the other recipient figures).
    An earlier one is asked of the follow-ups in this order — the set of long gaps once, then a count per
    remaining patient — half the cost of a GROUP BY over the year's follow-ups (measured on 100,000 recipients,
    SQLite and PostgreSQL alike)."""
    if _chain_answers(scope):
        window_start = managed_window(scope.period)[0]
        return and_(
            confirmed(scope),
            Recipient.followup_fourth_latest >= window_start,
            or_(
                col(Recipient.followup_long_gap_from).is_(None),
                Recipient.followup_long_gap_from < window_start,
            ),
        )
    return and_(
        confirmed(scope),
        col(Recipient.id).not_in(_long_gap_ids(scope)),
        _followups_in_window(scope) >= scope.definitions.min_followups,
    )


def overdue_now(scope: Scope) -> ColumnElement[bool]:
    """当前逾期随访 (a snapshot): registered, follow-up management not withdrawn, next follow-up before today."""
    return and_(
        Recipient.status == RecipientStatus.registered,
        col(Recipient.followup_withdrawn_on).is_(None),
        Recipient.next_followup_date < scope.today,
    )


def registered_now() -> ColumnElement[bool]:
    return Recipient.status == RecipientStatus.registered


def high_risk_now() -> ColumnElement[bool]:
    """Registered, latest risk level 3–5 (a snapshot)."""
    return and_(registered_now(), Recipient.risk_level >= HIGH_RISK_FROM)
