"""The support side's aggregate queries (DOMAIN.md §6): respite, volunteers, staff training, satisfaction with home
visits and the public's feedback. Like services.indicator_queries: named figures per bucket, summed in SQL."""

from collections import Counter

from sqlalchemy import and_, case, func, join, literal, or_
from sqlmodel import Session, col, select

from jingkang_app.domain.models import (
    Feedback,
    HomeVisit,
    RespiteRequest,
    RoleAssignment,
    ShiftSignUp,
    StaffTraining,
    User,
    Volunteer,
    VolunteerShift,
)
from jingkang_app.domain.rules.respite import USING_QUOTA
from jingkang_app.domain.rules.staff_training import STAFF_ROLES
from jingkang_app.domain.rules.volunteers import ShiftStatus, VolunteerStatus
from jingkang_app.domain.services.indicator_queries import merge
from jingkang_app.domain.services.indicator_scope import Scope, Sums, count_where
from jingkang_app.domain.services.indicator_sql import days_between, days_between_moments
from jingkang_app.domain.services.visits import SATISFACTION

SATISFIED = ("satisfied", "basically")  # 满意, 基本满意


def respite_sums(session: Session, scope: Scope) -> Sums:
    """Requests made in the period by status; days approved in the period's year against the quota of the
    families holding them; the median wait for a decision among those decided in the period."""
    since, until = scope.moments
    by_status = scope.counts_by(
        session,
        RespiteRequest.area_id,
        [RespiteRequest.status],
        {"respite": func.count()},
        RespiteRequest.created_at >= since,
        RespiteRequest.created_at < until,
    )
    first, last = scope.period.year_start, scope.period.year_end
    # The part of each request inside the year (a request may straddle New Year: rules.respite.days_per_year).
    start = case((RespiteRequest.start_date < first, literal(first)), else_=RespiteRequest.start_date)
    end = case((RespiteRequest.end_date > last, literal(last)), else_=RespiteRequest.end_date)
    used = scope.sums(
        session,
        RespiteRequest.area_id,
        {
            "respite_days": func.sum(days_between(start, end) + 1),
            "respite_families": func.count(func.distinct(RespiteRequest.recipient_id)),
        },
        col(RespiteRequest.status).in_(USING_QUOTA),
        RespiteRequest.start_date <= last,
        RespiteRequest.end_date >= first,
    )
    return merge(by_status, used, _median_wait(session, scope))


def _median_wait(session: Session, scope: Scope) -> Sums:
    """The median in SQL: the middle row (or the mean of the middle two) by row number, per bucket."""
    since, until = scope.moments
    bucket = (
        case(dict(scope.buckets), value=RespiteRequest.area_id) if scope.grouped else literal(scope.area.id)
    )
    wait = days_between_moments(RespiteRequest.created_at, RespiteRequest.decided_at)
    ranked = (
        select(
            bucket.label("bucket"),
            wait.label("wait"),
            func.row_number().over(partition_by=bucket, order_by=wait).label("n"),
            func.count().over(partition_by=bucket).label("total"),
        )
        .where(
            scope.in_area(RespiteRequest.area_id),
            RespiteRequest.decided_at >= since,
            RespiteRequest.decided_at < until,
        )
        .subquery()
    )
    middle = (ranked.c.total + 1) // 2, (ranked.c.total + 2) // 2  # one row (odd), or two (even)
    rows = session.exec(
        select(ranked.c.bucket, func.avg(ranked.c.wait))
        .where(col(ranked.c.bucket).is_not(None), ranked.c.n.between(*middle))
        .group_by(ranked.c.bucket)
    )
    return {bucket_id: Counter({"respite_wait_median": median}) for bucket_id, median in rows}


def volunteer_sums(session: Session, scope: Scope) -> Sums:
    """Hours verified in the period on the area's shifts; the area's approved volunteers with a verified
    service in it; shifts (not cancelled) starting in it, and those full."""
    since, until = scope.moments
    verified_in_period = and_(ShiftSignUp.verified_at >= since, ShiftSignUp.verified_at < until)
    hours = scope.sums(
        session,
        VolunteerShift.area_id,
        {"volunteer_minutes": func.sum(ShiftSignUp.verified_minutes)},
        verified_in_period,
        from_=join(ShiftSignUp, VolunteerShift, ShiftSignUp.shift_id == VolunteerShift.id),
    )
    active = scope.sums(
        session,
        Volunteer.area_id,
        {"volunteers_active": func.count()},
        Volunteer.status == VolunteerStatus.active,
        col(Volunteer.id).in_(select(ShiftSignUp.volunteer_id).where(verified_in_period)),
    )
    shifts = scope.sums(
        session,
        VolunteerShift.area_id,
        {
            "shifts": func.count(),
            "shifts_full": count_where(VolunteerShift.seats_taken >= VolunteerShift.capacity),
        },
        VolunteerShift.status != ShiftStatus.cancelled,
        VolunteerShift.starts_at >= since,
        VolunteerShift.starts_at < until,
    )
    return merge(hours, active, shifts)


def training_sums(session: Session, scope: Scope) -> Sums:
    """The area's staff (each once, at their first area), their training hours from New Year to the period's
    end, and how many reach the county's yearly hours."""
    staff = (
        select(RoleAssignment.user_id, func.min(RoleAssignment.area_id).label("area_id"))
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            col(RoleAssignment.role).in_(STAFF_ROLES),
            col(User.active).is_(True),
            scope.in_area(RoleAssignment.area_id),
        )
        .group_by(RoleAssignment.user_id)
        .subquery()
    )
    trained = (
        select(StaffTraining.user_id, func.sum(StaffTraining.minutes).label("minutes"))
        .where(
            StaffTraining.trained_on >= scope.period.year_start,
            StaffTraining.trained_on <= scope.period.end,
        )
        .group_by(StaffTraining.user_id)
        .subquery()
    )
    minutes = func.coalesce(trained.c.minutes, 0)
    return scope.sums(
        session,
        staff.c.area_id,
        {
            "staff": func.count(),
            "staff_trained_enough": count_where(minutes >= scope.definitions.training_hours * 60),
            "training_minutes": func.sum(minutes),
        },
        from_=staff.outerjoin(trained, trained.c.user_id == staff.c.user_id),
    )


def satisfaction_sums(session: Session, scope: Scope) -> Sums:
    """满意 and 基本满意 among the answers of home visits in the period."""
    return scope.sums(
        session,
        HomeVisit.area_id,
        {
            "satisfied": count_where(col(HomeVisit.satisfaction).in_(SATISFIED)),
            "satisfaction_answers": count_where(col(HomeVisit.satisfaction).in_(SATISFACTION)),
        },
        HomeVisit.visit_date >= scope.period.start,
        HomeVisit.visit_date <= scope.period.end,
    )


def feedback_sums(session: Session, scope: Scope) -> Sums:
    """Feedback received in the period; of those answered or past their answering date, the ones answered on
    time."""
    answered = col(Feedback.answered_on).is_not(None)
    return scope.sums(
        session,
        Feedback.area_id,
        {
            "feedback": func.count(),
            "feedback_due": count_where(or_(answered, Feedback.answer_by < scope.today)),
            "feedback_on_time": count_where(and_(answered, Feedback.answered_on <= Feedback.answer_by)),
        },
        Feedback.received_on >= scope.period.start,
        Feedback.received_on <= scope.period.end,
    )
