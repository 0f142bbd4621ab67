"""成为志愿者: the public registration form, no login (services.volunteer_registration decides everything: the area,
the phone not yet taken, the password, the profile). A fresh client id per opened form makes a double tap, or a
resend after a dropped reply, one registration."""

import uuid

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.services import volunteer_registration
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import profile_data
from jingkang_app.state.events import field_messages
from jingkang_app.state.volunteer_cards import public_call

# What the form shows an error beside; anything else (a client id refused) shows above the button.
SHOWN = (
    "name",
    "phone",
    "password",
    "password_confirm",
    "area_id",
    "skills",
    "availability",
    "insured_until",
    "trainings",
    "id_type",
    "id_number",
)


def _areas(session) -> list[dict[str, str]]:
    return [{"id": str(a.id), "label": a.label} for a in volunteer_registration.registration_areas(session)]


class VolunteerRegisterState(AppState):
    areas: list[dict[str, str]] = []
    client_id: str = ""
    errors: dict[str, str] = {}
    registered: str = ""

    @rx.event
    def load(self):
        self.errors, self.registered, self.page_error = {}, "", ""
        self.client_id = str(uuid.uuid4())
        try:
            self.areas = public_call(_areas)
        except DomainError as exc:
            return self.failure(exc)
        return None

    @rx.event
    def submit(self, form_data: dict):
        self.errors, self.page_error = {}, ""
        password = str(form_data.get("password") or "")
        if password != str(form_data.get("password_confirm") or ""):
            # A typing slip the server need not see: nothing is sent until both agree.
            self.errors = {"password_confirm": self.tr("volunteer_page.password_mismatch")}
            return None
        data = profile_data(form_data) | {
            "client_id": form_data.get("client_id") or self.client_id,
            "password": password,
        }
        data |= {
            name: form_data.get(name, "") for name in ("name", "phone", "area_id", "id_type", "id_number")
        }
        ip = self._client_ip()
        try:
            saved = public_call(
                lambda session: volunteer_registration.register_volunteer(session, data, ip=ip)
            )
        except ValidationFailed as exc:
            self.errors = field_messages(self, exc, SHOWN, "form")
            return None
        except DomainError as exc:
            return self.failure(exc)
        volunteer = saved.volunteer
        self.registered = self.tr("volunteer_page.registered", name=volunteer.name, area=volunteer.area_name)
        return None
