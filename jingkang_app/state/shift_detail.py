"""One shift for a coordinator, /shifts/<id> (where one-tap creation and the notices about it lead): its details,
cancelling it with a reason, the roster with each volunteer's service record and the steps on it (更正时间, 核实时长,
未到), and 「匹配志愿者」: who fits, ranked, each with why, and 「邀请」. Thin over services.shift_views, shift_roster,
service_review, volunteer_matching, shift_sign_ups and shifts, which authorise every call and decide every step.
The roster's rows are the work queue's cards: a refusal shows on the row it is about."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteers import ShiftStatus, SignUpStatus
from jingkang_app.domain.services import (
    service_review,
    shift_roster,
    shift_sign_ups,
    shift_views,
    shifts,
    volunteer_matching,
)
from jingkang_app.domain.services.service_records import CORRECTABLE
from jingkang_app.domain.services.volunteer_matching import MatchRow
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.coordination import duration_text, input_value, path_id
from jingkang_app.state.shift_manage import shift_card
from jingkang_app.state.work_queue import WorkQueueState

STEPS = ("correct", "verify", "cancel")
STEP_FIELDS = frozenset({"check_in_at", "check_out_at", "reason", "verified_minutes", "rating"})
WEEKLY_CAP = "match.over_weekly_cap"


def roster_row(state: AppState, line: shift_roster.RosterLine, started: bool) -> dict[str, str]:
    """One volunteer on the shift: their status, times and what may be done about it now."""
    record = line.record
    times = [
        state.tr(key, time=local_time(moment))
        for key, moment in (
            ("coord.checked_in", record.check_in_at),
            ("coord.checked_out", record.check_out_at),
        )
        if moment
    ]
    proposed = record.proposed_minutes
    verified = ""
    if record.verified_minutes is not None:
        verified = state.tr(
            "coord.verified",
            duration=duration_text(state, record.verified_minutes),
            points=record.points or 0,
        )
        verified += state.tr("coord.rated", rating=record.rating) if record.rating else ""
    return {
        "id": str(record.id),
        "version": str(record.version),
        "name": record.volunteer_name,
        "phone": line.phone,
        "status": record.status,
        "status_label": state.tr(f"coord.sign_up_status.{record.status}"),
        "invited": state.tr("coord.by_invitation") if line.invited else "",
        "times": " · ".join(times),
        "correction": state.tr("coord.correction", reason=record.correction_reason)
        if record.correction_reason
        else "",
        "proposed": "" if proposed is None else str(proposed),
        "proposed_text": state.tr("coord.proposed", duration=duration_text(state, proposed))
        if proposed is not None
        else "",
        "verified": verified,
        "check_in_value": input_value(record.check_in_at or record.starts_at),
        "check_out_value": input_value(record.check_out_at or record.ends_at),
        "can_correct": "1" if started and record.status in CORRECTABLE else "",
        "can_verify": "1" if record.status == SignUpStatus.checked_out else "",
        "can_no_show": "1" if started and record.status == SignUpStatus.signed_up else "",
    }


def match_row(state: AppState, row: MatchRow) -> dict[str, str]:
    """A volunteer who might take the shift, with every reason on its own line; the weekly cap apart (a warning)."""
    reasons = [state.tr(why.key, **why.params) for why in row.why if why.key != WEEKLY_CAP]
    weekly = [state.tr(why.key, **why.params) for why in row.why if why.key == WEEKLY_CAP]
    return {
        "id": f"match-{row.volunteer_id}",
        "volunteer_id": str(row.volunteer_id),
        "name": row.name,
        "area": row.area_name,
        "why": "\n".join(reasons),
        "weekly": weekly[0] if weekly else "",
        "qualifies": "1" if row.qualifies else "",
        "signed": state.tr(f"coord.sign_up_status.{row.sign_up_status}") if row.sign_up_status else "",
    }


class ShiftDetailState(WorkQueueState, AppState):
    found: bool = False
    shift: dict[str, str] = {}
    started: bool = False
    cancelled: bool = False
    matching: bool = False
    matches: list[dict[str, str]] = []
    # The weekly hours cap warning after an invitation (a warning, never a refusal).
    warning: str = ""
    # A fresh base per page view: each invitation's client id derives from it, so a double tap invites once.
    client_id: str = ""

    def _statuses(self) -> tuple[str, ...]:
        return ()

    def _field_labels(self) -> str:
        return "coord.field.{}"

    def _read_page(self, session: Session, actor: Actor):
        detail = shift_views.shift_detail(session, actor, path_id(self))
        started = clock.now() >= detail.shift.starts_at
        roster = [
            roster_row(self, line, started)
            for line in shift_roster.shift_roster(session, actor, detail.shift.id)
        ]
        matches = (
            [
                match_row(self, row)
                for row in volunteer_matching.match_volunteers(session, actor, detail.shift.id)
            ]
            if self.matching
            else []
        )
        return shift_card(self, detail.shift), started, roster, matches

    def _fetch(self):
        result, redirect = self.guard(self._read_page)
        self.found = self.allowed = result is not None
        if result is None:
            self.shift, self.cards, self.matches, self.started, self.cancelled = {}, [], [], False, False
            return redirect
        self.shift, self.started, self.cards, self.matches = result
        self.cancelled = self.shift["status"] == ShiftStatus.cancelled
        return None

    def _clear_feedback(self) -> None:
        super()._clear_feedback()
        self.warning = ""

    def _show_on_card(self, card_id: str, message: str) -> None:
        if any(row["id"] == card_id for row in self.matches):
            self.error_for, self.card_error = card_id, message
        else:
            super()._show_on_card(card_id, message)

    @rx.event
    def load(self):
        self.matching, self.client_id = False, str(uuid.uuid4())
        self._close()
        self._clear_feedback()
        return self._fetch()

    @rx.event
    def open_step(self, card_id: str, step: str):
        self._clear_feedback()
        self.acting_id, self.acting_step = str(card_id), step if step in STEPS else ""

    def _name(self, sign_up_id: str) -> str:
        return next((row["name"] for row in self.cards if row["id"] == sign_up_id), "")

    @rx.event
    def submit_step(self, form_data: dict):
        card_id, step = self.acting_id, self.acting_step
        data = {name: form_data.get(name, "") for name in (*STEP_FIELDS, "version")}
        name = self._name(card_id)

        def run(session: Session, actor: Actor) -> str:
            if step == "cancel":
                shifts.cancel_shift(session, actor, path_id(self), data)
                return self.tr("coord.shift_cancel_done")
            if step == "correct":
                service_review.correct_times(session, actor, card_id, data)
                return self.tr("coord.corrected", name=name)
            record = service_review.verify_hours(session, actor, card_id, data)
            duration = duration_text(self, record.verified_minutes or 0)
            return self.tr("coord.verify_done", name=name, duration=duration, points=record.points or 0)

        return self._act(card_id, STEP_FIELDS, run) if step in STEPS else None

    @rx.event
    def no_show(self, sign_up_id: str, version: str):
        sign_up_id, name = str(sign_up_id), self._name(str(sign_up_id))

        def run(session: Session, actor: Actor) -> str:
            service_review.record_no_show(session, actor, sign_up_id, {"version": version})
            return self.tr("coord.no_show_done", name=name)

        return self._act(sign_up_id, frozenset(), run)

    @rx.event
    def show_matches(self):
        self._clear_feedback()
        self.matching = True
        return self._fetch()

    @rx.event
    def hide_matches(self):
        self.matching, self.matches = False, []

    @rx.event
    def invite(self, volunteer_id: str):
        volunteer_id = str(volunteer_id)
        client_id = str(uuid.uuid5(uuid.UUID(self.client_id or str(uuid.uuid4())), volunteer_id))
        data = {"client_id": client_id, "volunteer_id": volunteer_id}
        weekly: list[str] = []

        def run(session: Session, actor: Actor) -> str:
            saved = shift_sign_ups.invite(session, actor, path_id(self), data)
            name, week = saved.sign_up.volunteer_name, saved.weekly
            if week.over:
                weekly.append(self.tr("coord.weekly_warning", name=name, hours=week.with_shift, cap=week.cap))
            return self.tr("coord.invited_done", name=name)

        shown = self._act(f"match-{volunteer_id}", frozenset(), run)
        self.warning = weekly[0] if weekly else ""
        return shown
