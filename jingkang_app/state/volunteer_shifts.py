"""志愿岗位, /shifts: the open shifts a volunteer may take, in the least view (services.shift_offers), each with what
they can do about it — 报名, what they still lack, their own place with 取消报名 until the cancel deadline, or an
invitation to accept or decline. The services decide every step (services.shift_sign_ups, sign_up_changes); a
refusal shows on the shift's card."""

import uuid
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, NotFound, StaleVersion, ValidationFailed
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules.volunteer_shifts import local_day
from jingkang_app.domain.rules.volunteers import SignUpStatus, VolunteerStatus
from jingkang_app.domain.services import shift_offers, shift_sign_ups, sign_up_changes, volunteer_views
from jingkang_app.domain.services.shift_offers import VolunteerShiftView
from jingkang_app.state.base import AppState, local_time
from jingkang_app.state.volunteer_cards import shift_facts, status_line


class ShiftOffersState(AppState):
    loaded: bool = False
    is_volunteer: bool = False
    status_text: str = ""  # why none are offered: not yet approved, paused …
    cards: list[dict[str, str]] = []
    saved: str = ""
    card_error: str = ""
    error_for: str = ""  # the shift whose card shows card_error

    def _lacks(self, view: VolunteerShiftView) -> str:
        lines = []
        if "insurance" in view.unmet:
            until = local_day(view.ends_at).isoformat()
            lines.append(self.tr("volunteer_page.needs_insurance", until=until))
        if "training" in view.unmet and view.needs_training:
            training = self.tr(f"training.{view.needs_training}")
            lines.append(self.tr("volunteer_page.needs_training", training=training))
        return "；".join(lines) if self.lang != "en" else "; ".join(lines)

    def _card(self, view: VolunteerShiftView) -> dict[str, str]:
        mine = view.mine
        if mine is not None and mine.status == SignUpStatus.invited:
            action = "invited"
        elif mine is not None:
            action = "mine"
        elif not view.qualifies:
            action = "lacks"
        else:
            action = "sign_up" if view.seats_left else "full"
        may_cancel = mine is not None and clock.now() < mine.cancel_until
        deadline = local_time(mine.cancel_until) if mine else ""
        return shift_facts(self, view) | {
            "id": str(view.id),
            # A fresh id per card as drawn: a double tap on 报名 sends the same one, and is stored once.
            "client_id": str(uuid.uuid4()),
            "seats": self.tr("shift.seats_left", left=view.seats_left)
            if view.seats_left
            else self.tr("volunteer_page.no_seats"),
            "action": action,
            "lacks": self._lacks(view),
            "mine_id": str(mine.id) if mine else "",
            "mine_version": str(mine.version) if mine else "",
            "mine_status": self.tr(f"shift_sign_up_status.{mine.status}") if mine else "",
            "may_cancel": "1" if action == "mine" and may_cancel else "",
            "cancel_line": self.tr(
                "volunteer_page.cancel_until" if may_cancel else "volunteer_page.cancel_closed", time=deadline
            )
            if action == "mine"
            else "",
        }

    def _read(self, session: Session, actor: Actor):
        """(profile or None when the caller is no volunteer, the shifts offered) — plain views."""
        try:
            profile = volunteer_views.my_profile(session, actor)
        except NotFound:
            return None, []
        if profile.status != VolunteerStatus.active:
            return profile, []
        return profile, shift_offers.offered_shifts(session, actor)

    def _fetch(self):
        result, redirect = self.guard(self._read)
        profile, offered = result or (None, [])
        self.loaded = result is not None
        self.is_volunteer = profile is not None
        self.status_text = status_line(self, profile) if profile else ""
        self.cards = [self._card(view) for view in offered]
        return redirect

    @rx.event
    def load(self):
        self.saved, self.card_error, self.error_for = "", "", ""
        return self._fetch()

    def _act(self, shift_id: str, fn: Callable[[Session, Actor], object], done_key: str):
        self.saved, self.card_error, self.error_for, self.page_error = "", "", "", ""
        try:
            self.call(fn)
        except (ValidationFailed, StaleVersion) as exc:
            redirect = self._fetch()
            self.error_for = str(shift_id)
            if isinstance(exc, StaleVersion):
                self.card_error = self.tr(exc.key)
            else:
                self.card_error = next(self.tr(e.key, **e.params) for e in exc.errors.values())
            return redirect
        except DomainError as exc:
            return self.failure(exc)
        self.saved = self.tr(done_key)
        return self._fetch()

    @rx.event
    def sign_up(self, shift_id: str, client_id: str):
        data = {"client_id": client_id}
        return self._act(
            shift_id,
            lambda session, actor: shift_sign_ups.sign_up(session, actor, shift_id, data),
            "volunteer_page.signed_up_done",
        )

    @rx.event
    def cancel(self, shift_id: str, sign_up_id: str, version: str):
        return self._act(
            shift_id,
            lambda session, actor: sign_up_changes.cancel_sign_up(
                session, actor, sign_up_id, {"version": version}
            ),
            "volunteer_page.cancelled_done",
        )

    @rx.event
    def accept(self, shift_id: str, sign_up_id: str, version: str):
        return self._act(
            shift_id,
            lambda session, actor: sign_up_changes.accept(session, actor, sign_up_id, {"version": version}),
            "volunteer_page.accepted_done",
        )

    @rx.event
    def decline(self, shift_id: str, sign_up_id: str, version: str):
        return self._act(
            shift_id,
            lambda session, actor: sign_up_changes.decline(session, actor, sign_up_id, {"version": version}),
            "volunteer_page.declined_done",
        )
