"""One referral, /referrals/[rid] (where the notices of whoever holds it next link): where it stands, its dates and
deadlines with their late flags, its history, who holds it now, the handover pack for the receiving side only,
and one button per step the reader may take now, each opening a small form (a note; 退回's reason; filing again,
what was filed). Thin over services.referral_views (which decides what the reader sees: a refused reader's state
holds nothing of the referral) and services.referrals.take_step (which authorises every step again)."""

import reflex as rx

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.rules.referrals import FIRST_STEP, ReferralStep
from jingkang_app.domain.services import referral_views, referrals
from jingkang_app.domain.services.referral_views import ReferralDetail
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.referral_handover import handover_lines
from jingkang_app.state.referral_wording import day, holders_text, kind_text, status_text, step_text

STEPS = frozenset(s.value for s in ReferralStep)
# What a step form sends besides its version; errors about other fields go above the buttons.
STEP_FIELDS = ("note", "reason", "receiver")
DATES = ("applied_on", "register_by", "registered_on", "refer_by", "referred_on", "closed_on")
LATE_DATES = {"register_by": ReferralStep.register.value, "refer_by": ReferralStep.refer.value}


def page_referral_id(state: AppState) -> int:
    """The referral of the page's URL, /referrals/[rid]; 0 (no referral) for anything else."""
    return whole_number(state.router.url.path.rstrip("/").rsplit("/", 1)[-1])


class ReferralDetailState(AppState):
    found: bool = False
    referral: dict[str, str] = {}
    dates: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    holders: str = ""
    steps: list[dict[str, str]] = []
    # The receiving side only (services.referral_views returns the pack to no one else).
    handover: list[dict[str, str]] = []
    # The step whose form is open, its errors beside its fields, and any other refusal of it.
    acting_step: str = ""
    errors: dict[str, str] = {}
    step_error: str = ""
    saved: str = ""

    @rx.var
    def acting_label(self) -> str:
        return next((s["label"] for s in self.steps if s["step"] == self.acting_step), "")

    @rx.var
    def acting_files(self) -> bool:
        """The open step files the referral (again): its form shows what was filed, to change."""
        return any(s["step"] == self.acting_step and s["files"] for s in self.steps)

    def _facts(self, d: ReferralDetail) -> dict[str, str]:
        return {
            "id": str(d.id),
            "version": str(d.version),
            "recipient_id": str(d.recipient_id),
            "name": d.recipient_name,
            "id_masked": d.id_masked,
            "village": d.village,
            "kind": kind_text(self, d.kind),
            "route": self.tr(f"referral.route.{d.route}") if d.route else "",
            "status": status_text(self, d.status),
            "status_code": d.status,
            "reason": d.reason,
            "receiver": d.receiver,
            "receiver_area": d.receiver_area_name,
            "return_reason": d.return_reason,
            "created_by": d.created_by_name,
            "from_alert": "1" if d.alert_id else "",
        }

    def _dates(self, d: ReferralDetail) -> list[dict[str, str]]:
        late = set(d.late_steps)
        return [
            {
                "label": self.tr(f"referral.{name}"),
                "value": day(getattr(d, name)),
                "late": "1" if LATE_DATES.get(name) in late else "",
            }
            for name in DATES
            if getattr(d, name)
        ]

    def _history_line(self, d: ReferralDetail, s: referral_views.StepView) -> dict[str, str]:
        is_return = s.step == ReferralStep.return_
        note_key = "referral_page.history_reason" if is_return else "referral_page.history_note"
        return {
            "label": self.tr(s.label),
            "by": self.tr("referral_page.history_by", who=s.taken_by_name, time=local_time(s.taken_at)),
            "note": self.tr(note_key, note=s.note, reason=s.note) if s.note else "",
            "returned": "1" if is_return else "",
        }

    def _step_button(self, d: ReferralDetail, step: str) -> dict[str, str]:
        return {
            "step": step,
            "label": step_text(self, d.kind, step),
            "returns": "1" if step == ReferralStep.return_ else "",
            "files": "1" if step == FIRST_STEP[d.kind] else "",
        }

    def _show(self, d: ReferralDetail) -> None:
        self.referral = self._facts(d)
        self.dates = self._dates(d)
        self.history = [self._history_line(d, s) for s in d.history]
        self.holders = self.tr("referral_page.holders_line", roles=holders_text(self, d.holders))
        self.steps = [self._step_button(d, step) for step in d.next_steps]
        self.handover = handover_lines(self, d.handover) if d.handover else []
        self.found = True

    def _clear(self) -> None:
        self.found, self.referral, self.dates, self.history = False, {}, [], []
        self.holders, self.steps, self.handover = "", [], []

    def _read(self):
        """Reads the referral again; a refusal leaves nothing of it in this state."""
        rid = page_referral_id(self)
        self._clear()
        found, redirect = self.guard(
            lambda session, actor: referral_views.referral_detail(session, actor, rid)
        )
        if found is not None:
            self._show(found)
        if all(s["step"] != self.acting_step for s in self.steps):
            self.acting_step = ""
        return redirect

    @rx.event
    def load(self):
        self.acting_step, self.errors, self.step_error, self.saved = "", {}, "", ""
        return self._read()

    @rx.event
    def open_step(self, step: str):
        """Opens a step's form. Any known step: the service decides whether the reader may take it."""
        self.errors, self.step_error, self.saved = {}, "", ""
        self.acting_step = step if step in STEPS else ""

    @rx.event
    def close_step(self):
        self.acting_step, self.errors, self.step_error = "", {}, ""

    @rx.event
    def submit_step(self, form_data: dict):
        step = self.acting_step
        if not step:
            return None
        rid = page_referral_id(self)
        data = {"step": step, "version": form_data.get("version", "")} | {
            name: form_data[name] for name in STEP_FIELDS if name in form_data
        }
        self.errors, self.step_error, self.saved, self.page_error = {}, "", "", ""
        try:
            taken = self.call(lambda session, actor: referrals.take_step(session, actor, rid, data).kind)
        except ValidationFailed as exc:
            messages = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}
            self.errors = {f: m for f, m in messages.items() if f in STEP_FIELDS}
            self.step_error = next((m for f, m in messages.items() if f not in STEP_FIELDS), "")
            return None
        except StaleVersion as exc:
            redirect = self._read()
            self.step_error = self.stale_message(exc, "referral_page.field.{}")
            return redirect
        except DomainError as exc:
            self.acting_step = ""
            return self.failure(exc)
        self.acting_step = ""
        self.saved = self.tr("referral_page.done", step=step_text(self, taken, step))
        return self._read()
