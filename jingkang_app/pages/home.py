"""Role homes that need little state: 今日任务 (field roles), 我的 (everyone), and the root redirect."""

import reflex as rx

from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.pages.login import language_switch
from jingkang_app.state.base import AppState


def root_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="100vh")


def tasks_page() -> rx.Component:
    return shell(
        "nav.tasks",
        rx.vstack(
            rx.icon("circle-check-big", size=48, color="var(--teal-9)"),
            rx.heading(T("tasks.empty_title"), size="5", as_="h2"),
            rx.text(T("tasks.empty_body"), size="3", color_scheme="gray", text_align="center"),
            align="center",
            spacing="3",
            style=CARD | {"padding": "32px 16px"},
            id="tasks-empty",
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
                gap="2",
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
