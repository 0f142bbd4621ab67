"""The frame of a page anyone may open without logging in (volunteer registration, the certificate check): the
app's name, the language switch, a refusal when the page could not load, and one card of content."""

import reflex as rx

from jingkang_app.components.notice import error_notice
from jingkang_app.components.styles import CARD
from jingkang_app.components.text import T
from jingkang_app.pages.login import language_switch
from jingkang_app.state.base import AppState


def public_frame(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(
                rx.link(T("app.name"), href="/login", size="4", weight="bold", underline="none"),
                rx.spacer(),
                language_switch(),
                width="100%",
                align="center",
            ),
            rx.heading(T(title_key), size="7", as_="h1"),
            error_notice(AppState.page_error),
            *children,
            spacing="4",
            style=CARD | {"max_width": "560px", "padding": "20px 16px"},
        ),
        min_height="100vh",
        padding="12px",
        background="var(--teal-2)",
        align_items="start",
    )
