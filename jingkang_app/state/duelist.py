"""今日任务: thin over services.duelist."""

import reflex as rx

from jingkang_app.domain.permissions import Action, may_ever
from jingkang_app.domain.services import duelist
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState
from jingkang_app.state.recipient_timeline import risk_color


class DueListState(PagedListState, AppState):
    rows: list[dict[str, str]] = []
    # The link to 家属培训/互助小组 for users who publish events (they have no navigation item for it).
    can_publish_events: bool = False

    def _row(self, item: duelist.DueItem) -> dict[str, str]:
        kind = "followup" if item.form == "followup" else "visit"
        due = item.followup_due if kind == "followup" else item.visit_due
        if item.days_overdue:
            why = self.tr(f"due.{kind}_overdue", days=item.days_overdue)
        else:
            why = self.tr(f"due.{kind}_due", date=due.isoformat() if due else "")
        return {
            "id": str(item.recipient_id),
            "name": item.name,
            "village": item.village,
            "alert": self.tr("due.alert") if item.open_alert else "",
            "risk": self.tr("due.risk", level=item.risk_level) if item.risk_level is not None else "",
            "risk_color": risk_color(item.risk_level) if item.risk_level is not None else "gray",
            "why": why,
            "overdue": "1" if item.days_overdue else "",
            "action": self.tr(f"due.open_{kind}"),
            "form": kind,
        }

    def _fetch(self):
        result, redirect = self.guard(
            lambda session, actor: (
                duelist.due_list(session, actor, offset=self.offset, limit=PAGE_SIZE),
                may_ever(actor, Action.event_publish),
            )
        )
        if result is not None:
            (items, self.total), self.can_publish_events = result
            self.rows = [self._row(item) for item in items]
        return redirect

    @rx.event
    def load(self):
        self.offset = 0
        return self._fetch()
