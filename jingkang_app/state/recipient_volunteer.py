"""The recipient page's 「登记为志愿者」 (DOMAIN.md §3.11): a recipient in stable recovery who consented to
volunteering is added as a volunteer by a coordinator who manages volunteers where they live. Thin over
services.volunteer_registration (recipient_volunteering decides whether the form shows; add_volunteer checks
everything again). Loaded on the page's on_load, and again when a consent is recorded or withdrawn."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.services import volunteer_registration
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import managed_areas
from jingkang_app.state.recipient_timeline import page_recipient_id

VOLUNTEER_FIELDS = ("name", "phone", "password", "area_id")


class RecipientVolunteerState(AppState):
    # The form shows only for a coordinator of the recipient's area, once the consent is in force.
    can_register: bool = False
    registered: bool = False
    areas: list[dict[str, str]] = []
    area_id: str = ""
    # A fresh id per opened form: a double tap adds one volunteer.
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""

    def _read(self, session: Session, actor: Actor):
        if not may_ever(actor, Action.volunteer_manage):
            return None
        found = volunteer_registration.recipient_volunteering(session, actor, page_recipient_id(self))
        return found, managed_areas(session, actor)

    @rx.event
    def load(self):
        self.can_register, self.registered, self.areas, self.area_id = False, False, [], ""
        self.errors = {}
        self.client_id = str(uuid.uuid4())
        try:
            result = self.call(self._read)
        except DomainError:
            return None  # not this user's to manage (or the page itself is refused, which the page shows)
        if result is None:
            return None
        found, self.areas = result
        self.registered = found.registered
        self.can_register = found.consented and not found.registered
        area = str(found.area_id)
        self.area_id = area if any(a["id"] == area for a in self.areas) else ""
        return None

    @rx.event
    def register(self, form_data: dict):
        """Adds the recipient as a volunteer (在册 at once) with an initial password for their login."""
        self.errors, self.saved = {}, ""
        data = {name: form_data.get(name, "") for name in VOLUNTEER_FIELDS} | {
            "client_id": form_data.get("client_id") or self.client_id,
            "recipient_id": page_recipient_id(self),
        }

        def run(session: Session, actor: Actor) -> str:
            view = volunteer_registration.add_volunteer(session, actor, data).volunteer
            return self.tr("recipient.volunteer.saved", number=view.volunteer_no)

        try:
            saved = self.call(run)
        except ValidationFailed as exc:
            messages = {name: self.tr(e.key, **e.params) for name, e in exc.errors.items()}
            self.errors = {
                name if name in VOLUNTEER_FIELDS else "volunteer_form": m for name, m in messages.items()
            }
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.saved, self.can_register, self.registered = saved, False, True
        self.client_id = str(uuid.uuid4())
        return None
