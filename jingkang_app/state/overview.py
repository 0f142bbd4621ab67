"""The coordinator's area overview."""

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.services import (
    event_views,
    feedback_queue,
    overview,
    referral_queue,
    respite_queue,
    subsidy_queue,
)
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
    # 意见反馈 waiting for an answer; "" for a user who does not answer feedback (no link shown).
    feedback_open: str = ""
    # 培训记录: whether the user records the area's staff training (the link to /training).
    records_training: bool = False
    # 转介: the open referrals with a late deadline step; "" for a user who works no referrals (no link shown).
    referrals_late: str = ""

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
            self._read_coordination_links(session, actor)
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

    def _read_coordination_links(self, session: Session, actor: Actor) -> None:
        answers = may_ever(actor, Action.feedback_answer)
        self.feedback_open = str(feedback_queue.queue_total(session, actor)) if answers else ""
        self.records_training = may_ever(actor, Action.training_record)
        works = may_ever(actor, Action.referral_work)
        self.referrals_late = str(referral_queue.late_count(session, actor)) if works else ""


def _row(count: overview.AreaCount) -> dict[str, str]:
    return {
        "name": count.name,
        "registered": str(count.registered),
        "applying": str(count.applying),
        "high_risk": str(count.high_risk),
    }
