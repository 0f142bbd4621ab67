"""The recipient page's service records (服务记录): thin over services.timeline, paged."""

import reflex as rx

from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import timeline
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState

# Catalogue keys of each fact an entry can carry: its label, and the pattern of its value's label.
FACT_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("visit", "condition"): ("visit.condition", "visit.condition.{}"),
    ("visit", "treatment"): ("visit.treatment", "visit.treatment.{}"),
    ("visit", "needs"): ("timeline.needs", "visit.needs.{}"),
    ("visit", "satisfaction"): ("visit.satisfaction", "visit.satisfaction.{}"),
    ("followup", "form"): ("followup.form", "followup.form.{}"),
    ("followup", "classification"): ("followup.classification", "followup.classification.{}"),
    ("followup", "adherence"): ("followup.adherence", "followup.adherence.{}"),
    ("alert", "status"): ("timeline.alert_status", "timeline.alert_status.{}"),
    ("alert", "outcome"): ("alerts.outcome", "alerts.outcome.{}"),
    ("service", "place"): ("rehab.place", "rehab.place.{}"),
    ("service", "content"): ("rehab.contents", "rehab.content.{}"),
    ("service", "attendance"): ("timeline.attendance", "timeline.attendance.{}"),
}


def page_recipient_id(state: AppState) -> int:
    """The recipient of the page's URL, /recipients/[rid]; 0 (no one) for anything else."""
    return whole_number(state.router.url.path.rstrip("/").rsplit("/", 1)[-1])


def risk_color(level: int) -> str:
    return "green" if level == 0 else "amber" if level <= 2 else "red"


class RecipientTimelineState(PagedListState, AppState):
    entries: list[dict[str, str]] = []

    def _summary(self, entry: timeline.TimelineEntry) -> str:
        """Facts in order, those of one kind together: 「发现的需求：救助申请、喘息服务 · 满意度：满意」."""
        grouped: dict[str, list[str]] = {}
        for what, code in entry.facts:
            label_key, value_key = FACT_KEYS[(entry.kind, what)]
            grouped.setdefault(label_key, []).append(self.tr(value_key.format(code)))
        separator = self.tr("timeline.separator")
        return " · ".join(
            self.tr("timeline.fact", label=self.tr(label), values=separator.join(values))
            for label, values in grouped.items()
        )

    def _entry(self, entry: timeline.TimelineEntry) -> dict[str, str]:
        by_key = "timeline.owner" if entry.kind == "alert" else "timeline.recorded_by"
        risk = entry.risk_level
        return {
            "key": f"{entry.kind}-{entry.record_id}",
            "kind": entry.kind,
            "kind_label": self.tr(f"timeline.{entry.kind}"),
            "day": entry.day.isoformat(),
            "by": self.tr(by_key, name=entry.recorded_by),
            "summary": self._summary(entry),
            "risk": self.tr("risk.level", level=risk) if risk is not None else "",
            "risk_color": risk_color(risk) if risk is not None else "gray",
            # A follow-up is corrected on its own page (which authorises the user again).
            "edit": f"/followups/{entry.record_id}/edit" if entry.kind == "followup" else "",
        }

    def _fetch(self):
        rid = page_recipient_id(self)
        result, redirect = self.guard(
            lambda session, actor: timeline.timeline(session, actor, rid, self.offset, PAGE_SIZE)
        )
        if result is None:
            self.entries, self.total = [], 0
            return redirect
        entries, self.total = result
        self.entries = [self._entry(entry) for entry in entries]
        return None

    @rx.event
    def load(self):
        self.offset = 0
        return self._fetch()
