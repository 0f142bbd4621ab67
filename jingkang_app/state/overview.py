"""The coordinator's area overview."""

import reflex as rx

from jingkang_app.domain.permissions import Action, may_ever
from jingkang_app.domain.services import event_views, overview, respite_queue, subsidy_queue
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import volunteer_work


class OverviewState(AppState):
    area_name: str = ""
    rows: list[dict[str, str]] = []
    total: dict[str, str] = {}

    # 喘息服务 requests waiting for a decision; "" for a user who does not decide them (no link shown).
    respite_pending: str = ""
    # 监护补贴 applications waiting for a decision, the same way.
    subsidy_pending: str = ""
    # 家属培训/互助小组 coming up in the area; "" for a user who does not publish events (no link shown).
    events_upcoming: str = ""
    # 志愿者待审核, 待核实时长, 接送申请 ("volunteers", "review", "transport"); {} for a user who does not manage
    # volunteers (no links shown).
    volunteer_queues: dict[str, str] = {}

    @rx.event
    def load(self):
        def read(session, actor):
            pending = (
                respite_queue.queue_total(session, actor) if may_ever(actor, Action.respite_decide) else None
            )
            subsidies = (
                subsidy_queue.queue_total(session, actor) if may_ever(actor, Action.subsidy_decide) else None
            )
            upcoming = (
                len(event_views.upcoming_events(session, actor))
                if may_ever(actor, Action.event_publish)
                else None
            )
            work = volunteer_work(session, actor)
            return overview.area_overview(session, actor), pending, subsidies, upcoming, work

        result, redirect = self.guard(read)
        if result is not None:
            found, pending, subsidies, upcoming, self.volunteer_queues = result
            self.area_name = found.area_name
            self.rows = [_row(r) for r in found.rows]
            self.total = _row(found.total)
            self.respite_pending = "" if pending is None else str(pending)
            self.subsidy_pending = "" if subsidies is None else str(subsidies)
            self.events_upcoming = "" if upcoming is None else str(upcoming)
        return redirect


def _row(count: overview.AreaCount) -> dict[str, str]:
    return {
        "name": count.name,
        "registered": str(count.registered),
        "applying": str(count.applying),
        "high_risk": str(count.high_risk),
    }
