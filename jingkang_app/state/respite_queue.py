"""喘息服务 queue for coordinators (on a tablet): requests to decide, to arrange, and to complete. Thin over
services.respite, which decides who may take which step and refuses a stale version."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.respite import QUEUES, RespiteStatus
from jingkang_app.domain.services import respite, respite_queue, shift_sources
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import open_made_shift
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.work_queue import WorkQueueState

STEPS = {"approve": respite.approve, "reject": respite.reject, "arrange": respite.arrange}
STEP_FIELDS = frozenset({"reason", "carer", "place"})  # what the step forms show; other errors go on the card
HOURS_A_DAY = 24


class RespiteQueueState(WorkQueueState, AppState):
    def _statuses(self) -> tuple[str, ...]:
        return QUEUES

    def _field_labels(self) -> str:
        return "respite.field.{}"

    def _waited(self, hours: int) -> str:
        if hours < HOURS_A_DAY:
            return self.tr("queue.waited_hours", hours=hours)
        return self.tr("queue.waited_days", days=hours // HOURS_A_DAY)

    def _card(self, row: respite_queue.QueueRow) -> dict[str, str]:
        burden = (
            self.tr(
                "queue.burden_high" if row.burden_high else "queue.burden",
                score=row.burden_score,
                max=row.burden_max,
            )
            if row.burden_score is not None
            else self.tr("queue.burden_none")
        )
        return {
            "id": str(row.id),
            "version": str(row.version),
            "recipient_id": str(row.recipient_id),
            "name": row.recipient_name,
            "kind": self.tr(f"respite.kind.{row.kind}"),
            "kind_code": row.kind,
            "dates": self.tr(
                "respite.dates", start=row.start_date.isoformat(), end=row.end_date.isoformat(), days=row.days
            ),
            "waited": self._waited(row.waiting_hours),
            "reason": row.reason,
            "burden": burden,
            "burden_high": "1" if row.burden_high else "",
            "over": self.tr("queue.over_quota", over=row.over_quota_days, quota=row.quota)
            if row.over_quota_days and row.status == RespiteStatus.pending
            else "",
            "arrangement": self.tr(f"respite.arranged_{row.kind}", what=row.arrangement)
            if row.arrangement
            else "",
            # A fresh id per card as shown: a double tap on 「生成志愿者班次」 makes one shift.
            "shift_client_id": str(uuid.uuid4()),
        }

    def _read(self, session: Session, actor: Actor):
        rows = respite_queue.queue(session, actor, status=self.status, offset=self.offset, limit=PAGE_SIZE)
        counts = {s.value: respite_queue.queue_total(session, actor, status=s) for s in QUEUES}
        return rows, counts

    @rx.event
    def open_step(self, request_id: str, step: str):
        self._clear_feedback()
        self.acting_id, self.acting_step = str(request_id), step if step in STEPS else ""

    @rx.event
    def submit_step(self, form_data: dict):
        request_id, name = self.acting_id, self.acting_step
        step = STEPS.get(name)
        if step is None:
            return None
        data = {k: form_data.get(k, "") for k in ("version", "reason", "carer", "place")}

        def run(session: Session, actor: Actor) -> str:
            step(session, actor, request_id, data)
            return self.tr(f"queue.done.{name}")

        return self._act(request_id, STEP_FIELDS, run)

    @rx.event
    def complete(self, request_id: str, version: str):
        request_id = str(request_id)

        def run(session: Session, actor: Actor) -> str:
            respite.complete(session, actor, request_id, {"version": version})
            return self.tr("queue.done.complete")

        return self._act(request_id, frozenset(), run)

    @rx.event
    def make_shift(self, request_id: str, client_id: str):
        """「生成志愿者班次」: a 喘息协助 shift for an approved 居家喘息 request in one tap, then the shift's page."""
        data = {"client_id": client_id, "respite_request_id": str(request_id)}
        return open_made_shift(
            self,
            str(request_id),
            frozenset(),
            lambda session, actor: shift_sources.shift_from_respite(session, actor, data).shift.id,
        )
