"""The recipient page's service records (服务记录): thin over services.timeline, paged; and, on a home visit,
「生成走访陪同班次」 for coordinators (services.shift_sources.shift_from_visit), which opens the new shift's page."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import shift_sources, timeline
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
    # 「生成走访陪同班次」 on home visits: for those who may ever manage volunteers (the service checks the area).
    can_make_shift: bool = False
    # One client id per listed visit (server side only), kept for the page view: a double tap (or a resend) makes
    # one shift, and opens that one shift again.
    _shift_client_ids: dict[str, str] = {}

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
            "record_id": str(entry.record_id),
            "shift_error": "",
        }

    def _fetch(self):
        rid = page_recipient_id(self)
        result, redirect = self.guard(
            lambda session, actor: (
                timeline.timeline(session, actor, rid, self.offset, PAGE_SIZE),
                may_ever(actor, Action.volunteer_manage),
            )
        )
        if result is None:
            self.entries, self.total, self.can_make_shift = [], 0, False
            return redirect
        (entries, self.total), self.can_make_shift = result
        self.entries = [self._entry(entry) for entry in entries]
        visits = [e["record_id"] for e in self.entries if e["kind"] == "visit"]
        fresh = {v: str(uuid.uuid4()) for v in visits if v not in self._shift_client_ids}
        self._shift_client_ids = self._shift_client_ids | fresh
        return None

    def _mark(self, visit_id: str, message: str) -> None:
        """Puts a refusal on the visit's entry."""
        self.entries = [
            e | {"shift_error": message} if e["kind"] == "visit" and e["record_id"] == visit_id else e
            for e in self.entries
        ]

    @rx.event
    def make_visit_shift(self, visit_id: str):
        """「生成走访陪同班次」 on a listed visit: a companion shift on its next-visit date; then its page."""
        visit_id = str(visit_id)
        client_id = self._shift_client_ids.get(visit_id)
        if client_id is None:  # only a visit this page listed
            return None
        self._mark(visit_id, "")
        data = {"client_id": client_id, "home_visit_id": visit_id}

        def make(session: Session, actor: Actor) -> int:
            return shift_sources.shift_from_visit(session, actor, data).shift.id

        try:
            shift_id = self.call(make)
        except ValidationFailed as exc:
            self._mark(visit_id, " ".join(self.tr(e.key, **e.params) for e in exc.errors.values()))
            return None
        except DomainError as exc:
            return self.failure(exc)
        return rx.redirect(f"/shifts/{shift_id}")

    @rx.event
    def load(self):
        self.offset = 0
        self._shift_client_ids = {}
        return self._fetch()
