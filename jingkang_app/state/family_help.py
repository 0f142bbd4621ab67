"""紧急求助: the family picks what is happening and sends; a relapse alert opens for the team (services.help_request).
A fresh client id per opened form makes a double tap, or a resend after a dropped reply, one call for help."""

import uuid

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.services import help_request
from jingkang_app.state.base import AppState
from jingkang_app.state.family import RelativeState, help_card

SIGN_FIELD = "sign_"  # one checkbox per sign: sign_no_sleep, sign_violence, …


class HelpState(RelativeState, AppState):
    client_id: str = ""
    errors: dict[str, str] = {}
    sent: str = ""
    calls: list[dict[str, str]] = []

    def _refresh(self):
        def read(session, actor):
            rid = self._relative(session, actor)
            return [] if rid is None else help_request.help_status(session, actor, rid)

        views, redirect = self.guard(read)
        self.calls = [help_card(self, view) for view in views or []]
        return redirect

    @rx.event
    def load(self):
        self.client_id, self.errors, self.sent = str(uuid.uuid4()), {}, ""
        return self._refresh()

    @rx.event
    def send(self, form_data: dict):
        data = {
            "recipient_id": self.rid,
            "client_id": form_data.get("client_id") or self.client_id,
            "signs": [s for s in help_request.SIGNS if form_data.get(SIGN_FIELD + s)],
            "other_text": form_data.get("other_text", ""),
        }
        self.errors, self.sent, self.page_error = {}, "", ""
        try:
            saved = self.call(lambda session, actor: help_request.ask_for_help(session, actor, data))
        except ValidationFailed as exc:
            self.errors = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.sent = self.tr("help.sent", name=saved.help.owner_name)
        # The next call for help is a new one.
        self.client_id = str(uuid.uuid4())
        return self._refresh() or rx.call_script("document.getElementById('help-form').reset()")
