"""The rehab service record page (康复服务记录): thin over services.rehab_services and the recipient search."""

import uuid

import reflex as rx

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.models import Area
from jingkang_app.domain.permissions import Action
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import recipients, rehab_services
from jingkang_app.state.base import AppState

SEARCH_RESULTS = 10
SEARCH_MAX = 32
FORM_FIELDS = ("service_date", "place", "site_name", "duration_minutes", "notes")


class RehabState(AppState):
    # The form is shown once the server has confirmed the user may record rehab services.
    allowed: bool = False
    today: str = ""
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""
    searched: bool = False
    # Search results and the chosen attendees live on the server: a chip can only be made from a row the
    # server itself found for this user, and the service authorises every attendee again on save.
    results: list[dict[str, str]] = []
    chips: list[dict[str, str]] = []

    def _reset_form(self) -> None:
        # A new client id makes the next submission a new record, and re-keys the form, which empties it.
        self.client_id = str(uuid.uuid4())
        self.chips = []
        self.results = []
        self.searched = False

    @rx.event
    def load(self):
        self.allowed = False
        self.errors = {}
        self.saved = ""
        self._reset_form()
        rid = self.router.url.query_parameters.get("rid", "")
        opened, redirect = self.guard(lambda session, actor: self._open(session, actor, rid))
        if opened is not None:
            self.today, self.chips = opened
            self.allowed = True
        return redirect

    def _open(self, session, actor, rid: str) -> tuple[str, list[dict[str, str]]]:
        """Today, and the recipient the page was opened for (``?rid=`` from their page) as the first attendee."""
        rehab_services.require_recorder(actor)
        chips = []
        if rid:
            recipient = recipients.recipient_for(session, actor, Action.rehab_record, rid)
            village = session.get(Area, recipient.area_id).name
            chips = [{"id": str(recipient.id), "name": recipient.name, "village": village, "attended": "1"}]
        return clock.today().isoformat(), chips

    @rx.event
    def search_attendees(self, form_data: dict):
        query = str(form_data.get("attendee_search") or "").strip()[:SEARCH_MAX]

        def search(session, actor):
            rehab_services.require_recorder(actor)
            return recipients.list_recipients(session, actor, query, 0, SEARCH_RESULTS)[0]

        rows, redirect = self.guard(search)
        if rows is None:
            return redirect
        chosen = {chip["id"] for chip in self.chips}
        self.results = [
            {
                "id": str(row.id),
                "name": row.name,
                "village": row.village,
                "who": self.tr("recipient.sex_age", sex=self.tr(f"sex.{row.sex}"), age=row.age),
            }
            for row in rows
            if str(row.id) not in chosen
        ]
        self.searched = True
        return None

    @rx.event
    def add_attendee(self, recipient_id: str):
        row = next((r for r in self.results if r["id"] == str(recipient_id)), None)
        if row is None or any(chip["id"] == row["id"] for chip in self.chips):
            return
        self.chips = [
            *self.chips,
            {"id": row["id"], "name": row["name"], "village": row["village"], "attended": "1"},
        ]
        self.results = [r for r in self.results if r["id"] != row["id"]]
        self.errors = {k: v for k, v in self.errors.items() if k != "attendees"}

    @rx.event
    def toggle_attended(self, recipient_id: str):
        self.chips = [
            chip | {"attended": "" if chip["attended"] else "1"} if chip["id"] == str(recipient_id) else chip
            for chip in self.chips
        ]

    @rx.event
    def remove_attendee(self, recipient_id: str):
        self.chips = [chip for chip in self.chips if chip["id"] != str(recipient_id)]

    @rx.event
    def record(self, form_data: dict):
        self.errors = {}
        self.saved = ""
        self.page_error = ""
        # The form carries its client id (a hidden input filled on load); a resend of the same form is stored
        # once. Each content is its own checkbox, so the form sends every ticked one whatever the browser.
        data = {name: form_data.get(name) for name in FORM_FIELDS} | {
            "client_id": str(form_data.get("client_id") or self.client_id),
            "contents": [c for c in rehab_services.CONTENTS if fields.flag(form_data, f"content_{c}")],
            "attendees": [
                {"recipient_id": chip["id"], "attended": bool(chip["attended"])} for chip in self.chips
            ],
        }
        try:
            self.call(lambda session, actor: rehab_services.record_service(session, actor, data))
        except ValidationFailed as exc:
            self.errors = {f: self.tr(e.key, **e.params) for f, e in exc.errors.items()}
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.saved = self.tr("rehab.saved", count=len(self.chips))
        self._reset_form()
        return None
