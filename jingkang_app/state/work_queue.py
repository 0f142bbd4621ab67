"""A coordinator's work queue (respite requests, subsidy applications): tabs per status with counts, cards, one
step form open inside a card at a time, and where each refusal is shown. A page state mixes this in and says how
to read its queue and turn a row into a card; its steps go through ``_act``."""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PagedListState


class WorkQueueState(PagedListState, AppState, mixin=True):
    allowed: bool = False
    status: str = "pending"
    counts: dict[str, str] = {}
    cards: list[dict[str, str]] = []
    # The card whose step form is open, and that form's errors beside its fields.
    acting_id: str = ""
    acting_step: str = ""
    errors: dict[str, str] = {}
    # Any other refusal, on the card it belongs to.
    card_error: str = ""
    error_for: str = ""
    saved: str = ""

    def _statuses(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _read(self, session: Session, actor: Actor) -> tuple[list, dict[str, int]]:
        """This page of the chosen queue, and the count of every queue."""
        raise NotImplementedError

    def _card(self, row) -> dict[str, str]:
        raise NotImplementedError

    def _field_labels(self) -> str:
        """The catalogue key of a changed field's label, {} for the field, for the stale-version message."""
        raise NotImplementedError

    def _close(self) -> None:
        self.acting_id, self.acting_step = "", ""

    def _fetch(self):
        result, redirect = self.guard(self._read)
        self.allowed = result is not None
        rows, counts = result or ([], {})
        self.cards = [self._card(row) for row in rows]
        self.counts = {status: str(n) for status, n in counts.items()}
        self.total = counts.get(self.status, 0)
        return redirect

    def _clear_feedback(self) -> None:
        self.errors, self.card_error, self.error_for, self.saved, self.page_error = {}, "", "", "", ""

    @rx.event
    def load(self):
        self.offset = 0
        self._close()
        self._clear_feedback()
        return self._fetch()

    @rx.event
    def show(self, status: str):
        if status in self._statuses():
            self.status, self.offset = status, 0
            self._close()
            self._clear_feedback()
        return self._fetch()

    @rx.event
    def close_step(self):
        self._close()
        self.errors = {}

    def _act(self, card_id: str, form_fields: frozenset[str], fn: Callable[[Session, Actor], str]):
        """Runs a step, whose function returns what to tell the user. Errors about the open form's fields go
        beside them, any other refusal on the card; a stale version re-reads the queue, so the card carries what
        changed and the new version for a deliberate second try."""
        self._clear_feedback()
        try:
            done = self.call(fn)
        except ValidationFailed as exc:
            messages = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}
            self.errors = {field: m for field, m in messages.items() if field in form_fields}
            others = [m for field, m in messages.items() if field not in form_fields]
            if others:
                self._show_on_card(card_id, others[0])
            return None
        except StaleVersion as exc:
            redirect = self._fetch()
            self._show_on_card(card_id, self.stale_message(exc, self._field_labels()))
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self._close()
        self.saved = done
        return self._fetch()

    def _show_on_card(self, card_id: str, message: str) -> None:
        # A record someone else moved on has left this queue: its message goes to the top of the page.
        if any(card["id"] == card_id for card in self.cards):
            self.error_for, self.card_error = card_id, message
        else:
            self._close()
            self.page_error = message
