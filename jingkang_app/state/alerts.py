"""复发预警 work page: thin over services.alerts. Every handler passes what the user saw (id, version) to the
service, which decides who may take or close which alert."""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import alerts
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.paging import PAGE_SIZE, PagedListState

DANGER_FROM = 3  # risk levels from 3 raise an alert by themselves; below that, dangerous behaviour did


class AlertsState(PagedListState, AppState):
    # The list is shown once the server has confirmed the user handles alerts.
    allowed: bool = False
    cards: list[dict[str, str]] = []
    # The alert whose 处置完毕 form is open, and that form's errors beside its fields.
    closing_id: str = ""
    errors: dict[str, str] = {}
    # A refused 接单 or a stale version, shown on the card it belongs to.
    card_error: str = ""
    error_for: str = ""
    saved: str = ""

    def _why(self, view: alerts.AlertView) -> str:
        parts = [self.tr(f"alerts.source.{view.source}")]
        if view.risk_level is not None and view.risk_level >= DANGER_FROM:
            parts.append(self.tr("due.risk", level=view.risk_level))
        elif view.source == "followup":
            # Below risk 3 a follow-up raises an alert only on dangerous behaviour; a family's call says its own.
            parts.append(self.tr("alerts.dangerous_behaviour"))
        # What the family saw, in the reader's language; "other" is told in their own words (the reason).
        parts += [self.tr(f"help.sign.{sign}") for sign in view.signs if sign != "other"]
        if view.reason:
            parts.append(view.reason)
        return " · ".join(parts)

    def _level(self, level: int) -> str:
        if not level:
            return self.tr("alerts.level_none")
        return self.tr("alerts.level", level=self.tr(f"alerts.level.{level}"))

    def _card(self, view: alerts.AlertView) -> dict[str, str]:
        return {
            "id": str(view.id),
            "version": str(view.version),
            "recipient_id": str(view.recipient_id),
            "name": view.recipient_name,
            "village": view.village,
            "why": self._why(view),
            "raised": self.tr("alerts.raised_at", time=local_time(view.raised_at)),
            "deadline": self.tr("alerts.deadline", time=local_time(view.deadline_at)),
            "late": "1" if view.late else "",
            "owner": self.tr("alerts.owner", name=view.owner_name),
            "taken_by": self.tr("alerts.taken_by", name=view.taken_by_name) if view.taken_by_name else "",
            "level": self._level(view.escalation_level),
            "escalated": "1" if view.escalation_level else "",
            "status": self.tr(f"alerts.status.{view.status}"),
            "open": "1" if view.status == "open" else "",
        }

    def _fetch(self):
        result, redirect = self.guard(
            lambda session, actor: alerts.alert_page(session, actor, offset=self.offset, limit=PAGE_SIZE)
        )
        self.allowed = result is not None
        views, self.total = result or ([], 0)
        self.cards = [self._card(view) for view in views]
        return redirect

    def _clear_feedback(self) -> None:
        self.errors, self.card_error, self.error_for, self.saved, self.page_error = {}, "", "", "", ""

    @rx.event
    def load(self):
        self.offset = 0
        self.closing_id = ""
        self._clear_feedback()
        return self._fetch()

    @rx.event
    def start_closing(self, alert_id: str):
        self._clear_feedback()
        self.closing_id = str(alert_id)

    @rx.event
    def cancel_closing(self):
        self.closing_id = ""
        self.errors = {}

    @rx.event
    def take(self, alert_id: str, version: str):
        return self._act(
            str(alert_id),
            lambda session, actor: alerts.take(session, actor, alert_id, version),
            "alerts.taken",
            in_form=False,
        )

    @rx.event
    def close(self, form_data: dict):
        alert_id = self.closing_id
        data = {name: form_data.get(name) for name in ("outcome", "note", "version")}
        return self._act(
            alert_id,
            lambda session, actor: alerts.close(session, actor, alert_id, data),
            "alerts.closed",
            in_form=True,
        )

    def _act(self, alert_id: str, fn: Callable[[Session, Actor], object], done_key: str, *, in_form: bool):
        """Runs a take or close (``in_form``: its errors go beside the form's fields). The list is read again on
        success, and on a stale version too, so the card shows what changed and carries the new version for a
        deliberate second try."""
        self._clear_feedback()
        try:
            self.call(fn)
        except ValidationFailed as exc:
            messages = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}
            if in_form:
                self.errors = messages
            else:
                self._show_on_card(alert_id, next(iter(messages.values())))
            return None
        except StaleVersion as exc:
            redirect = self._fetch()
            self._show_on_card(alert_id, self.stale_message(exc, "alerts.field.{}"))
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.closing_id = ""
        self.saved = self.tr(done_key)
        return self._fetch()

    def _show_on_card(self, alert_id: str, message: str) -> None:
        # An alert closed by someone else has left the list: its message goes to the top of the page.
        if any(card["id"] == alert_id for card in self.cards):
            self.error_for, self.card_error = alert_id, message
        else:
            self.page_error = message
