"""Recipient list and detail pages: thin over services.recipients, consent, consent_withdrawal, eligibility and
care_team.
What the detail page offers (action buttons, forms, panels) follows ``RecipientDetail.allowed``, which the
server decides for this user and this recipient; every handler is authorised again by its service."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.models import ConsentRecord, RecipientStatus
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.services import care_team, consent, consent_withdrawal, eligibility, recipients
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState
from jingkang_app.state.recipient_timeline import RecipientTimelineState, page_recipient_id, risk_color
from jingkang_app.state.recipient_volunteer import RecipientVolunteerState

WITHDRAWAL_FIELDS = ("withdrawn_on", "reason")
# A consent row's withdrawal errors, one beside each field and one for the whole form; empty when none.
NO_WITHDRAWAL_ERRORS = {f"{name}_error": "" for name in (*WITHDRAWAL_FIELDS, "form")}
SAVED = object()  # what _submit returns once the service has stored the change


def team_rows(state: AppState, team: tuple[recipients.TeamMemberView, ...]) -> list[dict[str, str]]:
    """Care-team members as the pages show them: name, team role in the user's language, phone; and the
    membership's own keys (user id, team role code), which a removal sends back."""
    return [
        {
            "name": m.name,
            "role": state.tr(f"team_role.{m.team_role}"),
            "phone": m.phone,
            "user_id": str(m.user_id),
            "team_role": m.team_role,
        }
        for m in team
    ]


class RecipientListState(PagedListState, AppState):
    rows: list[dict[str, str]] = []
    # The 「登记服务对象」 button: only for roles that register recipients (the service checks the village).
    can_register: bool = False

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
            lambda session, actor: (
                recipients.list_recipients(session, actor, self.search, self.offset, PAGE_SIZE),
                may_ever(actor, Action.recipient_create),
            )
        )
        if result is not None:
            (rows, self.total), self.can_register = result
            self.rows = [self._row(row) for row in rows]
        return redirect

    @rx.event
    def load(self):
        self.offset = 0
        self.can_register = False
        return self._fetch()


@dataclass(frozen=True)
class _PageData:
    detail: recipients.RecipientDetail
    consents: list[ConsentRecord]
    screen: eligibility.EligibilityView | None  # only while applying, for those who may see the verdicts
    candidates: list[care_team.Candidate]  # only for those who may change the team
    today: date


def _page_data(session: Session, actor: Actor, recipient_id: int) -> _PageData:
    detail = recipients.get_recipient_detail(session, actor, recipient_id)
    allowed = set(detail.allowed)
    records = consent.consents_of(session, actor, recipient_id) if Action.consent_record in allowed else []
    screening = detail.status == RecipientStatus.applying and Action.recipient_view_clinical in allowed
    screen = eligibility.screen_recipient(session, actor, recipient_id) if screening else None
    updater = Action.recipient_update in allowed
    candidates = care_team.candidates(session, actor, recipient_id) if updater else []
    return _PageData(detail, records, screen, candidates, clock.today())


