"""One volunteer for a coordinator, /volunteers/<id>: the record in full (the read is audited), what they offer and
the trainings done (the coordinator keeps those up to date), their points ledger with 「兑换」, and their
certificates with 「开具志愿服务证明」. Thin over services.volunteer_views, volunteers, points and certificates,
which authorise every call and refuse an overdraw."""

import uuid
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import certificates, points, volunteer_views, volunteers
from jingkang_app.domain.services.certificates import CertificateView
from jingkang_app.domain.services.points import LedgerLine
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.coordination import PROFILE_FIELDS, duration_text, path_id, profile_data, ticked
from jingkang_app.state.volunteer_registry import volunteer_card

REDEEM_FIELDS = ("points", "redemption")
CERTIFICATE_FIELDS = ("period_start", "period_end")
SHOWN = frozenset({*REDEEM_FIELDS, *CERTIFICATE_FIELDS, *PROFILE_FIELDS})
CERTIFICATE_PAGE = "/volunteer/certificates/{}"


class VolunteerDetailState(AppState):
    found: bool = False
    volunteer: dict[str, str] = {}
    # The profile's ticked checkbox names, for the edit form's defaults.
    chosen: list[str] = []
    balance: str = "0"
    lines: list[dict[str, str]] = []
    certificates: list[dict[str, str]] = []
    # The certificate just issued, linked beside the confirmation.
    issued_href: str = ""
    editing: bool = False
    # A fresh id per page view and after each change: a double tap redeems or issues once.
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""

    def _line(self, line: LedgerLine) -> dict[str, str]:
        if line.source == "shift":
            what = self.tr("coord.ledger_shift", kind=self.tr(f"shift_kind.{line.shift_kind}"))
            what += " · " + local_time(line.shift_starts_at)
        elif line.source == "redemption":
            what = self.tr("coord.ledger_redemption", what=line.redemption)
        else:
            what = self.tr(f"points.source.{line.source}")
        return {
            "id": str(line.id),
            "when": local_time(line.created_at),
            "points": f"{line.points:+d}",
            "what": what,
            "by": self.tr("coord.recorded_by", name=line.recorded_by),
            "shift_href": f"/shifts/{line.shift_id}" if line.shift_id else "",
        }

    def _certificate(self, view: CertificateView) -> dict[str, str]:
        return {
            "id": str(view.id),
            "code": view.code,
            "period": self.tr(
                "coord.certificate_period",
                start=view.period_start.isoformat(),
                end=view.period_end.isoformat(),
            ),
            "hours": duration_text(self, view.minutes),
            "issued": self.tr("coord.certificate_issued_on", date=view.issued_on.isoformat()),
            "href": CERTIFICATE_PAGE.format(view.id),
        }

    def _read(self, session: Session, actor: Actor):
        volunteer_id = path_id(self)
        view = volunteer_views.volunteer_detail(session, actor, volunteer_id)
        ledger = points.volunteer_ledger(session, actor, volunteer_id)
        issued = certificates.certificates_of(session, actor, volunteer_id)
        card = volunteer_card(self, view) | {
            "id_type": self.tr(f"id_type.{view.id_type}") if view.id_type else "",
            "id_number": view.id_number,
        }
        chosen = ticked(view.skills, view.availability, view.trainings)
        return card, chosen, ledger.balance, [self._line(x) for x in ledger.lines], issued

    def _fetch(self):
        result, redirect = self.guard(self._read)
        self.found = result is not None
        if result is None:
            self.volunteer, self.chosen, self.lines, self.certificates, self.balance = {}, [], [], [], "0"
            return redirect
        self.volunteer, self.chosen, balance, self.lines, issued = result
        self.balance = str(balance)
        self.certificates = [self._certificate(view) for view in issued]
        return None

    @rx.event
    def load(self):
        self.errors, self.saved, self.issued_href, self.editing = {}, "", "", False
        self.client_id = str(uuid.uuid4())
        return self._fetch()

    def _act(self, fn: Callable[[Session, Actor], str]):
        """Runs one change; refusals go beside their field (any other above the page), a stale version re-reads
        the volunteer and says what changed."""
        self.errors, self.saved, self.issued_href, self.page_error = {}, "", "", ""
        try:
            done = self.call(fn)
        except ValidationFailed as exc:
            messages = {name: self.tr(e.key, **e.params) for name, e in exc.errors.items()}
            self.errors = {name: m for name, m in messages.items() if name in SHOWN}
            self.page_error = next((m for name, m in messages.items() if name not in SHOWN), "")
            return None
        except StaleVersion as exc:
            redirect = self._fetch()
            self.page_error = self.stale_message(exc, "volunteer.{}")
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.saved, self.editing = done, False
        self.client_id = str(uuid.uuid4())
        return self._fetch()

    @rx.event
    def redeem(self, form_data: dict):
        """「兑换」: points for what was given; the service refuses more than the balance, beside the field."""
        data = {name: form_data.get(name, "") for name in REDEEM_FIELDS}
        data |= {"client_id": form_data.get("client_id") or self.client_id, "volunteer_id": path_id(self)}

        def run(session: Session, actor: Actor) -> str:
            done = points.redeem(session, actor, data)
            return self.tr("coord.redeemed", points=-done.line.points, balance=done.balance)

        return self._act(run)

    @rx.event
    def issue(self, form_data: dict):
        """「开具志愿服务证明」 for a period; the certificate's page is linked beside the confirmation."""
        data = {name: form_data.get(name, "") for name in CERTIFICATE_FIELDS}
        data |= {"client_id": form_data.get("client_id") or self.client_id, "volunteer_id": path_id(self)}
        issued: list[CertificateView] = []

        def run(session: Session, actor: Actor) -> str:
            issued.append(certificates.issue_certificate(session, actor, data).certificate)
            return self.tr("coord.certificate_done", code=issued[0].code)

        shown = self._act(run)
        if issued:
            self.issued_href = CERTIFICATE_PAGE.format(issued[0].id)
        return shown

    @rx.event
    def open_edit(self):
        self.editing, self.errors, self.saved = True, {}, ""

    @rx.event
    def close_edit(self):
        self.editing, self.errors = False, {}

    @rx.event
    def update(self, form_data: dict):
        """What they offer, their insurance and the trainings done, at the version read."""
        data = profile_data(form_data) | {"version": form_data.get("version", "")}

        def run(session: Session, actor: Actor) -> str:
            volunteers.update_volunteer(session, actor, path_id(self), data)
            return self.tr("coord.volunteer_updated")

        return self._act(run)
