"""通知 page: thin over services.notifications. Opening the page marks nothing read: a notice about an alert is
work still to do, and the bell should keep counting it until the user opens that notice or clears them all."""

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import notifications
from jingkang_app.state.base import AppState, local_time


class NotificationsState(AppState):
    items: list[dict[str, str]] = []
    saved: str = ""

    def _item(self, view: notifications.NotificationView) -> dict[str, str]:
        return {
            "id": str(view.id),
            "text": self.tr(f"notice.{view.kind}", **view.params),
            "link": view.link,
            "time": local_time(view.created_at),
            "unread": "" if view.read else "1",
        }

    def _refresh(self, change: Callable[[Session, Actor], object] | None = None) -> tuple[bool, object]:
        """Reads the notices and the unread count, after ``change`` in the same call; (done, event to return)."""

        def read(session, actor):
            if change is not None:
                change(session, actor)
            return notifications.list_notifications(session, actor), notifications.unread_count(
                session, actor
            )

        result, redirect = self.guard(read)
        if result is not None:
            views, self.unread = result
            self.items = [self._item(view) for view in views]
        return result is not None, redirect

    @rx.event
    def load(self):
        self.saved = ""
        return self._refresh()[1]

    @rx.event
    def open_notice(self, notification_id: str):
        """Sent as the user follows a notice's link: that one notice is read."""
        return self._refresh(lambda session, actor: notifications.mark_read(session, actor, notification_id))[
            1
        ]

    @rx.event
    def mark_all_read(self):
        done, redirect = self._refresh(notifications.mark_all_read)
        self.saved = self.tr("notice.all_read") if done else ""
        return redirect
