"""志愿者名册 for coordinators (on a tablet): the volunteers of their area per status (待审核/在册/暂停/退出) with counts,
the steps on each (approve, reject, pause, resume, leave — a reason where the volunteer must be told why), and
「添加志愿者」. Thin over services.volunteer_views, volunteers and volunteer_registration, which decide who may
take which step on whom and refuse a stale version."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteer_registry import REASON_REQUIRED, VolunteerStep
from jingkang_app.domain.rules.volunteers import VolunteerStatus
from jingkang_app.domain.services import volunteer_registration, volunteer_views, volunteers
from jingkang_app.domain.services.volunteer_views import VolunteerView
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import PROFILE_FIELDS, joined, managed_areas, profile_data, slot_label
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.work_queue import WorkQueueState

STATUSES = tuple(VolunteerStatus)
STEPS = {step.value: step for step in VolunteerStep}
STEP_FIELDS = frozenset({"reason"})
IDENTITY = ("name", "phone", "password", "area_id", "id_type", "id_number")
ADD_FIELDS = frozenset({*IDENTITY, *PROFILE_FIELDS})


def volunteer_card(state: AppState, view: VolunteerView) -> dict[str, str]:
    """A volunteer as a coordinator's card shows them: what they offer, their cover, and why the last step."""
    insured = view.insured_until
    return {
        "id": str(view.id),
        "version": str(view.version),
        "name": view.name,
        "phone": view.phone,
        "area": view.area_name,
        "number": view.volunteer_no,
        "status": view.status,
        "status_label": state.tr(f"volunteer_status.{view.status}"),
        "skills": joined(state, [state.tr(f"skill.{s}") for s in view.skills]) or state.tr("coord.none"),
        "availability": joined(state, [slot_label(state, s) for s in view.availability])
        or state.tr("coord.none"),
        "insured_until": insured.isoformat() if insured else "",
        "insured": state.tr("coord.insured_until", date=insured.isoformat())
        if insured
        else state.tr("coord.not_insured"),
        "trainings": joined(state, [state.tr(f"training.{t}") for t in view.trainings])
        or state.tr("coord.none"),
        "reason": state.tr("coord.status_reason", reason=view.status_reason) if view.status_reason else "",
    }


class VolunteerRegistryState(WorkQueueState, AppState):
    status: str = VolunteerStatus.pending.value
    # 「添加志愿者」: the areas it may choose, its fresh client id (a double tap stores once), its errors.
    adding: bool = False
    areas: list[dict[str, str]] = []
    add_client_id: str = ""
    add_errors: dict[str, str] = {}

    def _statuses(self) -> tuple[str, ...]:
        return STATUSES

    def _field_labels(self) -> str:
        return "volunteer.{}"

    def _card(self, row: VolunteerView) -> dict[str, str]:
        return volunteer_card(self, row)

    def _read(self, session: Session, actor: Actor):
        rows, _ = volunteer_views.list_volunteers(
            session, actor, status=self.status, offset=self.offset, limit=PAGE_SIZE
        )
        counts = {
            s.value: volunteer_views.list_volunteers(session, actor, status=s, limit=1)[1] for s in STATUSES
        }
        return rows, counts

    @rx.event
    def load(self):
        """/volunteers?status=pending (where the notice of a new registration links) opens that tab."""
        wanted = self.router.url.query_parameters.get("status", "")
        if wanted in STATUSES:
            self.status = wanted
        self.offset, self.adding, self.add_errors = 0, False, {}
        self._close()
        self._clear_feedback()
        return self._fetch()

    def _step(self, volunteer_id: str, name: str, data: dict):
        step = STEPS.get(name)
        if step is None:
            return None

        def run(session: Session, actor: Actor) -> str:
            view = volunteers.change_status(session, actor, volunteer_id, step, data)
            return self.tr(f"coord.volunteer_done.{name}", name=view.name)

        return self._act(volunteer_id, STEP_FIELDS, run)

    @rx.event
    def take_step(self, volunteer_id: str, step: str, version: str):
        """批准 and 恢复: one tap, no reason needed."""
        return self._step(str(volunteer_id), step, {"version": version})

    @rx.event
    def open_step(self, volunteer_id: str, step: str):
        """驳回, 暂停 and 退出 open a form for the reason the volunteer is told."""
        self._clear_feedback()
        known = step in STEPS and STEPS[step] in REASON_REQUIRED
        self.acting_id, self.acting_step = str(volunteer_id), step if known else ""

    @rx.event
    def submit_step(self, form_data: dict):
        data = {"version": form_data.get("version", ""), "reason": form_data.get("reason", "")}
        return self._step(self.acting_id, self.acting_step, data)

    @rx.event
    def open_add(self):
        self._clear_feedback()
        areas, redirect = self.guard(managed_areas)
        if areas is None:
            return redirect
        self.adding, self.areas, self.add_errors = True, areas, {}
        self.add_client_id = str(uuid.uuid4())
        return None

    @rx.event
    def close_add(self):
        self.adding, self.add_errors = False, {}

    @rx.event
    def add(self, form_data: dict):
        data = {name: form_data.get(name, "") for name in IDENTITY} | profile_data(form_data)
        data["client_id"] = form_data.get("client_id") or self.add_client_id
        self._clear_feedback()
        self.add_errors = {}
        try:
            view = self.call(
                lambda session, actor: volunteer_registration.add_volunteer(session, actor, data).volunteer
            )
        except ValidationFailed as exc:
            messages = {name: self.tr(e.key, **e.params) for name, e in exc.errors.items()}
            self.add_errors = {name: m for name, m in messages.items() if name in ADD_FIELDS}
            self.page_error = next((m for name, m in messages.items() if name not in ADD_FIELDS), "")
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.adding, self.status, self.offset = False, VolunteerStatus.active.value, 0
        self.saved = self.tr("coord.volunteer_added", name=view.name, number=view.volunteer_no)
        return self._fetch()
