"""Recipient list and detail pages: thin over services.recipients and services.consent."""

import uuid

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import consent, recipients
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState


def team_rows(state: AppState, team: tuple[recipients.TeamMemberView, ...]) -> list[dict[str, str]]:
    """Care-team members as the pages show them: name, team role in the user's language, phone."""
    return [{"name": m.name, "role": state.tr(f"team_role.{m.team_role}"), "phone": m.phone} for m in team]


class RecipientListState(PagedListState, AppState):
    rows: list[dict[str, str]] = []

    def _row(self, row: recipients.RecipientRow) -> dict[str, str]:
        return {
            "id": str(row.id),
            "name": row.name,
            "village": row.village,
            "who": self.tr("recipient.sex_age", sex=self.tr(f"sex.{row.sex}"), age=row.age),
            "id_masked": row.id_masked,
            "risk": self.tr("risk.level", level=row.risk_level) if row.risk_level is not None else "",
            "next": row.next_followup_date.isoformat()
            if row.next_followup_date
            else self.tr("recipient.no_date"),
            "status": self.tr(f"status.{row.status}"),
        }

    def _fetch(self):
        result, redirect = self.guard(
            lambda session, actor: recipients.list_recipients(
                session, actor, self.search, self.offset, PAGE_SIZE
            )
        )
        if result is not None:
            rows, self.total = result
            self.rows = [self._row(row) for row in rows]
        return redirect

    @rx.event
    def load(self):
        self.offset = 0
        return self._fetch()


class RecipientDetailState(AppState):
    found: bool = False
    detail: dict[str, str] = {}
    team: list[dict[str, str]] = []
    consent_errors: dict[str, str] = {}
    consent_client_id: str = ""
    consent_saved: str = ""

    def _recipient_id(self) -> int:
        return whole_number(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    def _show(self, d: recipients.RecipientDetail) -> None:
        tr = self.tr
        self.detail = {
            "id": str(d.id),
            "name": d.name,
            "who": tr("recipient.sex_age", sex=tr(f"sex.{d.sex}"), age=d.age),
            "village": d.village,
            "address": d.address or "—",
            "status": tr(f"status.{d.status}"),
            "next": d.next_followup_date.isoformat() if d.next_followup_date else tr("recipient.no_date"),
            "guardian": " ".join(
                x
                for x in (
                    d.guardian_name,
                    tr(f"relation.{d.guardian_relation}") if d.guardian_relation else "",
                )
                if x
            )
            or "—",
            "guardian_phone": d.guardian_phone or "",
            "id_number": d.id_number or "",
            "phone": d.phone or "",
            "diagnosis": tr(f"diagnosis.{d.diagnosis}") if d.diagnosis else "",
            "disability": tr("recipient.disability_level", level=d.disability_level)
            if d.disability_level
            else "",
            "risk": tr("risk.level", level=d.risk_level) if d.risk_level is not None else "",
        }
        self.team = team_rows(self, d.team)

    @rx.event
    def load(self):
        self.found = False
        self.detail = {}
        self.team = []
        self.consent_errors = {}
        self.consent_saved = ""
        self.consent_client_id = str(uuid.uuid4())
        rid = self._recipient_id()
        result, redirect = self.guard(
            lambda session, actor: recipients.get_recipient_detail(session, actor, rid)
        )
        if result is not None:
            self._show(result)
            self.found = True
        return redirect

    @rx.event
    def record_consent(self, form_data: dict):
        self.consent_errors = {}
        self.consent_saved = ""
        # The form carries its client id (a hidden input the server filled on load); a resend of the same form
        # is stored once.
        client_id = str(form_data.get("client_id") or self.consent_client_id)
        data = dict(form_data) | {"recipient_id": self._recipient_id(), "client_id": client_id}
        try:
            self.call(lambda session, actor: consent.record_consent(session, actor, data))
        except ValidationFailed as exc:
            self.consent_errors = {f: self.tr(e.key, **e.params) for f, e in exc.errors.items()}
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.consent_saved = self.tr("consent.saved")
        # A new client id makes the next submission a new record, and re-keys the form, which empties it.
        self.consent_client_id = str(uuid.uuid4())
        return None
