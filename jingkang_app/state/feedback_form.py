"""意见反馈, the public form: no login (services.feedback decides everything: the area, the limits, the phone number,
the hourly limit per client address). A fresh client id per opened form makes a double tap, or a resend after a
dropped reply, one feedback."""

import uuid

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.services import feedback
from jingkang_app.state.base import AppState
from jingkang_app.state.events import field_messages
from jingkang_app.state.volunteer_cards import public_call

FIELDS = ("kind", "area_id", "content", "contact_name", "contact_phone")


def _areas(session) -> list[dict[str, str]]:
    return [{"id": str(a.id), "label": a.label} for a in feedback.feedback_areas(session)]


class FeedbackFormState(AppState):
    areas: list[dict[str, str]] = []
    client_id: str = ""
    errors: dict[str, str] = {}
    # What was sent, the form's defaults after a refusal (the inputs keep it too: they are uncontrolled).
    typed: dict[str, str] = dict.fromkeys(FIELDS, "")
    # Once received: the reference to note and the promise of an answer.
    reference: str = ""
    promise: str = ""

    def _fresh_form(self) -> None:
        self.errors, self.page_error, self.reference, self.promise = {}, "", "", ""
        self.typed = dict.fromkeys(FIELDS, "")
        self.client_id = str(uuid.uuid4())

    @rx.event
    def load(self):
        self._fresh_form()
        try:
            self.areas = public_call(_areas)
        except DomainError as exc:
            return self.failure(exc)
        return None

    @rx.event
    def write_another(self):
        self._fresh_form()

    @rx.event
    def submit(self, form_data: dict):
        self.errors, self.page_error = {}, ""
        typed = {name: str(form_data.get(name) or "") for name in FIELDS}
        data = typed | {"client_id": str(form_data.get("client_id") or self.client_id)}
        ip = self._client_ip()
        try:
            receipt = public_call(lambda session: feedback.submit_feedback(session, data, ip=ip))
        except ValidationFailed as exc:
            self.typed, self.errors = typed, field_messages(self, exc, FIELDS, "form")
            return None
        except DomainError as exc:  # too many from this address, the database down
            self.typed = typed
            return self.failure(exc)
        self.reference = self.tr("feedback.reference", reference=receipt.reference)
        self.promise = self.tr(
            "feedback.promise", days=receipt.answer_within_days, date=receipt.answer_by.isoformat()
        )
        return None
