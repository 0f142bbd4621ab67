"""今日任务 (DOMAIN.md §5 "Due-list"): for one worker, the recipients in scope with a follow-up or a visit due or
overdue, or an open relapse alert — ordered by open alert, then risk (high first), then days overdue. Never a flat
list of everything."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, false, func, or_
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, Recipient, RecipientStatus
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.followup_schedule import days_overdue
from jingkang_app.domain.services.recipients import visible_filter

# Due within this many days shows on today's list, so a worker can plan the week's visits.
HORIZON_DAYS = 7


@dataclass(frozen=True)
class DueItem:
    recipient_id: int
    name: str
    village: str
    open_alert: bool
    risk_level: int | None  # None for roles that may not see clinical detail (grid workers, village cadres)
    followup_due: date | None  # only for those who record follow-ups
    visit_due: date | None
    days_overdue: int
    form: str  # what one tap opens: "followup" or "visit"


def due_list(
    session: Session, actor: Actor, *, offset: int = 0, limit: int = 20
) -> tuple[list[DueItem], int]:
    today = clock.today()
    horizon = today + timedelta(days=HORIZON_DAYS)
    does_followups = may_ever(actor, Action.followup_record)
    does_visits = may_ever(actor, Action.visit_record)
    sees_risk = may_ever(actor, Action.recipient_view_clinical)
    followup_due = (
        case((Recipient.followup_withdrawn_on.is_(None), Recipient.next_followup_date), else_=None)
        if does_followups
        else None
    )
    visit_due = Recipient.next_visit_date if does_visits else None
    dues = [d for d in (followup_due, visit_due) if d is not None]
    if not dues:
        return [], 0
    if len(dues) == 2:
        earliest = case(
            (followup_due.is_(None), visit_due),
            (visit_due.is_(None), followup_due),
            (followup_due <= visit_due, followup_due),
            else_=visit_due,
        )
    else:
        earliest = dues[0]
    listed = or_(Recipient.open_alert, *(and_(d.is_not(None), d <= horizon) for d in dues))
    query = (
        select(
            Recipient.id,
            Recipient.name,
            Area.name,
            Recipient.open_alert,
            Recipient.risk_level,
            followup_due if followup_due is not None else false(),
            visit_due if visit_due is not None else false(),
        )
        .join(Area, Area.id == Recipient.area_id)
        .where(
            Recipient.status == RecipientStatus.registered,
            listed,
            visible_filter(actor, Action.recipient_list),
        )
    )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(
            col(Recipient.open_alert).desc(),
            func.coalesce(Recipient.risk_level, -1).desc(),
            earliest.asc().nulls_last(),
            Recipient.id,
        )
        .offset(max(0, offset))
        .limit(max(1, min(limit, 100)))
    ).all()
    items = []
    for rid, name, village, alert, risk, fu, visit in rows:
        fu = fu if does_followups else None
        visit = visit if does_visits else None
        due_dates = [d for d in (fu, visit) if d]
        first = min(due_dates) if due_dates else None
        items.append(
            DueItem(
                recipient_id=rid,
                name=name,
                village=village,
                open_alert=bool(alert),
                risk_level=risk if sees_risk else None,
                followup_due=fu,
                visit_due=visit,
                days_overdue=days_overdue(first, today) if first else 0,
                form="followup" if fu and (not visit or fu <= visit) else "visit",
            )
        )
    return items, total
