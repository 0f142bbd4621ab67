"""Logging in with phone + password."""

import asyncio

import reflex as rx
from sqlalchemy.exc import OperationalError

from jingkang_app.domain.db import session_scope
from jingkang_app.domain.errors import DomainError
from jingkang_app.domain.services import auth
from jingkang_app.navigation import home_for
from jingkang_app.state.base import AppState


def _login(phone: str, password: str, ip: str | None, user_agent: str | None) -> auth.LoginResult:
    with session_scope() as session:
        return auth.login(session, phone, password, ip=ip, user_agent=user_agent)


class LoginState(AppState):
    login_error: str = ""
    busy: bool = False

    @rx.var
    def expired_notice(self) -> bool:
        return self.router.url.query_parameters.get("expired") == "1"

    @rx.event
    def check_already_signed_in(self):
        """on_load of /login: a user with a live session goes straight home."""
        if not self.session_token:
            return None
        return AppState.go_home

    @rx.event
    async def submit(self, form_data: dict):
        self.login_error = ""
        phone = str(form_data.get("phone") or "")
        password = str(form_data.get("password") or "")
        if not phone.strip() or not password:
            self.login_error = self.tr("login.missing")
            return
        self.busy = True
        yield
        try:
            # argon2 takes ~50 ms by design: off the event loop so other users are not held up.
            result = await asyncio.to_thread(
                _login, phone, password, self._client_ip(), self.router.headers.user_agent
            )
        except DomainError as exc:
            self.login_error = self.tr(exc.key, **exc.params)
            return
        except OperationalError:
            self.login_error = self.tr("error.database_unavailable")
            return
        finally:
            self.busy = False
        self.session_token = result.token
        self._remember(result.actor)
        target = self.router.url.query_parameters.get("next", "")
        # Only local paths: an open redirect would hand the session to another site.
        yield rx.redirect(
            target if target.startswith("/") and not target.startswith("//") else home_for(result.actor.roles)
        )
