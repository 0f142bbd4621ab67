"""The steps of the 监护补贴 work page, each a call to its service that returns what to tell the user. They read
the stored rows inside the call: the rows expire once the session closes. Only the form's own fields are passed on."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from jingkang_app.domain.permissions import Action, Actor
from jingkang_app.domain.rules.subsidy import CHECK_DUTIES
from jingkang_app.domain.services import subsidy, subsidy_year


@dataclass(frozen=True)
class StepInput:
    subsidy_id: str
    form: dict
    name: str  # the recipient's name as the card shows it, for the confirmation
    tr: Callable[..., str]

    def pick(self, *names: str) -> dict:
        return {name: self.form.get(name, "") for name in names}


Step = Callable[[Session, Actor, StepInput], str]


def approve(session: Session, actor: Actor, step: StepInput) -> str:
    """The service fixes the class and the monthly amounts: the coordinator is told the rate it chose."""
    decided = subsidy.approve(session, actor, step.subsidy_id, step.pick("version", "reason"))
    return step.tr(
        "subsidy.done.approve",
        name=step.name,
        risk_class=step.tr(f"subsidy.class.{decided.risk_class}"),
        monthly=decided.guardian_monthly_yuan + decided.care_monthly_yuan,
    )


def reject(session: Session, actor: Actor, step: StepInput) -> str:
    subsidy.reject(session, actor, step.subsidy_id, step.pick("version", "reason"))
    return step.tr("subsidy.done.reject", name=step.name)


def check(session: Session, actor: Actor, step: StepInput) -> str:
    data = step.pick("client_id", "quarter", "passed", "note", *CHECK_DUTIES)
    stored = subsidy_year.record_check(session, actor, step.subsidy_id, data).check
    verdict = step.tr("subsidy.verdict.yes" if stored.passed else "subsidy.verdict.no")
    return step.tr("subsidy.done.check", name=step.name, quarter=stored.quarter, verdict=verdict)


def pay(session: Session, actor: Actor, step: StepInput) -> str:
    """The amount the service worked out and stored (0 when the year had 肇事肇祸), as it stored it."""
    data = step.pick("client_id", "version", "paid_on", "note")
    payment = subsidy_year.record_payment(session, actor, step.subsidy_id, data).payment
    if payment.withheld:
        return step.tr(
            "subsidy.done.withheld", name=step.name, year=payment.year, date=payment.incident_on.isoformat()
        )
    return step.tr(
        "subsidy.done.paid",
        name=step.name,
        year=payment.year,
        months=payment.months,
        monthly=payment.monthly_yuan,
        amount=payment.amount_yuan,
        paid_on=payment.paid_on.isoformat(),
    )


STEPS: dict[str, Step] = {"approve": approve, "reject": reject, "check": check, "pay": pay}
# The action each step needs, for which buttons a card shows (the services decide each call).
STEP_ACTIONS: dict[str, Action] = {
    "approve": Action.subsidy_decide,
    "reject": Action.subsidy_decide,
    "pay": Action.subsidy_pay,
    "check": Action.subsidy_check,
}
# The fields each step's form shows: the service's errors for them go beside the field, any other on the card.
FORM_FIELDS: dict[str, frozenset[str]] = {
    "approve": frozenset({"reason"}),
    "reject": frozenset({"reason"}),
    "check": frozenset({"quarter", "passed", "note"}),
    "pay": frozenset({"paid_on", "note"}),
}
