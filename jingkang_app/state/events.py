"""家属培训/互助小组: the upcoming events a user may see, and the organiser's 「发布活动」 form. Thin over
services.event_views and services.events, which decide who sees which event and who may publish."""

import uuid

import reflex as rx

from jingkang_app.domain import clock
from jingkang_app.domain.errors import DomainError, ValidationFailed
from jingkang_app.domain.permissions import Action, may_ever
from jingkang_app.domain.rules.events import SignUpStatus
from jingkang_app.domain.services import event_views, events
from jingkang_app.domain.services.event_views import EventView, SignUpView
from jingkang_app.state.base import AppState, local_time

PUBLISH_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "capacity", "notes")


def when_text(state: AppState, view: EventView) -> str:
    """「2026-11-30（周一）14:00 至 16:00」 in Shanghai time; both dates in full when it runs past midnight."""
    start, end = (moment.astimezone(clock.LOCAL_TZ) for moment in (view.starts_at, view.ends_at))
    if start.date() != end.date():
        return state.tr("event.when_days", start=local_time(view.starts_at), end=local_time(view.ends_at))
    return state.tr(
        "event.when",
        date=start.date().isoformat(),
        weekday=state.tr(f"event.weekday.{start.weekday()}"),
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
    )


def position_text(state: AppState, sign_up: SignUpView | None) -> str:
    """The caller's own place: 「已报名」, 「候补第 N 位」, or nothing."""
    if sign_up is None:
        return ""
    if sign_up.status == SignUpStatus.waiting:
        return state.tr("event.position", position=sign_up.position)
    return state.tr(f"sign_up_status.{sign_up.status}")


def event_card(state: AppState, view: EventView) -> dict[str, str]:
    """An event as its card shows it; a family sees counts and its own status, never who else comes."""
    return {
        "id": str(view.id),
        "version": str(view.version),
        "kind": state.tr(f"event_kind.{view.kind}"),
        "kind_code": view.kind,
        "title": view.title,
        "when": when_text(state, view),
        "place": view.place,
        "notes": view.notes,
        "open_to": state.tr("event.open_to", area=view.area_name),
        "seats": state.tr("event.seats", left=view.seats_left, capacity=view.capacity)
        if view.seats_left
        else state.tr("event.full", capacity=view.capacity),
        "waiting": state.tr("event.waiting", count=view.waiting) if view.waiting else "",
        "mine": position_text(state, view.mine),
    }


def field_messages(
    state: AppState, exc: ValidationFailed, shown: tuple[str, ...], other: str
) -> dict[str, str]:
    """Each refusal beside the field it names; one about a field the form does not show goes under ``other``."""
    messages: dict[str, str] = {}
    for name, error in exc.errors.items():
        messages.setdefault(name if name in shown else other, state.tr(error.key, **error.params))
    return messages


class EventListState(AppState):
    allowed: bool = False
    cards: list[dict[str, str]] = []
    # The 「发布活动」 form: only for users who may publish somewhere (the service checks the area again).
    can_publish: bool = False
    form_open: bool = False
    client_id: str = ""
    errors: dict[str, str] = {}
    saved: str = ""

    def _fetch(self):
        result, redirect = self.guard(
            lambda session, actor: (
                [event_card(self, view) for view in event_views.upcoming_events(session, actor)],
                may_ever(actor, Action.event_publish),
            )
        )
        self.allowed = result is not None
        self.cards, self.can_publish = result or ([], False)
        return redirect

    @rx.event
    def load(self):
        self.form_open, self.errors, self.saved = False, {}, ""
        return self._fetch()

    @rx.event
    def open_form(self):
        # A fresh id per opened form: a double tap, or a reply lost and sent again, stores one event.
        self.form_open, self.client_id, self.errors, self.saved = True, str(uuid.uuid4()), {}, ""

    @rx.event
    def close_form(self):
        self.form_open, self.errors = False, {}

    @rx.event
    def publish(self, form_data: dict):
        data = {name: form_data.get(name, "") for name in PUBLISH_FIELDS}
        data["client_id"] = form_data.get("client_id") or self.client_id
        self.errors, self.saved, self.page_error = {}, "", ""
        try:
            title = self.call(lambda session, actor: events.publish_event(session, actor, data).event.title)
        except ValidationFailed as exc:
            self.errors = field_messages(self, exc, PUBLISH_FIELDS, "form")
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.form_open = False
        self.saved = self.tr("events.published", title=title)
        return self._fetch()
