"""Registering a service recipient (服务对象登记): thin over services.recipients."""

import uuid

import reflex as rx

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, FieldError, ValidationFailed
from jingkang_app.domain.rules.idcard import InvalidIdNumber, normalise_id_number, parse_id_number
from jingkang_app.domain.services import recipients
from jingkang_app.state.base import AppState


class RecipientNewState(AppState):
    # The form is shown once the server has confirmed the user may register recipients somewhere.
    allowed: bool = False
    today: str = ""
    client_id: str = ""
    villages: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    # Sex and birth date read from a valid ID number, shown read-only beside it.
    derived: dict[str, str] = {}
    # The already registered record with the same ID number: set only when the server says the user may open it.
    duplicate_id: str = ""
    # The ID number last refused as a duplicate: leaving the field unchanged must not clear that refusal.
    _duplicate_number: str = ""

    @rx.event
    def load(self):
        self.allowed = False
        self.errors = {}
        self.derived = {}
        self.duplicate_id = ""
        self._duplicate_number = ""
        self.villages = []
        # A fresh client id per opened form: a resend of this form is stored once.
        self.client_id = str(uuid.uuid4())
        result, redirect = self.guard(
            lambda session, actor: (recipients.registration_villages(session, actor), clock.today())
        )
        if result is not None:
            villages, today = result
            self.villages = [
                {"id": str(vid), "name": self.tr("recipient.new.village_option", village=v, township=t)}
                for vid, v, t in villages
            ]
            self.today = today.isoformat()
            self.allowed = True
        return redirect

    def _read_id_number(self, raw: object) -> str | None:
        """Shows sex and birth date for a valid number; returns the error key for an invalid one (None if
        valid or empty). The service checks the number again on save: this only spares a round of typing."""
        self.derived = {}
        text = str(raw or "")
        if not text.strip():
            return None
        try:
            card = parse_id_number(text)
        except InvalidIdNumber as exc:
            return f"error.id_number_{exc.reason}"
        self.derived = {"sex": self.tr(f"sex.{card.sex}"), "birth_date": card.birth_date.isoformat()}
        return None

    @rx.event
    def check_id_number(self, value: str):
        """On leaving the 身份证号 field (one event, not one per keystroke). It only parses what the user typed and
        reads no record, so there is nothing to authorise; registering asks the service."""
        error_key = self._read_id_number(value)
        if self._duplicate_number and normalise_id_number(str(value or "")) == self._duplicate_number:
            return
        self.duplicate_id = ""
        others = {f: e for f, e in self.errors.items() if f != "id_number"}
        self.errors = others | ({"id_number": self.tr(error_key)} if error_key else {})

    def _show_refusal(self, errors: dict[str, FieldError], id_number: str) -> None:
        self.errors = {f: self.tr(e.key, **e.params) for f, e in errors.items()}
        duplicate = errors.get("id_number")
        if duplicate is not None and duplicate.key == "error.id_number_duplicate":
            self._duplicate_number = normalise_id_number(id_number)
            self.duplicate_id = str(duplicate.params.get("recipient_id", ""))

    @rx.event
    def register(self, form_data: dict):
        self.errors = {}
        self.duplicate_id = ""
        self._duplicate_number = ""
        self.page_error = ""
        id_number = str(form_data.get("id_number") or "")
        self._read_id_number(id_number)
        # The form carries its client id (a hidden input filled on load): a double submit is stored once.
        data = dict(form_data) | {"client_id": str(form_data.get("client_id") or self.client_id)}
        try:
            # The id, read while the session is open (a resend's stored record is not loaded past it).
            recipient_id = self.call(
                lambda session, actor: recipients.create_recipient(session, actor, data).id
            )
        except ValidationFailed as exc:
            # No re-key: the uncontrolled inputs keep what was typed.
            self._show_refusal(exc.errors, id_number)
            return None
        except DomainError as exc:
            return self.failure(exc)
        return rx.redirect(f"/recipients/{recipient_id}")
