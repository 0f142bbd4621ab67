"""监护补贴 (以奖代补) work page for staff: the village committee records each quarter's 看护管理记录 for the
applications of its villages; the township or county decides pending applications and records the yearly payment of
approved ones. Thin over services.subsidy and subsidy_year, which decide who may take which step on which record."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.subsidy import QUEUES, SubsidyStatus, year_over
from jingkang_app.domain.services import subsidy_queue, subsidy_year
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.subsidy_steps import FORM_FIELDS, STEP_ACTIONS, STEPS, StepInput
from jingkang_app.state.work_queue import WorkQueueState


class SubsidyState(WorkQueueState, AppState):
    # The steps this user's roles offer on a card (which buttons show; the services decide each one).
    steps: list[str] = []
    # The open step form's fresh client id (a double tap stores once), the quarters it may check, and today's
    # date for the payment form.
    client_id: str = ""
    quarters: list[str] = []
    today: str = ""

    def _statuses(self) -> tuple[str, ...]:
        return QUEUES

    def _field_labels(self) -> str:
        return "subsidy.field.{}"

    @rx.var
    def default_quarter(self) -> str:
        """The latest quarter still to check: usually the one the committee is checking now."""
        return self.quarters[-1] if self.quarters else ""

    def _card(self, row: subsidy_queue.QueueRow) -> dict[str, str]:
        waits_for_year_end = row.status == SubsidyStatus.approved and not year_over(row.year, clock.today())
        return {
            "id": str(row.id),
            "version": str(row.version),
            "recipient_id": str(row.recipient_id),
            "name": row.recipient_name,
            "year": self.tr("subsidy.year", year=row.year),
            "applied": self.tr(
                "subsidy.applied_on", date=row.applied_at.astimezone(clock.LOCAL_TZ).date().isoformat()
            ),
            "passed": self.tr("subsidy.quarters_passed", count=row.quarters_passed),
            "pay_later": self.tr("subsidy.pay_after_year", year=row.year) if waits_for_year_end else "",
        }

    def _read(self, session: Session, actor: Actor):
        # The township's queue when the user decides, else the village committee's list of the same applications.
        work = Action.subsidy_decide if may_ever(actor, Action.subsidy_decide) else Action.subsidy_check
        rows = subsidy_queue.queue(
            session, actor, status=self.status, offset=self.offset, limit=PAGE_SIZE, work=work
        )
        counts = {s.value: subsidy_queue.queue_total(session, actor, status=s, work=work) for s in QUEUES}
        self.steps = [step for step, action in STEP_ACTIONS.items() if may_ever(actor, action)]
        return rows, counts

    def _close(self) -> None:
        super()._close()
        self.quarters = []

    @rx.event
    def open_step(self, subsidy_id: str, step: str):
        self._clear_feedback()
        self._close()
        if step not in STEPS:
            return None
        subsidy_id = str(subsidy_id)
        if step == "check":
            quarters, redirect = self.guard(
                lambda session, actor: subsidy_year.quarters_to_check(session, actor, subsidy_id)
            )
            if quarters is None:
                return redirect
            self.quarters = [str(q) for q in quarters]
        self.acting_id, self.acting_step = subsidy_id, step
        self.client_id, self.today = str(uuid.uuid4()), clock.today().isoformat()
        return None

    @rx.event
    def submit_step(self, form_data: dict):
        subsidy_id, step = self.acting_id, STEPS.get(self.acting_step)
        if step is None:
            return None
        form = dict(form_data) | {"client_id": str(form_data.get("client_id") or self.client_id)}
        name = next((card["name"] for card in self.cards if card["id"] == subsidy_id), "")
        given = StepInput(subsidy_id, form, name, self.tr)
        return self._act(
            subsidy_id, FORM_FIELDS[self.acting_step], lambda session, actor: step(session, actor, given)
        )
