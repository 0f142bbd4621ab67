"""监护补贴 on the family's home: this year's application and where it stands (checks passed, the payment), and
applying with one tap. Thin over services.subsidy, which decides who may apply (the guardian) and what is due."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.rules.subsidy import SubsidyStatus
from jingkang_app.domain.services import subsidy
from jingkang_app.state.base import AppState
from jingkang_app.state.family import RelativeState


class FamilySubsidyState(RelativeState, AppState):
    # Empty when the caregiver may not apply (not the guardian's account); then the card is not shown.
    shown: bool = False
    year: str = ""
    lines: list[str] = []
    status: str = ""
    status_code: str = ""
    can_apply: bool = False
    apply_label: str = ""
    client_id: str = ""
    error: str = ""

    def _lines(self, view: subsidy.SubsidyView) -> list[str]:
        s, lines = view.subsidy, []
        if s.status == SubsidyStatus.rejected:
            lines.append(self.tr("subsidy.family.rejected", reason=s.decision_reason))
        if s.guardian_monthly_yuan is not None:
            lines.append(
                self.tr("subsidy.family.monthly", amount=s.guardian_monthly_yuan + (s.care_monthly_yuan or 0))
            )
        passed = [str(c.quarter) for c in view.checks if c.passed]
        if passed:
            lines.append(self.tr("subsidy.family.quarters", quarters="、".join(passed)))
        failed = [c for c in view.checks if not c.passed]
        lines += [self.tr("subsidy.family.failed", quarter=c.quarter, note=c.note) for c in failed]
        if view.payment and view.payment.withheld:
            lines.append(self.tr("subsidy.withheld_incident", date=view.payment.incident_on.isoformat()))
        elif view.payment:
            lines.append(
                self.tr(
                    "subsidy.family.paid",
                    amount=view.payment.amount_yuan,
                    on=view.payment.paid_on.isoformat(),
                )
            )
        return lines

    def _read(self, session: Session, actor: Actor):
        rid = self._relative(session, actor)
        if rid is None or not may_ever(actor, Action.subsidy_apply):
            return None
        year = clock.today().year
        this_year = next(
            (v for v in subsidy.subsidies_of(session, actor, rid) if v.subsidy.year == year), None
        )
        if this_year is None:
            return year, None, "", []
        return (
            year,
            this_year.subsidy.status,
            self.tr(f"subsidy.status.{this_year.subsidy.status}"),
            self._lines(this_year),
        )

    def _refresh(self):
        result, redirect = self.guard(self._read)
        self.shown = result is not None
        if result is not None:
            year, code, self.status, self.lines = result
            self.year, self.status_code, self.can_apply = str(year), code or "", code is None
            self.apply_label = self.tr("subsidy.family.apply", year=year)
        return redirect

    @rx.event
    def load(self):
        self.client_id, self.error = str(uuid.uuid4()), ""
        return self._refresh()

    @rx.event
    def apply(self):
        data = {"client_id": self.client_id, "recipient_id": self.rid, "year": self.year}
        self.error = ""
        try:
            self.call(lambda session, actor: subsidy.apply(session, actor, data))
        except ValidationFailed as exc:
            self.error = next(self.tr(e.key, **e.params) for e in exc.errors.values())
            return None
        except DomainError as exc:
            return self.failure(exc)
        return self._refresh()
