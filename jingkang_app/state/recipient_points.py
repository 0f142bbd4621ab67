"""The recipient page's 积分 panel (DOMAIN.md §3.8, §3.11): the balance and latest ledger lines for those who may
read the recipient's ledger (services.points.recipient_ledger decides; nothing is shown to others), and 「兑换」
for coordinators, which services.points.redeem authorises again. Loaded on the page's on_load, after the page."""

import uuid

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Action, Actor, may_ever
from jingkang_app.domain.services import points
from jingkang_app.domain.services.points import Ledger, LedgerLine
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.recipient_timeline import page_recipient_id

LEDGER_LINES = 10
REDEEM_FIELDS = ("points", "redemption")


class RecipientPointsState(AppState):
    # Whether the panel shows at all: only once the service let this user read the ledger.
    visible: bool = False
    can_redeem: bool = False
    balance: str = "0"
    lines: list[dict[str, str]] = []
    # A fresh id per opened form (page view, and after each redemption): a double tap redeems once.
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""

    def _line(self, line: LedgerLine) -> dict[str, str]:
        day = local_time(line.created_at)[:10]
        if line.source == "rehab_session":
            when = line.service_date.isoformat() if line.service_date else day
            what = self.tr("recipient.points.from_rehab", date=when)
        elif line.source == "redemption":
            what = self.tr("coord.ledger_redemption", what=line.redemption)
        else:
            what = self.tr(f"points.source.{line.source}")
        return {
            "id": str(line.id),
            "points": f"{line.points:+d}",
            "what": what,
            "meta": self.tr("recipient.points.line_meta", date=day, name=line.recorded_by),
            "color": "green" if line.points > 0 else "red",
        }

    def _show(self, ledger: Ledger) -> None:
        self.balance = str(ledger.balance)
        self.lines = [self._line(line) for line in ledger.lines]

    def _read(self, session: Session, actor: Actor) -> bool:
        """Shows the ledger (built here, while the service's session is open); whether the user may redeem."""
        self._show(points.recipient_ledger(session, actor, page_recipient_id(self), LEDGER_LINES))
        return may_ever(actor, Action.volunteer_manage)

    @rx.event
    def load(self):
        self.visible, self.can_redeem, self.balance, self.lines = False, False, "0", []
        self.errors, self.saved = {}, ""
        self.client_id = str(uuid.uuid4())
        try:
            self.can_redeem = self.call(self._read)
        except DomainError:
            # Not for this user (or the page itself is refused, which the page's own load shows): no panel.
            self.balance, self.lines = "0", []
            return None
        self.visible = True
        return None

    @rx.event
    def redeem(self, form_data: dict):
        """「兑换」: points for what was given; more than the balance is refused beside the points."""
        self.errors, self.saved = {}, ""
        data = {name: form_data.get(name, "") for name in REDEEM_FIELDS} | {
            "client_id": form_data.get("client_id") or self.client_id,
            "recipient_id": page_recipient_id(self),
        }

        def run(session: Session, actor: Actor) -> str:
            done = points.redeem(session, actor, data)
            self._show(points.recipient_ledger(session, actor, data["recipient_id"], LEDGER_LINES))
            return self.tr("coord.redeemed", points=-done.line.points, balance=done.balance)

        try:
            saved = self.call(run)
        except ValidationFailed as exc:
            messages = {name: self.tr(e.key, **e.params) for name, e in exc.errors.items()}
            self.errors = {
                name if name in REDEEM_FIELDS else "redeem_form": m for name, m in messages.items()
            }
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.saved = saved
        self.client_id = str(uuid.uuid4())
        return None
