"""意见反馈 for coordinators (on a tablet): the public's feedback about their area, to answer and answered. Thin over
services.feedback and feedback_queue, which decide whose feedback it is and refuse a stale version."""

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.feedback import QUEUES, FeedbackStatus
from jingkang_app.domain.services import feedback, feedback_queue
from jingkang_app.domain.services.feedback_queue import FeedbackRow
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.work_queue import WorkQueueState

ANSWER_FIELDS = frozenset({"answer"})  # what the answer form shows; other refusals go on the card


class FeedbackQueueState(WorkQueueState, AppState):
    status: str = FeedbackStatus.open.value
    # The sender's name and full number for a call back, read (and audited) when the answer form opens.
    contact: str = ""

    def _statuses(self) -> tuple[str, ...]:
        return QUEUES

    def _field_labels(self) -> str:
        return "feedback.field.{}"

    def _answered_line(self, row: FeedbackRow) -> str:
        if row.answered_on is None:
            return ""
        key = "feedback.answered_late" if row.answered_late else "feedback.answered_on"
        return self.tr(key, date=row.answered_on.isoformat())

    def _card(self, row: FeedbackRow) -> dict[str, str]:
        return {
            "id": str(row.id),
            "version": str(row.version),
            "reference": row.reference,
            "kind": self.tr(f"feedback.kind.{row.kind}"),
            "kind_code": row.kind,
            "area": row.area_name,
            "received": self.tr("feedback.received_on", date=row.received_on.isoformat()),
            "answer_by": self.tr("feedback.answer_by", date=row.answer_by.isoformat()),
            "overdue": "1" if row.overdue else "",
            "content": row.content,
            "contact": self.tr("feedback.contact", name=row.contact_name, phone=row.contact_phone).strip()
            if row.contact_name or row.contact_phone
            else self.tr("feedback.no_contact"),
            "answer": row.answer,
            "answered": self._answered_line(row),
        }

    def _read(self, session: Session, actor: Actor):
        rows = feedback_queue.queue(session, actor, status=self.status, offset=self.offset, limit=PAGE_SIZE)
        counts = {s.value: feedback_queue.queue_total(session, actor, status=s) for s in QUEUES}
        return rows, counts

    def _close(self) -> None:
        super()._close()
        self.contact = ""

    @rx.event
    def open_step(self, feedback_id: str):
        """Opens the answer form on a card, with the sender's number in full to call them back."""
        self._clear_feedback()
        self._close()
        feedback_id = str(feedback_id)
        contact, redirect = self.guard(
            lambda session, actor: feedback.contact_of(session, actor, feedback_id)
        )
        if contact is None:
            return redirect
        if contact.phone:
            self.contact = self.tr("feedback.contact_full", name=contact.name, phone=contact.phone).strip()
        self.acting_id, self.acting_step = feedback_id, "answer"
        return None

    @rx.event
    def submit_step(self, form_data: dict):
        feedback_id = self.acting_id
        if not feedback_id:
            return None
        data = {"version": form_data.get("version", ""), "answer": form_data.get("answer", "")}

        def run(session: Session, actor: Actor) -> str:
            feedback.answer_feedback(session, actor, feedback_id, data)
            return self.tr("feedback.done.answer")

        return self._act(feedback_id, ANSWER_FIELDS, run)