class RecipientDetailState(AppState):
    found: bool = False
    today: str = ""
    detail: dict[str, str] = {}
    team: list[dict[str, str]] = []
    # What this user may do here, decided on the server when the page loads.
    can_visit: bool = False
    can_followup: bool = False
    can_rehab: bool = False
    can_consent: bool = False
    can_admit: bool = False
    can_admit_outside_rules: bool = False
    # 发起转介 (/referrals/new): the kinds and routes are the new-referral page's to decide.
    can_refer: bool = False
    # 入组评估, while the recipient is applying
    screening: list[dict[str, str]] = []
    show_screening: bool = False
    eligible: bool = False
    admit_errors: dict[str, str] = {}
    admit_saved: str = ""
    # consents: each row carries its own withdrawal errors, shown beside that row's fields
    consents: list[dict[str, str]] = []
    withdraw_saved: str = ""
    consent_errors: dict[str, str] = {}
    consent_client_id: str = ""
    consent_saved: str = ""
    # 综合管理小组: who may still join (value "user_id:team_role", label), errors beside the choice, confirmation
    can_manage_team: bool = False
    team_candidates: list[dict[str, str]] = []
    team_errors: dict[str, str] = {}
    team_saved: str = ""

    def _header(self, d: recipients.RecipientDetail) -> dict[str, str]:
        tr = self.tr
        if d.followup_withdrawn_on:
            next_followup = tr("recipient.followup_stopped", date=d.followup_withdrawn_on.isoformat())
        else:
            next_followup = (
                d.next_followup_date.isoformat() if d.next_followup_date else tr("recipient.no_date")
            )
        return {
            "id": str(d.id),
            "version": str(d.version),
            "name": d.name,
            "who": tr("recipient.sex_age", sex=tr(f"sex.{d.sex}"), age=d.age),
            "village": d.village,
            "address": d.address or "—",
            "status": tr(f"status.{d.status}"),
            "next": next_followup,
            "next_visit": d.next_visit_date.isoformat() if d.next_visit_date else tr("recipient.no_date"),
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
            "id_masked": d.id_masked,
            "id_number": d.id_number or "",
            "phone": d.phone or "",
            "diagnosis": tr(f"diagnosis.{d.diagnosis}") if d.diagnosis else "",
            "disability": tr("recipient.disability_level", level=d.disability_level)
            if d.disability_level
            else "",
            "risk": tr("risk.level", level=d.risk_level) if d.risk_level is not None else "",
            "risk_color": risk_color(d.risk_level) if d.risk_level is not None else "gray",
            "classification": tr(f"followup.classification.{d.classification}") if d.classification else "",
            "open_alert": tr("recipient.open_alert") if d.open_alert else "",
        }

    def _consent_row(self, record: ConsentRecord) -> dict[str, str]:
        signers = [
            self.tr(f"consent.signer.{who}")
            for who, signed in (
                ("recipient", record.signed_by_recipient),
                ("guardian", record.signed_by_guardian),
            )
            if signed
        ]
        withdrawn = (
            self.tr(
                "consent.withdrawn_line",
                date=record.withdrawn_on.isoformat(),
                reason=record.withdrawn_reason or "",
            )
            if record.withdrawn_on
            else ""
        )
        return {
            "id": str(record.id),
            "signed_on": record.signed_on.isoformat(),
            "version": str(record.version),
            "kind": self.tr(f"consent.kind.{record.kind}"),
            "signed": self.tr(
                "consent.signed_line",
                date=record.signed_on.isoformat(),
                signers=self.tr("timeline.separator").join(signers),
            ),
            "withdrawn": withdrawn,
        } | NO_WITHDRAWAL_ERRORS

    def _screen_rows(self, view: eligibility.EligibilityView) -> list[dict[str, str]]:
        params = view.label_params()
        colors = {"met": "green", "not_met": "red", "unknown": "amber"}
        return [
            {
                "key": c.key,
                "label": self.tr(f"eligibility.{c.key}", **params),
                "verdict": self.tr(f"eligibility.{c.verdict.value}"),
                "color": colors[c.verdict.value],
            }
            for c in view.criteria
        ]

    def _team_row(self, row: dict[str, str]) -> dict[str, str]:
        return row | {
            "question": self.tr("recipient.team.remove_question", name=row["name"], role=row["role"])
        }

    def _candidate(self, c: care_team.Candidate) -> dict[str, str]:
        label = self.tr(
            "recipient.team.candidate",
            team_role=self.tr(f"team_role.{c.team_role}"),
            name=c.name,
            role=self.tr(f"role.{c.role}"),
            area=c.area,
        )
        return {"value": f"{c.user_id}:{c.team_role}", "label": label}

    def _show(self, data: _PageData) -> None:
        d = data.detail
        allowed = set(d.allowed)
        self.detail = self._header(d)
        self.team = [self._team_row(row) for row in team_rows(self, d.team)]
        self.can_manage_team = Action.recipient_update in allowed
        self.team_candidates = [self._candidate(c) for c in data.candidates]
        self.today = data.today.isoformat()
        self.can_visit = Action.visit_record in allowed
        self.can_followup = Action.followup_record in allowed
        self.can_rehab = Action.rehab_record in allowed
        self.can_consent = Action.consent_record in allowed
        self.can_admit = Action.recipient_update in allowed
        self.can_admit_outside_rules = Action.recipient_admit in allowed
        self.can_refer = Action.referral_work in allowed
        self.consents = [self._consent_row(record) for record in data.consents]
        self.show_screening = data.screen is not None
        self.screening = self._screen_rows(data.screen) if data.screen else []
        self.eligible = bool(data.screen and data.screen.eligible)
        self.found = True

    def _clear(self) -> None:
        self.found = False
        self.detail = {}
        self.team = []
        self.team_candidates = []
        self.consents = []
        self.screening = []
        self.show_screening = False
        self.eligible = False
        for flag in (
            "can_visit",
            "can_followup",
            "can_rehab",
            "can_consent",
            "can_admit",
            "can_admit_outside_rules",
            "can_manage_team",
            "can_refer",
        ):
            setattr(self, flag, False)

    def _refresh(self):
        """Reads the page again (after a change), or clears it when the server now refuses."""
        rid = page_recipient_id(self)
        self._clear()
        # Shown inside the call, while the session that read the consent rows is still open.
        _, redirect = self.guard(lambda session, actor: self._show(_page_data(session, actor, rid)))
        return redirect

    @rx.event
    def load(self):
        self.consent_errors = {}
        self.consent_saved = ""
        self.admit_errors = {}
        self.admit_saved = ""
        self.withdraw_saved = ""
        self.team_errors = {}
        self.team_saved = ""
        self.consent_client_id = str(uuid.uuid4())
        redirect = self._refresh()
        # The service records are a paged list of their own, loaded once the page is known to be allowed.
        return RecipientTimelineState.load if self.found else redirect

    def _submit(self, fn: Callable[[Session, Actor], object], show_errors: Callable[[dict[str, str]], None]):
        """Calls a service that changes something. Field errors, and a refusal because someone changed the record
        first (under "form"), go beside the form in the user's language; any other refusal is the page's error.
        Returns SAVED, or what the handler returns instead (a redirect to log in, or None)."""
        try:
            self.call(fn)
        except ValidationFailed as exc:
            show_errors({f: self.tr(e.key, **e.params) for f, e in exc.errors.items()})
            return None
        except StaleVersion as exc:
            show_errors({"form": self.tr(exc.key, **exc.params)})
            return None
        except DomainError as exc:
            return self.failure(exc)
        return SAVED

    @rx.event
    def record_consent(self, form_data: dict):
        self.consent_errors = {}
        self.consent_saved = ""
        # The form carries its client id (a hidden input the server filled on load); a resend of the same form
        # is stored once.
        client_id = str(form_data.get("client_id") or self.consent_client_id)
        rid = page_recipient_id(self)
        data = dict(form_data) | {"recipient_id": rid, "client_id": client_id}

        def save(session: Session, actor: Actor) -> None:
            row = self._consent_row(consent.record_consent(session, actor, data))
            # The list gains the new consent where its signing date puts it (a resend replaces itself): reading
            # the page again would cost every save a second, audited read of the recipient.
            rows = [row, *(r for r in self.consents if r["id"] != row["id"])]
            rows.sort(key=lambda r: (r["signed_on"], int(r["id"])), reverse=True)
            self.consents = rows[: consent.RECENT_CONSENTS]

        outcome = self._submit(save, lambda errors: setattr(self, "consent_errors", errors))
        if outcome is not SAVED:
            return outcome
        self.consent_saved = self.tr("consent.saved")
        # A new client id makes the next submission a new record, and re-keys the form, which empties it.
        self.consent_client_id = str(uuid.uuid4())
        return RecipientVolunteerState.load  # a consent to volunteering may open 「登记为志愿者」

    def _mark_consent(self, consent_id: str, errors: dict[str, str]) -> None:
        """Puts a withdrawal's errors on its consent's row, beside that row's fields."""
        marks = NO_WITHDRAWAL_ERRORS | {
            f"{name if name in WITHDRAWAL_FIELDS else 'form'}_error": message
            for name, message in errors.items()
        }
        self.consents = [row | marks if row["id"] == consent_id else row for row in self.consents]

    @rx.event
    def withdraw_consent(self, form_data: dict):
        self.withdraw_saved = ""
        consent_id = str(form_data.get("consent_id") or "")
        # Only a consent this page listed, still in force: the form cannot be pointed at another record.
        row = next((r for r in self.consents if r["id"] == consent_id and not r["withdrawn"]), None)
        if row is None:
            return None
        self._mark_consent(consent_id, {})
        data = {name: form_data.get(name) for name in WITHDRAWAL_FIELDS} | {"version": row["version"]}
        outcome = self._submit(
            lambda session, actor: consent_withdrawal.withdraw_consent(session, actor, int(consent_id), data),
            lambda errors: self._mark_consent(consent_id, errors),
        )
        if outcome is not SAVED:
            return outcome
        self.withdraw_saved = self.tr("consent.withdraw_saved")
        return self._refresh() or RecipientVolunteerState.load

    @rx.event
    def admit(self, form_data: dict):
        self.admit_errors = {}
        self.admit_saved = ""
        rid = page_recipient_id(self)
        # The version the screen was read at: an admission over someone else's newer change is refused.
        data = {"version": self.detail.get("version", ""), "reason": form_data.get("reason")}
        outcome = self._submit(
            lambda session, actor: eligibility.admit(session, actor, rid, data),
            lambda errors: setattr(self, "admit_errors", errors),
        )
        if outcome is not SAVED:
            return outcome
        self.admit_saved = self.tr("eligibility.admitted")
        return self._refresh()

    def _change_team(self, change: Callable[[Session, Actor, int], object], saved_key: str):
        self.team_errors = {}
        self.team_saved = ""
        rid = page_recipient_id(self)
        outcome = self._submit(
            lambda session, actor: change(session, actor, rid),
            # The one choice stands for both the user and the team role: its first error goes beside it.
            lambda errors: setattr(self, "team_errors", {"member": next(iter(errors.values()))}),
        )
        if outcome is not SAVED:
            return outcome
        self.team_saved = self.tr(saved_key)
        return self._refresh()

    @rx.event
    def add_team_member(self, form_data: dict):
        user_id, _, team_role = str(form_data.get("member") or "").partition(":")
        return self._change_team(
            lambda session, actor, rid: care_team.add_team_member(session, actor, rid, user_id, team_role),
            "recipient.team.added",
        )

    @rx.event
    def remove_team_member(self, form_data: dict):
        """The second tap of a removal: the row's 「移出」 opened this confirmation form."""
        user_id, team_role = form_data.get("user_id"), str(form_data.get("team_role") or "")
        return self._change_team(
            lambda session, actor, rid: care_team.remove_team_member(session, actor, rid, user_id, team_role),
            "recipient.team.removed",
        )
