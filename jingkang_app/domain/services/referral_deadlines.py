"""精康转介 deadlines (DOMAIN.md §5, rules/referrals.py): each step's own date, the registration and referral
deadlines fixed in working days with the county's settings when their clock starts, and which of them are late —
in Python for one referral and in SQL for a long list, on the deadlines as they were fixed."""

from datetime import date

from sqlalchemy import and_, or_
from sqlmodel import Session, col

from jingkang_app.domain import clock, settings
from jingkang_app.domain.models import Area, Referral
from jingkang_app.domain.rules import referrals as rules
from jingkang_app.domain.rules.referrals import (
    FIRST_STEP,
    DeadlineRules,
    Deadlines,
    ReferralKind,
    ReferralStatus,
    ReferralStep,
    late_against,
)

DEADLINE_KEYS = (
    "referral.register_within_days",
    "referral.refer_within_days",
    "referral.holidays",
    "referral.make_up_days",
)


def deadline_rules(session: Session, area_id: int) -> DeadlineRules:
    """The county's deadline settings as they are today (a deadline is fixed with them when its clock starts)."""
    county_id = settings.county_id_of(session.get(Area, area_id).path)
    return DeadlineRules.from_settings({key: settings.get(session, county_id, key) for key in DEADLINE_KEYS})


def fix_dates(session: Session, referral: Referral, step: ReferralStep) -> list[str]:
    """Sets the dates the step records and the deadlines whose clock it starts; returns the fields changed."""
    today = clock.today()
    if step is FIRST_STEP[referral.kind]:
        # Filed again after 退回: the earlier pass's dates and deadlines no longer count.
        referral.registered_on = referral.referred_on = referral.refer_by = referral.closed_on = None
        if referral.kind == ReferralKind.rehab:
            due = rules.deadlines(referral.applied_on, None, deadline_rules(session, referral.area_id))
            referral.register_by = due.register_by
        return ["applied_on", "register_by", "registered_on", "referred_on", "refer_by", "closed_on"]
    if step is ReferralStep.register:
        referral.registered_on = today
        due = rules.deadlines(referral.applied_on, today, deadline_rules(session, referral.area_id))
        referral.refer_by = due.refer_by
        return ["registered_on", "refer_by"]
    if step is ReferralStep.refer:
        referral.referred_on = today
        return ["referred_on"]
    if step is ReferralStep.close:
        referral.closed_on = today
        return ["closed_on"]
    return []


# Waiting for its applicant, not for a deadline step: a draft, or a referral sent back.
NOT_RUNNING = (ReferralStatus.draft, ReferralStatus.returned)


def late_steps_of(referral: Referral, today: date) -> list[ReferralStep]:
    """rules.late_steps on the deadlines as they were fixed; only 精康转介 have them, and a draft or a returned
    referral waits for its applicant, not for a step with a deadline."""
    if referral.register_by is None or referral.status in NOT_RUNNING:
        return []
    due = Deadlines(referral.register_by, referral.refer_by)
    return late_against(due, referral.registered_on, referral.referred_on, today)


def late_condition(today: date):
    """late_steps_of in SQL, for filtering a large list."""
    register_late = or_(
        and_(Referral.registered_on.is_(None), Referral.register_by < today),
        Referral.registered_on > Referral.register_by,
    )
    refer_late = or_(
        and_(Referral.referred_on.is_(None), Referral.refer_by < today),
        Referral.referred_on > Referral.refer_by,
    )
    return and_(
        Referral.register_by.is_not(None),
        col(Referral.status).not_in(NOT_RUNNING),
        or_(register_late, and_(Referral.refer_by.is_not(None), refer_late)),
    )
