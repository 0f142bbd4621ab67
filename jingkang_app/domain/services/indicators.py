"""The coordinator dashboard (DOMAIN.md §6, issue 7): every indicator for an area and a period, and the same
figure for each child area to drill down (county → townships → villages). Only area.overview holders — township
and county coordinators — read them, for their own area or any area inside it.

A county dashboard runs one query per group of figures (services.indicator_queries and
indicator_support_queries), each an aggregate over indexed columns; see ``QUERIES``.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlmodel import Session

from jingkang_app.domain.errors import NotFound
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.indicators import Indicator
from jingkang_app.domain.services.indicator_figures import Dashboard, figure_of
from jingkang_app.domain.services.indicator_queries import (
    alert_sums,
    coverage_sums,
    followup_sums,
    merge,
    recipient_sums,
    referral_sums,
    standard_service_sums,
)
from jingkang_app.domain.services.indicator_scope import Scope, Sums, children, scope_for, tune_for_aggregates
from jingkang_app.domain.services.indicator_support_queries import (
    feedback_sums,
    respite_sums,
    satisfaction_sums,
    training_sums,
    volunteer_sums,
)

Query = Callable[[Session, Scope], Sums]
_I = Indicator
_RISK = tuple(f"risk_{n}" for n in range(6)) + ("risk_unknown",)
# What each indicator reads; the recipient pass computes only the columns a drill-down needs.
QUERIES: dict[Indicator, tuple[Query, ...]] = {
    _I.home_patients: (partial(recipient_sums, only={"home_patients"}),),
    _I.in_programme: (partial(recipient_sums, only={"in_programme"}),),
    _I.standard_service_rate: (standard_service_sums, partial(recipient_sums, only={"in_programme"})),
    _I.managed_rate: (partial(recipient_sums, only={"managed", "confirmed"}),),
    _I.coverage: (coverage_sums,),
    _I.followups: (followup_sums, partial(recipient_sums, only={"overdue_now"})),
    _I.risk_distribution: (partial(recipient_sums, only=set(_RISK)),),
    _I.alerts: (alert_sums,),
    _I.referrals: (referral_sums,),
    _I.respite: (respite_sums,),
    _I.volunteers: (volunteer_sums,),
    _I.training: (training_sums,),
    _I.satisfaction: (satisfaction_sums,),
    _I.feedback: (feedback_sums,),
}
# The whole dashboard: the recipient pass once with every column, then the rest.
DASHBOARD_QUERIES: tuple[Query, ...] = (  # the heaviest first (run_queries)
    recipient_sums,
    satisfaction_sums,
    standard_service_sums,
    followup_sums,
    volunteer_sums,
    coverage_sums,
    respite_sums,
    referral_sums,
    training_sums,
    alert_sums,
    feedback_sums,
)


# The groups of figures are independent aggregate queries, each busy on one core: two connections at once halve
# a county dashboard's wall time on a two-core server (SQLite and psycopg release the GIL while a query runs).
# Each runs in its own read transaction; the figures are a dashboard's, not one snapshot's.
CONNECTIONS = 2


def run_queries(session: Session, scope: Scope, queries: Sequence[Query]) -> Sums:
    """Every query's sums, the heaviest (listed first) starting first, ``CONNECTIONS`` at a time."""
    bind = session.get_bind()

    def run(query: Query) -> Sums:
        with Session(bind) as own:
            tune_for_aggregates(own)
            return query(own, scope)

    if len(queries) == 1:
        return queries[0](session, scope)
    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        return merge(*pool.map(run, queries))


def dashboard(session: Session, actor: Actor, area_id: object = None, period: object = None) -> Dashboard:
    """Every indicator for the area (default: the widest the actor coordinates) and the period (default: this
    month)."""
    scope = scope_for(session, actor, area_id, period)
    counts = run_queries(session, scope, DASHBOARD_QUERIES).get(scope.area.id, Counter())
    return Dashboard(
        area_id=scope.area.id,
        area_name=scope.area.name,
        area_level=scope.area.level,
        period=scope.period.key,
        start=scope.period.start,
        end=scope.period.end,
        as_of=scope.today,
        definitions=scope.definitions,
        **{i.value: figure_of(i, counts, scope.period, scope.definitions) for i in Indicator},
    )


@dataclass(frozen=True)
class BreakdownRow:
    area_id: int
    area_name: str
    area_level: str
    figure: object  # the indicator's figure (int or one of services.indicator_figures' records)


@dataclass(frozen=True)
class Breakdown:
    area_id: int
    area_name: str
    area_level: str
    period: str
    start: date
    end: date
    indicator: str
    rows: tuple[BreakdownRow, ...]  # one per child area, in code order; none below a village


def indicator_of(key: object) -> Indicator:
    try:
        return Indicator(str(key))
    except ValueError:
        raise NotFound() from None


def breakdown(session: Session, actor: Actor, area_id: object, period: object, key: object) -> Breakdown:
    """One indicator for each child of the area. Figures summed over rows (counts, numerators, denominators)
    add up to the area's own; rows attached to the area itself (a county's own staff) belong to no child."""
    indicator = indicator_of(key)
    scope = scope_for(session, actor, area_id, period, by_child=True)
    counts = run_queries(session, scope, QUERIES[indicator])
    rows = tuple(
        BreakdownRow(
            child.id,
            child.name,
            child.level,
            figure_of(indicator, counts.get(child.id, Counter()), scope.period, scope.definitions),
        )
        for child in children(scope)
    )
    return Breakdown(
        area_id=scope.area.id,
        area_name=scope.area.name,
        area_level=scope.area.level,
        period=scope.period.key,
        start=scope.period.start,
        end=scope.period.end,
        indicator=indicator.value,
        rows=rows,
    )


@dataclass(frozen=True)
class ChildFigures:
    area_id: int
    area_name: str
    figures: dict[Indicator, object]  # every indicator's figure, as on the dashboard


def every_child(session: Session, actor: Actor, area_id: object, period: object) -> list[ChildFigures]:
    """Every indicator for each child of the area in one pass of the dashboard's queries (a report's 分区统计),
    in code order; none for a village."""
    scope = scope_for(session, actor, area_id, period, by_child=True)
    if not children(scope):
        return []
    counts = run_queries(session, scope, DASHBOARD_QUERIES)
    return [
        ChildFigures(
            child.id,
            child.name,
            {
                i: figure_of(i, counts.get(child.id, Counter()), scope.period, scope.definitions)
                for i in Indicator
            },
        )
        for child in children(scope)
    ]
