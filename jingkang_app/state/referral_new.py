"""Starting a referral for a recipient, /referrals/new?rid=<recipient id> (from their page): the kinds the reader
may file, for a 精康转介 the routes they may file on, the reason, the receiving institution and the application
date; saved as a draft or submitted at once, then the referral's page. Thin over services.referral_filing (what
the form offers) and services.referrals.create_referral (which checks it all again); a client id per opened form
stores a double tap once."""

import uuid

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.rules.referrals import ReferralKind
from jingkang_app.domain.services import referral_filing, referrals
from jingkang_app.state.base import AppState

FIELDS = ("kind", "route", "reason", "receiver", "applied_on")


class ReferralNewState(AppState):
    allowed: bool = False
    recipient_id: str = ""
    recipient_name: str = ""
    kinds: list[str] = []
    routes: list[str] = []
    # The kind ticked: the route question is asked for a 精康转介 only.
    kind: str = ""
    today: str = ""
    client_id: str = ""
    errors: dict[str, str] = {}

    @rx.event
    def load(self):
        self.allowed, self.kinds, self.routes, self.kind, self.errors = False, [], [], "", {}
        self.recipient_id, self.recipient_name, self.today = "", "", ""
        self.client_id = str(uuid.uuid4())
        wanted = self.router.url.query_parameters.get("rid", "")
        found, redirect = self.guard(
            lambda session, actor: referral_filing.filing_choices(session, actor, wanted)
        )
        if found is None:
            return redirect
        self.recipient_id, self.recipient_name = str(found.recipient_id), found.recipient_name
        self.kinds, self.routes, self.today = found.kinds, found.routes, found.today.isoformat()
        self.kind = found.kinds[0] if len(found.kinds) == 1 else ""
        self.allowed = True
        return None

    @rx.event
    def choose_kind(self, kind: str):
        self.kind = kind if kind in self.kinds else ""

    @rx.event
    def submit(self, form_data: dict):
        """``submit_now`` "1" files it at once (提交); anything else keeps it a draft (保存草稿)."""
        if not self.allowed:
            return None
        data = {name: form_data.get(name, "") for name in FIELDS} | {
            "client_id": str(form_data.get("client_id") or self.client_id),
            "recipient_id": self.recipient_id,
            "submit": form_data.get("submit_now") == "1",
        }
        if data["kind"] != ReferralKind.rehab:
            data.pop("route")
        self.errors, self.page_error = {}, ""
        try:
            referral_id = self.call(
                lambda session, actor: referrals.create_referral(session, actor, data).referral.id
            )
        except ValidationFailed as exc:
            # No re-key: the uncontrolled inputs keep what was typed.
            self.errors = {field: self.tr(e.key, **e.params) for field, e in exc.errors.items()}
            return None
        except DomainError as exc:
            return self.failure(exc)
        return rx.redirect(f"/referrals/{referral_id}")
