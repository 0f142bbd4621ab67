"""The referral list, /referrals (转介): three tabs — 在办, 逾期 (open with a late deadline step), 已结案·已退回 — each
with its count, narrowed by kind, newest first and paged. Thin over services.referral_queue, which decides which
referrals the reader reaches (their area's, those sent to it, their care team's; a family its relative's) and
masks identity numbers; a card opens the referral's page."""

from enum import StrEnum

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.referrals import ReferralKind
from jingkang_app.domain.services import referral_queue
from jingkang_app.domain.services.referral_queue import ENDED, OPEN, ReferralRow
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState
from jingkang_app.state.referral_wording import day, holders_text, kind_text, late_text, status_text


class ReferralTab(StrEnum):
    open = "open"  # 在办
    late = "late"  # 逾期: open, with a late deadline step
    ended = "ended"  # 已结案·已退回


# Each tab's filters (referral_queue.referral_list's arguments).
TABS: dict[str, dict] = {
    ReferralTab.open: {"statuses": OPEN},
    ReferralTab.late: {"statuses": OPEN, "late_only": True},
    ReferralTab.ended: {"statuses": ENDED},
}
KINDS = tuple(k.value for k in ReferralKind)


class ReferralListState(PagedListState, AppState):
    allowed: bool = False
    # The chosen tab (named ``status`` like a work queue's, for components.queue_page's tabs).
    status: str = "open"
    kind: str = ""  # "" for every kind
    counts: dict[str, str] = {}
    cards: list[dict[str, str]] = []

    def _card(self, row: ReferralRow) -> dict[str, str]:
        tr = self.tr
        return {
            "id": str(row.id),
            "href": f"/referrals/{row.id}",
            "name": row.recipient_name,
            "id_masked": row.id_masked,
            "village": row.village,
            "kind": kind_text(self, row.kind),
            "status": status_text(self, row.status),
            "status_code": row.status,
            "receiver": tr("referral_page.receiver_line", receiver=row.receiver) if row.receiver else "",
            "applied": tr("referral_page.applied_line", date=day(row.applied_on)) if row.applied_on else "",
            "register_by": tr("referral_page.register_by_line", date=day(row.register_by))
            if row.register_by
            else "",
            "refer_by": tr("referral_page.refer_by_line", date=day(row.refer_by)) if row.refer_by else "",
            "late": late_text(self, row.kind, row.late_step) if row.late else "",
            "holders": tr("referral_page.holders_line", roles=holders_text(self, row.holders)),
        }

    def _read(self, session: Session, actor: Actor):
        kind = self.kind or None
        rows, total = referral_queue.referral_list(
            session, actor, kind=kind, offset=self.offset, limit=PAGE_SIZE, **TABS[self.status]
        )
        counts = {
            tab: total
            if tab == self.status
            else referral_queue.referral_count(session, actor, kind=kind, **filters)
            for tab, filters in TABS.items()
        }
        return [self._card(row) for row in rows], total, counts

    def _fetch(self):
        result, redirect = self.guard(self._read)
        self.allowed = result is not None
        self.cards, self.total, counts = result or ([], 0, {})
        self.counts = {str(tab): str(n) for tab, n in counts.items()}
        return redirect

    @rx.event
    def load(self):
        """``?tab=late`` (the overview's card) and ``?kind=`` choose where the list opens."""
        query = self.router.url.query_parameters
        self.status = query.get("tab", "") if query.get("tab", "") in TABS else "open"
        self.kind = query.get("kind", "") if query.get("kind", "") in KINDS else ""
        self.offset = 0
        return self._fetch()

    @rx.event
    def show(self, tab: str):
        if tab in TABS:
            self.status, self.offset = tab, 0
        return self._fetch()

    @rx.event
    def choose_kind(self, kind: str):
        self.kind = kind if kind in KINDS else ""
        self.offset = 0
        return self._fetch()
