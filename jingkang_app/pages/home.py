"""Role homes that need little state: 今日任务 (field roles), 我的 (everyone), and the root redirect."""

import reflex as rx

from jingkang_app.components.link_card import link_card
from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.pages.login import language_switch
from jingkang_app.state.base import AppState
from jingkang_app.state.duelist import DueListState


def root_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="100vh")


def _due_row(row: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    rx.text(row["name"], weight="bold", size="4", class_name="due-name"),
                    rx.cond(row["alert"] != "", rx.badge(row["alert"], color_scheme="red", size="2")),
                    rx.cond(
                        row["risk"] != "", rx.badge(row["risk"], color_scheme=row["risk_color"], size="2")
                    ),
                    wrap="wrap",
                ),
                rx.text(row["village"], size="3", color_scheme="gray"),
                rx.text(
                    row["why"],
                    size="3",
                    weight="medium",
                    color=rx.cond(row["overdue"] != "", "var(--red-11)", "var(--gray-12)"),
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.text(row["action"], size="3", color="var(--teal-11)", weight="medium"),
            rx.icon("chevron-right", size=20, color="var(--gray-9)"),
            align="center",
            width="100%",
        ),
        # One tap opens the form the row is listed for.
        href="/recipients/" + row["id"] + "/" + row["form"],
        underline="none",
        color="inherit",
        class_name="due-item",
        style=CARD | {"min_height": TOUCH, "display": "block"},
    )


def tasks_page() -> rx.Component:
    return shell(
        "nav.tasks",
        rx.cond(
            DueListState.can_publish_events,
            link_card("events-link", "calendar-days", "events.link", "/events"),
        ),
        rx.cond(
            DueListState.rows.length() > 0,
            rx.vstack(
                rx.vstack(rx.foreach(DueListState.rows, _due_row), spacing="2", width="100%", id="due-list"),
                pager(DueListState),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                rx.icon("circle-check-big", size=48, color="var(--teal-9)"),
                rx.heading(T("tasks.empty_title"), size="5", as_="h2"),
                rx.text(T("tasks.empty_body"), size="3", color_scheme="gray", text_align="center"),
                align="center",
                spacing="3",
                style=CARD | {"padding": "32px 16px"},
                id="tasks-empty",
            ),
        ),
    )


def me_page() -> rx.Component:
    return shell(
        "nav.me",
        rx.vstack(
            rx.heading(AppState.user_name, size="6", as_="h2"),
            rx.flex(
                rx.foreach(AppState.role_labels, lambda label: rx.badge(label, size="3", variant="soft")),
                wrap="wrap",
                spacing="2",
            ),
            # No role yet: most often a volunteer whose registration waits for approval.
            rx.cond(
                AppState.roles.length() == 0,
                rx.vstack(
                    rx.text(T("me.no_role"), size="3"),
                    rx.link(T("me.volunteer_status"), href="/volunteer", size="3", id="me-volunteer"),
                    spacing="2",
                ),
            ),
            style=CARD,
        ),
        rx.vstack(
            rx.text(T("me.language"), weight="bold", size="3"),
            language_switch(),
            style=CARD,
        ),
        rx.button(
            rx.icon("log-out", size=18),
            T("me.logout"),
            on_click=AppState.logout,
            size="3",
            min_height=TOUCH,
            color_scheme="red",
            variant="soft",
            width="100%",
            id="logout",
        ),
    )


def not_found_page() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.heading("404", size="9", color="var(--teal-9)"),
            rx.heading(T("error.page_not_found"), size="6", as_="h1"),
            rx.text(T("error.page_not_found_body"), size="3", color_scheme="gray", text_align="center"),
            rx.link(rx.button(T("nav.back_home"), size="3", min_height=TOUCH), href="/"),
            align="center",
            spacing="4",
        ),
        min_height="100vh",
        padding="16px",
    )
