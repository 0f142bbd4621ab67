"""The recipients behind a recipient-based figure (the drill-down's last step, DOMAIN.md §6): who is overdue, who
is not served or managed to standard, who is at high risk, whose alert or referral is open or late. The same
conditions as the counts (services.indicator_conditions), so a list holds exactly the people its figure counts.

Lists are masked (DOMAIN.md §8): name, the ID number masked and only for those who may see identity numbers, the
village, and the one date that explains why the person is on the list. Reading one needs area.overview and
recipient.list on the area.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, not_, or_
from sqlmodel import Session, col, select

from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import NotFound
from jingkang_app.domain.models import AlertStatus, Area, Recipient, Referral, RiskAlert
from jingkang_app.domain.permissions import Action, Actor, Target, can, require
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.idcard import mask_id_number
from jingkang_app.domain.rules.indicators import RecipientList
from jingkang_app.domain.rules.referrals import ReferralStatus
from jingkang_app.domain.services import indicator_conditions as who
from jingkang_app.domain.services.indicator_queries import late_referral
from jingkang_app.domain.services.indicator_scope import Scope, scope_for

PAGE_SIZE = 20


@dataclass(frozen=True)
class RecipientBehind:
    id: int
    name: str
    id_masked: str  # "" when the actor may not see identity numbers
    village: str
    date: (
        date | None
    )  # registered on / latest follow-up / next follow-up due / alert raised / deadline missed


@dataclass(frozen=True)
class RecipientPage:
    list: str
    area_id: int
    area_name: str
    period: str
    items: tuple[RecipientBehind, ...]
    total: int
    page: int
    page_size: int


_L = RecipientList


def _alerts_by_recipient(scope: Scope, late_only: bool):
    """(recipient id, date) of their alerts not yet taken — or those also past their deadline — with the
    earliest raising time, or the earliest deadline missed."""
    waiting = [RiskAlert.status == AlertStatus.open]
    if late_only:
        waiting.append(RiskAlert.deadline_at < scope.now)
    day = func.min(RiskAlert.deadline_at if late_only else RiskAlert.raised_at)
    return (
        select(RiskAlert.recipient_id.label("recipient_id"), day.label("day"))
        .where(scope.in_area(RiskAlert.area_id), *waiting)
        .group_by(RiskAlert.recipient_id)
        .subquery()
    )


def _late_referrals_by_recipient(scope: Scope):
    """(recipient id, date) of their late 精康转介 (as the figure counts them) with the earliest deadline missed."""
    rehab, late_now, taken_late = late_referral(scope)
    missed = case(
        (Referral.status == ReferralStatus.applied, Referral.register_by),
        (col(Referral.registered_on) > Referral.register_by, Referral.register_by),
        else_=Referral.refer_by,
    )
    return (
        select(Referral.recipient_id.label("recipient_id"), func.min(missed).label("day"))
        .where(
            scope.in_area(Referral.area_id),
            Referral.status != ReferralStatus.draft,
            rehab,
            or_(late_now, taken_late),
        )
        .group_by(Referral.recipient_id)
        .subquery()
    )


def _conditions(scope: Scope) -> dict[RecipientList, tuple]:
    """List → (condition on Recipient, the date column shown)."""
    latest = Recipient.last_followup_date
    return {
        _L.home_patients: (who.home_patient(scope), Recipient.created_at),
        _L.in_programme: (who.in_programme(scope), Recipient.created_at),
        _L.standard_service_met: (who.standard_service_met(scope), latest),
        _L.standard_service_missed: (
            and_(who.in_programme(scope), not_(who.standard_service_met(scope))),
            latest,
        ),
        _L.managed: (who.managed(scope), latest),
        _L.not_managed: (and_(who.confirmed(scope), not_(who.managed(scope))), latest),
        _L.overdue_followups: (who.overdue_now(scope), Recipient.next_followup_date),
        _L.high_risk: (who.high_risk_now(), latest),
    }


def _query(scope: Scope, recipient_list: RecipientList):
    """The list's rows (id, name, ID number, village, date) and its date column to order by."""
    columns = [Recipient.id, Recipient.name, Recipient.id_number, Area.name]
    conditions = _conditions(scope)
    if recipient_list in conditions:
        condition, day = conditions[recipient_list]
        query = select(*columns, day).where(scope.in_area(Recipient.area_id), condition)
    else:
        behind = (
            _late_referrals_by_recipient(scope)
            if recipient_list is _L.late_referrals
            else _alerts_by_recipient(scope, late_only=recipient_list is _L.late_alerts)
        )
        day = behind.c.day
        query = select(*columns, day).join(behind, behind.c.recipient_id == Recipient.id)
    return query.join(Area, Area.id == Recipient.area_id), day


def _local_date(value: date | datetime | None) -> date | None:
    return value.astimezone(LOCAL_TZ).date() if isinstance(value, datetime) else value


def recipients_behind(
    session: Session, actor: Actor, area_id: object, period: object, key: object, page: object = 1
) -> RecipientPage:
    """One page (``page`` from 1) of the list ``key`` (rules.indicators.RecipientList) for the area and period,
    earliest date first (the longest overdue, the oldest alert)."""
    try:
        recipient_list = RecipientList(str(key))
    except ValueError:
        raise NotFound() from None
    scope = scope_for(session, actor, area_id, period)
    target = Target(area_path=scope.area.path)
    require(actor, Action.recipient_list, target)
    identity = can(actor, Action.recipient_view_identity, target)
    query, day = _query(scope, recipient_list)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    number = max(1, fields.whole_number(page))
    rows = session.exec(
        query.order_by(col(day).asc().nulls_last(), Recipient.id)
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    items = tuple(
        RecipientBehind(rid, name, mask_id_number(id_number) if identity else "", village, _local_date(when))
        for rid, name, id_number, village, when in rows
    )
    return RecipientPage(
        list=recipient_list.value,
        area_id=scope.area.id,
        area_name=scope.area.name,
        period=scope.period.key,
        items=items,
        total=total,
        page=number,
        page_size=PAGE_SIZE,
    )
