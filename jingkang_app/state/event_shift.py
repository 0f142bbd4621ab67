"""「生成志愿者班次」 on an event's page, /events/<id>: a coordinator makes the 活动协助 shift for it in one tap
(services.shift_sources.shift_from_event fills in its times, place and helpers) and lands on the shift's page."""

import reflex as rx

from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.services import shift_sources
from jingkang_app.state.base import AppState
from jingkang_app.state.coordination import path_id


class EventShiftState(AppState):
    # Why the shift was not made (the event has started, was cancelled …), shown under the button.
    error: str = ""

    @rx.event
    def make(self, client_id: str):
        """``client_id``: the event page's, fresh per page view, so a double tap makes one shift."""
        data = {"client_id": client_id, "event_id": path_id(self)}
        self.error = ""
        try:
            shift_id = self.call(
                lambda session, actor: shift_sources.shift_from_event(session, actor, data).shift.id
            )
        except ValidationFailed as exc:
            self.error = "".join(self.tr(e.key, **e.params) for e in list(exc.errors.values())[:1])
            return None
        except DomainError as exc:
            return self.failure(exc)
        return rx.redirect(f"/shifts/{shift_id}")
