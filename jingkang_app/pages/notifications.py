"""通知: the user's notices, newest first, each a link to what it is about. Unread ones say so in words, not only
in colour; following one marks it read, and 全部标为已读 clears the rest."""

import reflex as rx

from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.base import AppState
from jingkang_app.state.notifications import NotificationsState


def _item(item: rx.Var) -> rx.Component:
    unread = item["unread"] != ""
    return rx.link(
        rx.hstack(
            rx.box(
                width="10px",
                height="10px",
                border_radius="50%",
                flex_shrink="0",
                margin_top="7px",
                background=rx.cond(unread, "var(--red-9)", "transparent"),
                aria_hidden="true",
            ),
            rx.vstack(
                rx.cond(unread, rx.badge(T("notice.unread"), color_scheme="red", size="2")),
                rx.text(item["text"], size="3", weight=rx.cond(unread, "bold", "regular")),
                rx.text(item["time"], size="2", color_scheme="gray"),
                spacing="1",
                align="start",
                min_width="0",
            ),
            rx.spacer(),
            rx.icon("chevron-right", size=20, color="var(--gray-9)", flex_shrink="0"),
            align="start",
            width="100%",
        ),
        href=item["link"],
        on_click=NotificationsState.open_notice(item["id"]),
        underline="none",
        color="inherit",
        class_name="notice-item",
        style=CARD
        | {
            "display": "block",
            "min_height": TOUCH,
            "background": rx.cond(unread, "var(--teal-2)", "var(--color-panel-solid)"),
        },
    )


def _mark_all_read() -> rx.Component:
    return rx.cond(
        AppState.unread > 0,
        rx.button(
            rx.icon("check-check", size=18),
            T("notice.mark_read"),
            on_click=NotificationsState.mark_all_read,
            size="3",
            min_height=TOUCH,
            variant="soft",
            align_self="end",
        ),
    )


def notifications_page() -> rx.Component:
    return shell(
        "notice.title",
        _mark_all_read(),
        success_notice(NotificationsState.saved),
        rx.cond(
            NotificationsState.items.length() > 0,
            rx.vstack(rx.foreach(NotificationsState.items, _item), spacing="2", width="100%", id="notices"),
            rx.text(T("notice.empty"), size="3", color_scheme="gray", style=CARD),
        ),
    )
