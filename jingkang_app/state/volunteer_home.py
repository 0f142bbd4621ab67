"""我的服务, /volunteer: the volunteer's landing page. While a registration waits (or after a pause or a rejection)
their standing in plain words; once approved their shifts ahead with 签到/签退 when the server says they may,
verified hours, points and certificates (services.volunteer_home.my_summary), and 「我的信息」. Check-in and
check-out take the server's time (services.service_records), which the page then shows."""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, NotFound, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteers import SignUpStatus
from jingkang_app.domain.services import service_records, volunteer_home, volunteer_views
from jingkang_app.domain.services.certificates import CertificateView
from jingkang_app.domain.services.points import LedgerLine
from jingkang_app.domain.services.volunteer_home import UpcomingShift, VolunteerHome
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.coordination import duration_text
from jingkang_app.state.volunteer_cards import shift_facts, status_line
from jingkang_app.state.volunteer_profile import VolunteerProfileForm


class VolunteerHomeState(VolunteerProfileForm, AppState):
    loaded: bool = False
    is_volunteer: bool = False
    status_text: str = ""  # "" while 在册
    number_line: str = ""
    has_summary: bool = False
    shifts: list[dict[str, str]] = []
    hours_year_label: str = ""
    hours_year: str = ""
    hours_total: str = ""
    points: str = ""
    ledger: list[dict[str, str]] = []
    certificates: list[dict[str, str]] = []
    saved: str = ""
    card_error: str = ""
    error_for: str = ""

    def _shift(self, shift: UpcomingShift, checked_in_at: str) -> dict[str, str]:
        waiting = shift.status == SignUpStatus.signed_up and not shift.may_check_in
        return shift_facts(self, shift) | {
            "id": str(shift.sign_up_id),
            "status": self.tr(f"shift_sign_up_status.{shift.status}"),
            "status_code": shift.status,
            "may_check_in": "1" if shift.may_check_in else "",
            "may_check_out": "1" if shift.may_check_out else "",
            "invited": "1" if shift.status == SignUpStatus.invited else "",
            "note": self.tr("volunteer_page.check_in_later") if waiting else "",
            "checked_in": self.tr("volunteer_page.checked_in_at", time=checked_in_at)
            if checked_in_at
            else "",
        }

    def _line(self, line: LedgerLine) -> dict[str, str]:
        if line.source == "shift" and line.shift_kind:
            what = self.tr("volunteer_page.ledger_shift", kind=self.tr(f"shift_kind.{line.shift_kind}"))
        elif line.source == "redemption":
            what = self.tr("volunteer_page.ledger_redemption", what=line.redemption)
        else:
            what = self.tr(f"points.source.{line.source}")
        return {
            "id": str(line.id),
            "when": local_time(line.created_at)[:10],
            "what": what,
            "points": f"{line.points:+d}",
            "negative": "1" if line.points < 0 else "",
        }

    def _certificate(self, view: CertificateView) -> dict[str, str]:
        period = self.tr(
            "volunteer_page.period", start=view.period_start.isoformat(), end=view.period_end.isoformat()
        )
        return {
            "id": str(view.id),
            "code": view.code,
            "line": self.tr(
                "volunteer_page.certificate_line", period=period, hours=duration_text(self, view.minutes)
            ),
        }

    def _show_summary(self, home: VolunteerHome | None, checked_in: dict[int, str]) -> None:
        self.has_summary = home is not None
        if home is None:
            self.shifts, self.ledger, self.certificates = [], [], []
            self.hours_year_label = self.hours_year = self.hours_total = self.points = ""
            return
        self.shifts = [self._shift(s, checked_in.get(s.sign_up_id, "")) for s in home.upcoming]
        self.hours_year_label = self.tr("volunteer_home.hours_year", year=home.year)
        self.hours_year = duration_text(self, home.minutes_this_year)
        self.hours_total = duration_text(self, home.minutes_total)
        self.points = str(home.points)
        self.ledger = [self._line(line) for line in home.recent_points]
        self.certificates = [self._certificate(c) for c in home.certificates]

    def _read(self, session: Session, actor: Actor):
        """(profile or None when the caller is no volunteer, summary or None before approval, the check-in
        times of shifts under way) — all plain views, safe once the session closes."""
        try:
            profile = volunteer_views.my_profile(session, actor)
        except NotFound:
            return None, None, {}
        if not profile.volunteer_no:  # never approved: no volunteer role, nothing served yet
            return profile, None, {}
        home = volunteer_home.my_summary(session, actor)
        checked_in = {
            s.sign_up_id: local_time(service_records.service_record(session, actor, s.sign_up_id).check_in_at)
            for s in home.upcoming
            if s.status == SignUpStatus.checked_in
        }
        return profile, home, checked_in

    def _fetch(self):
        result, redirect = self.guard(self._read)
        profile, home, checked_in = result or (None, None, {})
        self.loaded = result is not None
        self.is_volunteer = profile is not None
        self.status_text = status_line(self, profile) if profile else ""
        number = profile.volunteer_no if profile else ""
        self.number_line = self.tr("volunteer_page.volunteer_no", number=number) if number else ""
        self._show_profile(profile)
        self._show_summary(home, checked_in)
        return redirect

    @rx.event
    def load(self):
        self.saved, self.card_error, self.error_for = "", "", ""
        self.profile_errors, self.profile_saved = {}, ""
        return self._fetch()

    def _clock(self, sign_up_id: str, step: Callable, done_key: str, moment: str):
        """签到 or 签退 on one of the caller's shifts (the service checks whose it is and when): the server's
        time shows once recorded; a refusal shows on the shift's card."""
        self.saved, self.card_error, self.error_for, self.page_error = "", "", "", ""
        try:
            record = self.call(lambda session, actor: step(session, actor, sign_up_id, {}))
        except ValidationFailed as exc:
            redirect = self._fetch()
            self.error_for = str(sign_up_id)
            self.card_error = next(self.tr(e.key, **e.params) for e in exc.errors.values())
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.saved = self.tr(done_key, time=local_time(getattr(record, moment)))
        return self._fetch()

    @rx.event
    def check_in(self, sign_up_id: str):
        return self._clock(
            sign_up_id, service_records.check_in, "volunteer_page.checked_in_done", "check_in_at"
        )

    @rx.event
    def check_out(self, sign_up_id: str):
        return self._clock(
            sign_up_id, service_records.check_out, "volunteer_page.checked_out_done", "check_out_at"
        )
