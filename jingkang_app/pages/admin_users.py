import reflex as rx

from jingkang_app.components.forms import field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, FIELD_COLUMN, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.pages.recipients import search_form
from jingkang_app.state.admin import AdminUsersState


def _labelled_select(label_key: str, name: str, options: rx.Var, user_id: rx.Var) -> rx.Component:
    select_id = name + "-" + user_id
    return rx.el.div(
        rx.el.label(T(label_key), html_for=select_id, style={"font_weight": "600"}),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o["label"], value=o["value"])),
            id=select_id,
            name=name,
            style=INPUT,
        ),
        style=FIELD_COLUMN,
    )


def _user_card(user: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(user.name, weight="bold", size="4"),
            rx.text(user.phone, size="3", color_scheme="gray"),
            rx.spacer(),
            rx.cond(
                user.active,
                rx.badge(T("admin.active"), color_scheme="green", size="2"),
                rx.badge(T("admin.inactive"), color_scheme="gray", size="2"),
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.flex(
            rx.foreach(
                user.roles,
                lambda chip: rx.badge(
                    chip.label,
                    rx.el.button(
                        rx.icon("x", size=16),
                        type="button",
                        aria_label=T("admin.remove_role"),
                        on_click=AdminUsersState.remove_role(chip.assignment, user.id),
                        style={"min_width": "32px", "min_height": "32px", "cursor": "pointer"},
                    ),
                    size="3",
                    variant="soft",
                ),
            ),
            wrap="wrap",
            spacing="2",
        ),
        rx.cond(
            AdminUsersState.row_errors.contains(user.id),
            rx.text(AdminUsersState.row_errors[user.id], color="var(--red-11)", size="3", role="alert"),
        ),
        rx.el.details(
            rx.el.summary(
                T("admin.manage"),
                style={
                    "min_height": TOUCH,
                    "display": "flex",
                    "align_items": "center",
                    "cursor": "pointer",
                    "font_weight": "600",
                    "color": "var(--teal-11)",
                },
            ),
            _management(user),
            style={"width": "100%"},
        ),
        spacing="3",
        style=CARD,
    )


def _management(user: rx.Var) -> rx.Component:
    """Roles, password and status: folded away so a list of users stays readable on a phone."""
    return rx.vstack(
        rx.form(
            rx.el.input(type="hidden", name="user_id", value=user.id),
            rx.flex(
                _labelled_select("admin.role", "role", AdminUsersState.role_options, user.id),
                _labelled_select("admin.area", "area_id", AdminUsersState.area_options, user.id),
                rx.button(
                    T("admin.assign_role"), type="submit", size="3", min_height=TOUCH, align_self="end"
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            on_submit=AdminUsersState.assign_role,
            width="100%",
        ),
        rx.form(
            rx.el.input(type="hidden", name="user_id", value=user.id),
            rx.flex(
                rx.el.div(
                    rx.el.label(
                        T("admin.new_password"), html_for="pw-" + user.id, style={"font_weight": "600"}
                    ),
                    rx.el.input(
                        id="pw-" + user.id,
                        name="password",
                        type="password",
                        auto_complete="new-password",
                        style=INPUT,
                    ),
                    style=FIELD_COLUMN,
                ),
                rx.button(
                    T("admin.reset_password"),
                    type="submit",
                    size="3",
                    min_height=TOUCH,
                    variant="soft",
                    align_self="end",
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            on_submit=AdminUsersState.reset_password,
            width="100%",
        ),
        rx.cond(
            user.active,
            rx.button(
                T("admin.deactivate"),
                on_click=AdminUsersState.set_active(user.id, False),
                size="3",
                min_height=TOUCH,
                color_scheme="red",
                variant="outline",
            ),
            rx.button(
                T("admin.activate"),
                on_click=AdminUsersState.set_active(user.id, True),
                size="3",
                min_height=TOUCH,
                variant="outline",
            ),
        ),
        spacing="3",
        width="100%",
    )


def _create_form() -> rx.Component:
    errors = AdminUsersState.create_errors
    return rx.form(
        rx.vstack(
            rx.heading(T("admin.create_title"), size="4", as_="h2"),
            field("admin.name", "name", errors, required=True, max_length=32),
            field("login.phone", "phone", errors, type="tel", required=True, input_mode="tel"),
            field(
                "admin.initial_password",
                "password",
                errors,
                type="password",
                required=True,
                auto_complete="new-password",
                help_key="admin.password_help",
            ),
            submit_button("admin.create"),
            spacing="3",
            width="100%",
        ),
        id="create-user-form",
        on_submit=AdminUsersState.create_user,
        style=CARD,
    )


def admin_users_page() -> rx.Component:
    return shell(
        "nav.users",
        success_notice(AdminUsersState.notice),
        _create_form(),
        search_form(AdminUsersState, "admin.search_hint"),
        rx.vstack(rx.foreach(AdminUsersState.rows, _user_card), spacing="3", width="100%"),
        pager(AdminUsersState),
    )
