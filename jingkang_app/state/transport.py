"""免费接送/陪伴出行, /transport: for coordinators the requests of their area per status (待安排/已安排/已取消), each
waiting one filled with a 接送 shift in one tap (then its page opens); for a caregiver or social worker,
/transport?rid=<id>: one recipient's requests, asking for a ride and cancelling one not yet arranged. Thin over
services.transport, which decides who may ask, see, fill and cancel."""

import uuid
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules.transport import TransportStatus
from jingkang_app.domain.services import recipients, transport
from jingkang_app.domain.services.transport import TransportView
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.coordination import open_made_shift
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.work_queue import WorkQueueState

STATUSES = tuple(TransportStatus)
REQUEST_FIELDS = ("pickup", "destination", "wanted_at", "accompanied", "note")


def transport_card(state: AppState, view: TransportView) -> dict[str, str]:
    return {
        "id": str(view.id),
        "version": str(view.version),
        "recipient_id": str(view.recipient_id),
        "name": view.recipient_name,
        "area": view.area_name,
        "by": state.tr("coord.requested_by", name=view.requested_by),
        "route": f"{view.pickup} → {view.destination}",
        "when": state.tr("coord.wanted_at", time=local_time(view.wanted_at)),
        "accompanied": state.tr("transport.accompanied") if view.accompanied else "",
        "note": view.note,
        "status": view.status,
        "status_label": state.tr(f"transport_status.{view.status}"),
        "shift_href": f"/shifts/{view.shift_id}" if view.shift_id else "",
        # A fresh id per card as shown: a double tap on 「安排接送」 fills the request once.
        "client_id": str(uuid.uuid4()),
    }


def _requester_page(state: AppState) -> bool:
    return bool(state.router.url.query_parameters.get("rid", ""))


class TransportQueueState(WorkQueueState, AppState):
    status: str = TransportStatus.requested.value

    def _statuses(self) -> tuple[str, ...]:
        return STATUSES

    def _field_labels(self) -> str:
        return "coord.field.{}"

    def _card(self, row: TransportView) -> dict[str, str]:
        return transport_card(self, row)

    def _read(self, session: Session, actor: Actor):
        rows, _ = transport.transport_queue(
            session, actor, status=self.status, offset=self.offset, limit=PAGE_SIZE
        )
        counts = {s.value: transport.transport_queue(session, actor, status=s, limit=1)[1] for s in STATUSES}
        return rows, counts

    @rx.event
    def load(self):
        self.offset = 0
        self._close()
        self._clear_feedback()
        if _requester_page(self):  # /transport?rid= is a family's page (TransportRequestState)
            self.allowed, self.cards = False, []
            return None
        return self._fetch()

    @rx.event
    def fill(self, request_id: str, version: str, client_id: str):
        """「安排接送」: a 接送 shift from the request in one tap; then the shift's page, to invite a driver."""
        data = {"version": version, "client_id": client_id}
        return open_made_shift(
            self,
            str(request_id),
            frozenset(),
            lambda session, actor: transport.fill_transport(session, actor, str(request_id), data).shift.id,
        )


class TransportRequestState(AppState):
    """One recipient's rides, for whoever may ask for them (the caregiver on their care team, a social worker)."""

    rid: str = ""
    found: bool = False
    recipient_name: str = ""
    requests: list[dict[str, str]] = []
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""

    def _read(self, session: Session, actor: Actor):
        recipient = recipients.recipient_for(session, actor, Action.transport_request, self.rid)
        return recipient.name, [
            transport_card(self, v) for v in transport.requests_of(session, actor, recipient.id)
        ]

    def _fetch(self):
        result, redirect = self.guard(self._read)
        self.found = result is not None
        self.recipient_name, self.requests = result or ("", [])
        return redirect

    @rx.event
    def load(self):
        self.rid = self.router.url.query_parameters.get("rid", "")
        self.errors, self.saved, self.client_id = {}, "", str(uuid.uuid4())
        if not self.rid:
            self.found, self.requests = False, []
            return None
        return self._fetch()

    def _act(self, fn: Callable[[Session, Actor], str]):
        self.errors, self.saved, self.page_error = {}, "", ""
        try:
            done = self.call(fn)
        except ValidationFailed as exc:
            messages = {name: self.tr(e.key, **e.params) for name, e in exc.errors.items()}
            self.errors = {name: m for name, m in messages.items() if name in REQUEST_FIELDS}
            self.page_error = next((m for name, m in messages.items() if name not in REQUEST_FIELDS), "")
            return None
        except StaleVersion as exc:
            redirect = self._fetch()
            self.page_error = self.stale_message(exc, "coord.field.{}")
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.saved, self.client_id = done, str(uuid.uuid4())
        return self._fetch()

    @rx.event
    def ask(self, form_data: dict):
        data = {name: form_data.get(name, "") for name in REQUEST_FIELDS}
        data |= {"client_id": form_data.get("client_id") or self.client_id, "recipient_id": self.rid}

        def run(session: Session, actor: Actor) -> str:
            transport.request_transport(session, actor, data)
            return self.tr("coord.transport_asked")

        return self._act(run)

    @rx.event
    def cancel(self, request_id: str, version: str):
        def run(session: Session, actor: Actor) -> str:
            transport.cancel_transport(session, actor, str(request_id), {"version": version})
            return self.tr("coord.transport_cancelled")

        return self._act(run)
