"""The care side's aggregate queries (DOMAIN.md §6): recipients, follow-ups, service-site coverage, relapse
alerts and referrals. Each returns named figures per bucket (services.indicator_scope.Scope.sums); none reads a
row per recipient into Python."""

from collections import Counter, defaultdict
from collections.abc import Collection

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col

from jingkang_app.domain.models import AlertStatus, Followup, Recipient, Referral, RehabService, RiskAlert
from jingkang_app.domain.rules.referrals import ReferralKind, ReferralStatus
from jingkang_app.domain.services import indicator_conditions as who
from jingkang_app.domain.services.indicator_scope import Scope, Sums, count_where

RISK_LEVELS = range(6)
SITE = "site"  # RehabService.place of 定点服务 at a service site
_R = ReferralStatus
# Referrals on their way: submitted and neither closed nor returned (a returned one waits for its applicant).
OPEN_REFERRAL = frozenset(_R) - {_R.draft, _R.closed, _R.returned}


def merge(*parts: Sums) -> Sums:
    merged: Sums = defaultdict(Counter)
    for part in parts:
        for bucket, figures in part.items():
            merged[bucket].update(figures)
    return merged


def _recipient_columns(scope: Scope) -> dict[str, object]:
    registered = who.registered_now()
    return {
        "home_patients": count_where(who.home_patient(scope)),
        "in_programme": count_where(who.in_programme(scope)),
        "confirmed": count_where(who.confirmed(scope)),
        "managed": count_where(who.managed(scope)),
        "overdue_now": count_where(who.overdue_now(scope)),
        "risk_unknown": count_where(and_(registered, col(Recipient.risk_level).is_(None))),
    } | {f"risk_{n}": count_where(and_(registered, Recipient.risk_level == n)) for n in RISK_LEVELS}


def recipient_sums(session: Session, scope: Scope, only: Collection[str] = ()) -> Sums:
    """Every recipient-based figure (or ``only`` those named) in one pass over the area's recipients, but for
    规范服务 (standard_service_sums)."""
    named = {name: column for name, column in _recipient_columns(scope).items() if not only or name in only}
    return scope.sums(session, Recipient.area_id, named, whole_table=True) if named else {}


def standard_service_sums(session: Session, scope: Scope) -> Sums:
    """规范服务's numerator on its own: the planner then starts from the period's rehab attendances (thousands of
    rows) instead of testing each of a county's 100,000 recipients (a third of the recipient pass)."""
    return scope.sums(
        session, Recipient.area_id, {"standard_met": func.count()}, who.standard_service_met(scope)
    )


def followup_sums(session: Session, scope: Scope) -> Sums:
    """Follow-ups done in the period, and due in it: each recorded follow-up schedules the next. No index holds
    next_followup_date: SQLite reads every follow-up row of the area for ``due`` (0.75 s for a county of 100,000
    recipients and 1,000,000 follow-ups); an index on (area_id, next_followup_date) makes it a range count."""
    period = scope.period
    done = scope.sums(
        session,
        Followup.area_id,
        {"followups_done": func.count()},
        Followup.followup_date >= period.start,
        Followup.followup_date <= period.end,
    )
    due = scope.sums(
        session,
        Followup.area_id,
        {"followups_due": func.count()},
        Followup.next_followup_date >= period.start,
        Followup.next_followup_date <= period.end,
    )
    return merge(done, due)


def coverage_sums(session: Session, scope: Scope) -> Sums:
    """Townships in the area, and those with an active service site: ≥ 1 session at a site in the period."""
    by_area = scope.per_area().sums(
        session,
        RehabService.area_id,
        {"site_sessions": func.count()},
        RehabService.place == SITE,
        RehabService.service_date >= scope.period.start,
        RehabService.service_date <= scope.period.end,
    )
    active_paths = [a.path for a in scope.areas if by_area.get(a.id)]
    result: Sums = defaultdict(Counter)
    for township in (a for a in scope.areas if a.level == "township"):
        bucket = scope.buckets.get(township.id)
        if bucket is None:
            continue
        result[bucket]["townships"] += 1
        result[bucket]["active_townships"] += any(p.startswith(township.path) for p in active_paths)
    return result


def alert_sums(session: Session, scope: Scope) -> Sums:
    """Alerts raised in the period and taken after their deadline in it; open (not yet taken) and late now."""
    since, until = scope.moments
    is_open = RiskAlert.status == AlertStatus.open
    return scope.sums(
        session,
        RiskAlert.area_id,
        {
            "alerts_raised": count_where(and_(RiskAlert.raised_at >= since, RiskAlert.raised_at < until)),
            "alerts_open": count_where(is_open),
            "alerts_in_hand": count_where(RiskAlert.status == AlertStatus.taken),
            "alerts_late": count_where(and_(is_open, RiskAlert.deadline_at < scope.now)),
            "alerts_taken_late": count_where(
                and_(
                    RiskAlert.taken_at >= since,
                    RiskAlert.taken_at < until,
                    RiskAlert.taken_at > RiskAlert.deadline_at,
                )
            ),
        },
    )


def late_referral(scope: Scope):
    """A 精康转介 late now (open past its registration or referral deadline) or whose registration or referral
    in the period came after its deadline (rules.referrals.late_steps)."""
    start, end = scope.period.start, scope.period.end
    late_now = or_(
        and_(Referral.status == _R.applied, Referral.register_by < scope.today),
        and_(Referral.status == _R.registered, Referral.refer_by < scope.today),
    )
    taken_late = or_(
        and_(
            Referral.registered_on >= start,
            Referral.registered_on <= end,
            Referral.registered_on > Referral.register_by,
        ),
        and_(
            Referral.referred_on >= start,
            Referral.referred_on <= end,
            Referral.referred_on > Referral.refer_by,
        ),
    )
    return Referral.kind == ReferralKind.rehab, late_now, taken_late


def referral_sums(session: Session, scope: Scope) -> Sums:
    """Referrals applied for in the period by kind and status; open and late ones."""
    period = scope.period
    applied = scope.counts_by(
        session,
        Referral.area_id,
        [Referral.kind, Referral.status],
        {"referrals": func.count()},
        Referral.applied_on >= period.start,
        Referral.applied_on <= period.end,
        Referral.status != _R.draft,
    )
    rehab, late_now, taken_late = late_referral(scope)
    states = scope.sums(
        session,
        Referral.area_id,
        {
            "referrals_open": count_where(col(Referral.status).in_(OPEN_REFERRAL)),
            "referrals_late_now": count_where(and_(rehab, late_now)),
            "referrals_taken_late": count_where(and_(rehab, taken_late)),
            "referrals_late": count_where(and_(rehab, or_(late_now, taken_late))),
        },
        Referral.status != _R.draft,
    )
    return merge(applied, states)
