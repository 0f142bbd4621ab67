"""今日任务 (DOMAIN.md §5 "Due-list"): for one worker, the recipients in scope with a follow-up or a visit due or
overdue, or an open relapse alert — ordered by open alert, then risk (high first), then days overdue. Never a flat
list of everything."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Subquery, and_, case, false, func, or_
from sqlmodel import Session, col, select

from jingkang_app.domain import clock
from jingkang_app.domain.models import Area, Recipient, RecipientStatus
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.followup_schedule import days_overdue
from jingkang_app.domain.services.recipients import in_scope

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


def _earliest(followup_due, visit_due):
    if followup_due is None or visit_due is None:
        return visit_due if followup_due is None else followup_due
    return case(
        (followup_due.is_(None), visit_due),
        (visit_due.is_(None), followup_due),
        (followup_due <= visit_due, followup_due),
        else_=visit_due,
    )


def _page(session: Session, keys: Subquery, earliest, offset: int, limit: int) -> tuple[list, int]:
    """One page of the due recipients' keys in list order, and how many are due in all."""
    page = session.exec(
        # The total rides on every row of the page: one pass over the scope instead of a second COUNT query.
        select(*keys.c, func.count().over())
        .order_by(
            keys.c.open_alert.desc(),
            func.coalesce(keys.c.risk_level, -1).desc(),
            earliest.asc().nulls_last(),
            keys.c.id,
        )
        .offset(offset)
        .limit(max(1, min(limit, 100)))
    ).all()
    if page:
        return page, page[0][-1]
    # A page past the end still tells how long the list is.
    return page, session.exec(select(func.count()).select_from(keys)).one() if offset else 0


def _names(session: Session, recipient_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Recipient id → (name, village), read for one page only."""
    if not recipient_ids:
        return {}
    rows = session.exec(
        select(Recipient.id, Recipient.name, Area.name)
        .join(Area, Area.id == Recipient.area_id)
        .where(col(Recipient.id).in_(recipient_ids))
    )
    return {rid: (name, village) for rid, name, village in rows}


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
    listed = or_(Recipient.open_alert, *(and_(d.is_not(None), d <= horizon) for d in dues))
    # Who is due, and in which order, comes from ix_recipient_due_list alone (an index-only scan).
    keys = in_scope(
        actor,
        Action.recipient_list,
        [
            Recipient.id,
            Recipient.open_alert,
            Recipient.risk_level,
            (followup_due if followup_due is not None else false()).label("followup_due"),
            (visit_due if visit_due is not None else false()).label("visit_due"),
        ],
        Recipient.status == RecipientStatus.registered,
        listed,
    ).subquery()
    earliest = _earliest(
        keys.c.followup_due if does_followups else None, keys.c.visit_due if does_visits else None
    )
    page, total = _page(session, keys, earliest, max(0, offset), limit)
    names = _names(session, [row[0] for row in page])
    items = []
    for rid, alert, risk, fu, visit, _total in page:
        fu = fu if does_followups else None
        visit = visit if does_visits else None
        due_dates = [d for d in (fu, visit) if d]
        first = min(due_dates) if due_dates else None
        name, village = names[rid]
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
                # An open relapse alert needs a clinical assessment first: the follow-up, for those who record it.
                form="followup" if fu and (alert or not visit or fu <= visit) else "visit",
            )
        )
    return items, total
