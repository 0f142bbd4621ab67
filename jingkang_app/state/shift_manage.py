"""志愿服务班次 for coordinators, /shifts/manage: their area's shifts to come (soonest first) or all of them, the
service records waiting for them (待核实时长: checked out, still checked in after the end, never checked in), and
「新建班次」. Thin over services.shift_views, shifts and service_review, which decide what each coordinator sees and
refuse bad times beside their fields."""

import uuid
from enum import StrEnum

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import service_review, shift_views, shifts
from jingkang_app.domain.services.service_records import ServiceRecordView
from jingkang_app.domain.services.shift_views import ShiftView
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.coordination import duration_text, managed_areas, open_made_shift, span_text
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.work_queue import WorkQueueState


class ShiftTab(StrEnum):
    upcoming = "upcoming"  # open shifts not yet over, soonest first
    all = "all"  # open shifts, past ones too, latest first
    review = "review"  # 待核实时长: service records waiting for the coordinator


TABS = tuple(ShiftTab)


def shift_card(state: AppState, view: ShiftView) -> dict[str, str]:
    """A shift as the coordinator's list and its own page show it."""
    needs = [state.tr("coord.needs_insurance")] if view.needs_insurance else []
    if view.needs_training:
        needs.append(state.tr(f"training.{view.needs_training}"))
    return {
        "id": str(view.id),
        "version": str(view.version),
        "kind": state.tr(f"shift_kind.{view.kind}"),
        "when": span_text(view.starts_at, view.ends_at),
        "place": view.place,
        "area": view.area_name,
        "seats": state.tr("coord.seats", taken=view.seats_taken, capacity=view.capacity),
        "invited": state.tr("coord.invited_count", count=view.invited) if view.invited else "",
        "needs": state.tr("coord.needs", what="、".join(needs)) if needs else "",
        "task": view.task,
        "first_name": state.tr("coord.first_name", name=view.first_name) if view.first_name else "",
        "source": state.tr("coord.source", source=state.tr(f"shift_source.{view.source}"))
        if view.source
        else "",
        "status": view.status,
        "cancelled": state.tr("coord.shift_cancelled", reason=view.cancel_reason)
        if view.status == "cancelled"
        else "",
    }


def review_card(state: AppState, record: ServiceRecordView) -> dict[str, str]:
    """A service record waiting for the coordinator, and what it needs of them."""
    times = [
        state.tr(key, time=local_time(moment))
        for key, moment in (
            ("coord.checked_in", record.check_in_at),
            ("coord.checked_out", record.check_out_at),
        )
        if moment
    ]
    proposed = record.proposed_minutes
    return {
        "id": str(record.id),
        "shift_id": str(record.shift_id),
        "name": record.volunteer_name,
        "kind": state.tr(f"shift_kind.{record.kind}"),
        "when": span_text(record.starts_at, record.ends_at),
        "place": record.place,
        "status": state.tr(f"coord.sign_up_status.{record.status}"),
        "times": " · ".join(times),
        "proposed": state.tr("coord.proposed", duration=duration_text(state, proposed))
        if proposed is not None
        else "",
        "todo": state.tr(f"coord.review_todo.{record.status}"),
    }


class ShiftManageState(WorkQueueState, AppState):
    status: str = "upcoming"
    # 「新建班次」: the areas it may choose, its fresh client id (a double tap stores once).
    creating: bool = False
    areas: list[dict[str, str]] = []
    client_id: str = ""

    def _statuses(self) -> tuple[str, ...]:
        return TABS

    def _field_labels(self) -> str:
        return "coord.field.{}"

    def _card(self, row) -> dict[str, str]:
        return review_card(self, row) if isinstance(row, ServiceRecordView) else shift_card(self, row)

    def _read(self, session: Session, actor: Actor):
        upcoming, n_upcoming = shift_views.list_shifts(
            session, actor, offset=self.offset, limit=PAGE_SIZE if self.status == "upcoming" else 1
        )
        everything, n_all = shift_views.list_shifts(
            session, actor, upcoming=False, offset=self.offset, limit=PAGE_SIZE if self.status == "all" else 1
        )
        review = service_review.to_review(session, actor)
        rows = {
            "upcoming": upcoming,
            "all": everything,
            "review": review[self.offset : self.offset + PAGE_SIZE],
        }[self.status]
        return rows, {"upcoming": n_upcoming, "all": n_all, "review": len(review)}

    @rx.event
    def load(self):
        """/shifts/manage?tab=review (where the overview's 待核实时长 links) opens that tab."""
        wanted = self.router.url.query_parameters.get("tab", "")
        self.status = wanted if wanted in TABS else "upcoming"
        self.offset, self.creating = 0, False
        self._close()
        self._clear_feedback()
        return self._fetch()

    @rx.event
    def open_create(self):
        self._clear_feedback()
        areas, redirect = self.guard(managed_areas)
        if areas is None:
            return redirect
        self.creating, self.areas, self.client_id = True, areas, str(uuid.uuid4())
        return None

    @rx.event
    def close_create(self):
        self.creating, self.errors = False, {}

    @rx.event
    def create(self, form_data: dict):
        """Stores the shift and opens its page, where volunteers are matched and invited."""
        data = {name: form_data.get(name, "") for name in shifts.FORM_FIELDS}
        data["client_id"] = form_data.get("client_id") or self.client_id
        return open_made_shift(
            self,
            "new",
            frozenset(shifts.FORM_FIELDS),
            lambda session, actor: shifts.create_shift(session, actor, data).shift.id,
        )
