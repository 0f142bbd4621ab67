"""User management for administrators: thin over services.users."""

import dataclasses

import reflex as rx

from jingkang_app.domain.errors import DomainError, NotAuthenticated, ValidationFailed
from jingkang_app.domain.models import Role
from jingkang_app.domain.rules.fields import whole_number
from jingkang_app.domain.services import users
from jingkang_app.state.base import AppState
from jingkang_app.state.paging import PAGE_SIZE, PagedListState


@dataclasses.dataclass
class RoleChip:
    assignment: str
    label: str


@dataclasses.dataclass
class UserCard:
    id: str
    name: str
    phone: str
    active: bool
    roles: list[RoleChip]


class AdminUsersState(PagedListState, AppState):
    rows: list[UserCard] = []
    area_options: list[dict[str, str]] = []
    create_errors: dict[str, str] = {}
    notice: str = ""
    # Errors of the per-user forms, keyed "<user id>" → message.
    row_errors: dict[str, str] = {}

    @rx.var
    def role_options(self) -> list[dict[str, str]]:
        return [{"value": role.value, "label": self.tr(f"role.{role.value}")} for role in Role]

    def _fetch(self):
        result, redirect = self.guard(
            lambda session, actor: users.list_users(session, actor, self.search, self.offset, PAGE_SIZE)
        )
        if result is not None:
            rows, self.total = result
            self.rows = [
                UserCard(
                    id=str(r.id),
                    name=r.name,
                    phone=r.phone,
                    active=r.active,
                    roles=[
                        RoleChip(str(a), f"{self.tr(f'role.{role}')} · {area}") for a, role, area in r.roles
                    ],
                )
                for r in rows
            ]
        return redirect

    @rx.event
    def load(self):
        self.notice = ""
        self.row_errors = {}
        self.create_errors = {}
        # The area tree does not change while the page is open; paging and actions reload only the users.
        areas, redirect = self.guard(users.assignable_areas)
        if areas is not None:
            self.area_options = [{"value": str(a.id), "label": a.label} for a in areas]
        return redirect or self._fetch()

    def _act(self, fn, notice_key: str, row: str = ""):
        """Runs one administrative change; shows its result and reloads the list."""
        self.notice = ""
        self.row_errors = {}
        try:
            self.call(fn)
        except ValidationFailed as exc:
            first = next(iter(exc.errors.values()))
            if row:
                self.row_errors = {row: self.tr(first.key, **first.params)}
            else:
                self.create_errors = {f: self.tr(e.key, **e.params) for f, e in exc.errors.items()}
            return None
        except DomainError as exc:
            if row and not isinstance(exc, NotAuthenticated):
                self.row_errors = {row: self.tr(exc.key, **exc.params)}
                return None
            return self.failure(exc)
        self.notice = self.tr(notice_key)
        return self._fetch()

    @rx.event
    def create_user(self, form_data: dict):
        self.create_errors = {}
        data = {k: form_data.get(k, "") for k in ("name", "phone", "password")}
        result = self._act(lambda s, a: users.create_user(s, a, data), "admin.user_created")
        if not self.create_errors:
            return [result, rx.call_script("document.getElementById('create-user-form')?.reset()")]
        return result

    @rx.event
    def assign_role(self, form_data: dict):
        user_id = whole_number(form_data.get("user_id"))
        role = str(form_data.get("role") or "")
        area_id = whole_number(form_data.get("area_id"))
        return self._act(
            lambda s, a: users.assign_role(s, a, user_id, role, area_id), "admin.role_assigned", str(user_id)
        )

    @rx.event
    def remove_role(self, assignment_id: str, user_id: str):
        return self._act(
            lambda s, a: users.remove_role(s, a, whole_number(assignment_id)), "admin.role_removed", user_id
        )

    @rx.event
    def reset_password(self, form_data: dict):
        user_id = whole_number(form_data.get("user_id"))
        password = str(form_data.get("password") or "")
        return self._act(
            lambda s, a: users.reset_password(s, a, user_id, password), "admin.password_reset", str(user_id)
        )

    @rx.event
    def set_active(self, user_id: str, active: bool):
        return self._act(
            lambda s, a: users.set_active(s, a, whole_number(user_id), bool(active)),
            "admin.user_activated" if active else "admin.user_deactivated",
            user_id,
        )
