"""One event, /events/<id> (where the notices families receive link): a family signs up for a relative, joins the
waiting list when it is full, or cancels; the event's organisers see the roster, take attendance once it has
started, and cancel it. Thin over services.event_views, event_sign_ups and events, which authorise every call:
the roster reaches this state only for organisers."""

import uuid
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.models import Area
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules import events as rules
from jingkang_app.domain.rules.events import EventStatus, SignUpStatus
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import event_sign_ups, event_views, events, family_home, recipients
from jingkang_app.domain.services.event_views import EventDetail, SignUpView
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.events import event_card, field_messages, position_text

# Where each refusal shows: beside these, or else at the top of the page's actions (under "status").
SHOWN = ("recipient_id", "waitlist", "reason", "attendance", "status")
ATTENDED = {"yes": True, "no": False}  # an untouched choice is sent as None, for the service to refuse


def page_event_id(state: AppState) -> int:
    """The event of the page's URL, /events/[eid]; 0 (no event) for anything else."""
    return whole_number(state.router.url.path.rstrip("/").rsplit("/", 1)[-1])


class EventDetailState(AppState):
    found: bool = False
    event: dict[str, str] = {}
    organiser: bool = False
    started: bool = False
    cancelled: bool = False
    full: bool = False
    mine_id: str = ""
    mine_version: str = ""
    mine_line: str = ""
    # The caller's relatives living inside the event's area (empty for organisers): whom they may sign up.
    relatives: list[dict[str, str]] = []
    # Organisers only: families holding a seat, then the waiting list in order.
    seated: list[dict[str, str]] = []
    waiting: list[dict[str, str]] = []
    client_id: str = ""
    cancelling: bool = False
    errors: dict[str, str] = {}
    saved: str = ""

    def _row(self, sign_up: SignUpView) -> dict[str, str]:
        attended = {True: "yes", False: "no"}.get(sign_up.attended, "")
        return {
            "id": str(sign_up.id),
            "name": sign_up.recipient_name,
            "caregiver": self.tr("event.caregiver", name=sign_up.caregiver_name),
            "position": position_text(self, sign_up),
            "attended": attended,
            "attended_label": self.tr("event.attended" if attended == "yes" else "event.absent")
            if attended
            else "",
        }

    def _relatives(self, session: Session, actor: Actor, area_id: int) -> list[dict[str, str]]:
        if not may_ever(actor, Action.event_join):
            return []
        event_path = session.get(Area, area_id).path
        found = [recipients.get_recipient(session, rid) for rid in family_home.relatives_of(session, actor)]
        return [
            {"id": str(r.id), "name": r.name, "label": self.tr("event.for_relative", name=r.name)}
            for r in found
            if rules.is_open_to(event_path, event_views.area_path_of(session, r))
        ]

    def _read(
        self, session: Session, actor: Actor
    ) -> tuple[EventDetail, dict[str, str], list[dict[str, str]]]:
        detail = event_views.event_detail(session, actor, page_event_id(self))
        relatives = [] if detail.event.organiser else self._relatives(session, actor, detail.event.area_id)
        return detail, event_card(self, detail.event), relatives

    def _fetch(self):
        result, redirect = self.guard(self._read)
        self.found = result is not None
        if result is None:
            self.event, self.relatives, self.seated, self.waiting = {}, [], [], []
            self.organiser = self.started = self.cancelled = self.full = False
            self.mine_id = self.mine_version = self.mine_line = ""
            return redirect
        detail, self.event, self.relatives = result
        view = detail.event
        self.organiser, self.full = view.organiser, view.seats_left == 0
        self.started = rules.has_started(view.starts_at, clock.now())
        self.cancelled = view.status == EventStatus.cancelled
        self.event["cancelled"] = (
            self.tr("event.cancelled_note", reason=view.cancel_reason) if self.cancelled else ""
        )
        taken = view.attendance_taken_at
        self.event["attendance"] = self.tr("event.attendance_taken", time=local_time(taken)) if taken else ""
        mine = view.mine
        self.mine_id, self.mine_version = (str(mine.id), str(mine.version)) if mine else ("", "")
        self.mine_line = ""
        if mine:
            key = "event.you_wait" if mine.status == SignUpStatus.waiting else "event.you_signed_up"
            self.mine_line = self.tr(key, position=mine.position)
        roster = detail.roster or ()
        self.seated = [self._row(s) for s in roster if s.status == SignUpStatus.signed_up]
        self.waiting = [self._row(s) for s in roster if s.status == SignUpStatus.waiting]
        return None

    @rx.event
    def load(self):
        self.errors, self.saved, self.cancelling = {}, "", False
        self.client_id = str(uuid.uuid4())
        return self._fetch()

    def _act(self, fn: Callable[[Session, Actor], object], done: Callable[[object], str]):
        """Runs one change; refusals go beside their field (or above the actions), a stale version re-reads
        the event and says what changed; afterwards the page shows the event as it now is."""
        self.errors, self.saved, self.page_error = {}, "", ""
        try:
            result = self.call(fn)
        except ValidationFailed as exc:
            errors = field_messages(self, exc, SHOWN, "status")
            redirect = self._fetch()
            self.errors = errors
            return redirect
        except StaleVersion as exc:
            redirect = self._fetch()
            self.errors = {"status": self.stale_message(exc, "event.{}")}
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.saved, self.cancelling = done(result), False
        self.client_id = str(uuid.uuid4())
        return self._fetch()

    @rx.event
    def sign_up(self, form_data: dict):
        """「报名」, or 「加入候补名单」 when the form says ``waitlist`` (the family chose to wait)."""
        event_id = page_event_id(self)
        data = {
            "client_id": form_data.get("client_id") or self.client_id,
            "recipient_id": form_data.get("recipient_id", ""),
            "waitlist": form_data.get("waitlist", ""),
        }

        def done(saved: SignUpView) -> str:
            if saved.status == SignUpStatus.waiting:
                return self.tr("event.waiting_done", position=saved.position)
            return self.tr("event.signed_up_done")

        return self._act(
            lambda session, actor: event_sign_ups.sign_up(session, actor, event_id, data).sign_up, done
        )

    @rx.event
    def cancel_sign_up(self, sign_up_id: str, version: str):
        return self._act(
            lambda session, actor: event_sign_ups.cancel_sign_up(
                session, actor, sign_up_id, {"version": version}
            ),
            lambda _: self.tr("event.sign_up_cancelled"),
        )

    @rx.event
    def record_attendance(self, form_data: dict):
        """One 出席/缺席 per family holding a seat (as this page last read them), with the event's version."""
        event_id = page_event_id(self)
        data = {
            "version": form_data.get("version") or self.event.get("version", ""),
            "attendance": [
                {"sign_up_id": row["id"], "attended": ATTENDED.get(form_data.get(f"attended_{row['id']}"))}
                for row in self.seated
            ],
        }
        return self._act(
            lambda session, actor: events.record_attendance(session, actor, event_id, data),
            lambda _: self.tr("event.attendance_saved"),
        )

    @rx.event
    def open_cancel(self):
        self.cancelling, self.errors, self.saved = True, {}, ""

    @rx.event
    def close_cancel(self):
        self.cancelling, self.errors = False, {}

    @rx.event
    def cancel_event(self, form_data: dict):
        event_id = page_event_id(self)
        data = {
            "version": form_data.get("version") or self.event.get("version", ""),
            "reason": form_data.get("reason", ""),
        }
        return self._act(
            lambda session, actor: events.cancel_event(session, actor, event_id, data),
            lambda _: self.tr("event.cancelled_done"),
        )
