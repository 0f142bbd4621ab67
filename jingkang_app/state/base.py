"""The base state every page state builds on: who is calling (resolved on the server from the session cookie
on every event), the interface language, and one way to call a domain service and show its errors."""

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlencode

import reflex as rx
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from jingkang_app.domain import clock
from jingkang_app.domain.db import session_scope
from jingkang_app.domain.errors import (
    DomainError,
    NotAuthenticated,
    SessionExpired,
    StaleVersion,
    ValidationFailed,
)
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.services import auth, notifications, users
from jingkang_app.i18n import DEFAULT_LANG, t
from jingkang_app.navigation import home_for, nav_for

T = TypeVar("T")

SESSION_COOKIE = "jk_session"
LANG_COOKIE = "jk_lang"


class DatabaseUnavailable(DomainError):
    key = "error.database_unavailable"


def local_time(moment: datetime) -> str:
    """A stored UTC time as the user reads it: Asia/Shanghai, to the minute."""
    return moment.astimezone(clock.LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


class AppState(rx.State):
    session_token: str = rx.Cookie(
        "", name=SESSION_COOKIE, max_age=int(auth.SESSION_ABSOLUTE.total_seconds()), same_site="strict"
    )
    lang: str = rx.Cookie(DEFAULT_LANG, name=LANG_COOKIE, max_age=365 * 24 * 3600)
    user_name: str = ""
    roles: list[str] = []
    nav_routes: list[str] = []
    # Unread notices for the bell in the top bar: counted when a signed-in page loads.
    unread: int = 0
    # A page-level refusal or failure (no permission, not found, database down), in the user's language.
    page_error: str = ""

    @rx.var
    def is_en(self) -> bool:
        return self.lang == "en"

    @rx.var
    def role_labels(self) -> list[str]:
        return [self.tr(f"role.{role}") for role in self.roles]

    @rx.var
    def signed_in(self) -> bool:
        return bool(self.user_name)

    @rx.var
    def unread_badge(self) -> str:
        return "99+" if self.unread > 99 else str(self.unread)

    @rx.var
    def bell_label(self) -> str:
        return self.tr("notice.bell", count=self.unread)

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def stale_message(self, exc: StaleVersion, label_key: str) -> str:
        """A stale-version refusal naming what changed meanwhile, each field by its label: ``label_key`` with the
        field's name in place of {}, e.g. "alerts.field.{}"."""
        changed = exc.params.get("changed") or []
        if not changed:
            return self.tr(exc.key)
        names = (", " if self.lang == "en" else "、").join(self.tr(label_key.format(n)) for n in changed)
        return self.tr("error.stale_version_changed", changed=names)

    def _client_ip(self) -> str | None:
        return self.router.session.client_ip or None

    def call(self, fn: Callable[[Session, Actor], T]) -> T:
        """Runs ``fn(session, actor)`` for the logged-in user. Raises NotAuthenticated, DomainError, or
        DatabaseUnavailable; nothing half-written survives (the session rolls back what was not committed)."""
        try:
            with session_scope() as session:
                actor = auth.resolve_actor(session, self.session_token, ip=self._client_ip())
                return fn(session, actor)
        except OperationalError as exc:
            raise DatabaseUnavailable() from exc

    def _remember(self, actor: Actor) -> None:
        self.user_name = actor.name
        self.roles = [role.value for role in actor.roles]
        self.nav_routes = [item.route for item in nav_for(actor.roles)]
        self.lang = actor.lang

    def _forget(self) -> None:
        self.session_token = ""
        self.user_name = ""
        self.roles = []
        self.nav_routes = []
        self.unread = 0

    def _to_login(self, expired: bool = False):
        self._forget()
        params = {}
        path = self.router.url.path
        if path and path.rstrip("/") not in ("", "/login"):
            params["next"] = path
        if expired:
            params["expired"] = "1"
        return rx.redirect("/login" + (f"?{urlencode(params)}" if params else ""))

    def failure(self, exc: DomainError):
        """What the user sees when a service refuses: a redirect to log in, or ``page_error``."""
        if isinstance(exc, SessionExpired):
            return self._to_login(expired=True)
        if isinstance(exc, NotAuthenticated):
            return self._to_login()
        self.page_error = self.tr(exc.key, **exc.params)
        return None

    def guard(self, fn: Callable[[Session, Actor], T]) -> tuple[T | None, object]:
        """Calls a service for a page load or action; returns (result or None, event to return or None).
        Field validation errors are re-raised for the form to show beside its fields."""
        self.page_error = ""
        try:
            return self.call(fn), None
        except ValidationFailed:
            raise
        except DomainError as exc:
            return None, self.failure(exc)

    @rx.event
    def load_user(self):
        """on_load of every signed-in page: resolve the user (and count their unread notices, one COUNT) or send
        them to log in."""
        found, redirect = self.guard(
            lambda session, actor: (actor, notifications.unread_count(session, actor))
        )
        if found is not None:
            actor, self.unread = found
            self._remember(actor)
        return redirect

    @rx.event
    def go_home(self):
        actor, redirect = self.guard(lambda _session, actor: actor)
        if actor is None:
            return redirect or self._to_login()
        self._remember(actor)
        return rx.redirect(home_for(actor.roles))

    @rx.event
    def set_language(self, lang: str):
        if lang not in users.LANGUAGES:
            return
        self.lang = lang
        if self.session_token:
            # If the account cannot be updated now, the cookie still remembers the choice on this device.
            with suppress(DomainError):
                self.call(lambda session, actor: users.set_language(session, actor, lang))

    @rx.event
    def logout(self):
        try:
            with session_scope() as session:
                auth.logout(session, self.session_token)
        except OperationalError:
            pass  # the cookie is cleared below either way; the server session then expires by itself
        self._forget()
        return rx.redirect("/login")
