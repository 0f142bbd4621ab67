"""A work queue page's body (respite requests, subsidy applications): tabs, one button per status with its
count, the chosen one solid; then the cards of that status, two columns on a tablet, and the pager."""

import reflex as rx

from jingkang_app.components.notice import success_notice
from jingkang_app.components.pager import pager
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T


def queue_tabs(state, statuses, label_key: str) -> rx.Component:
    """``state`` holds ``status``, ``counts`` and the ``show(status)`` event; ``label_key`` has a ``{}`` for the
    status."""

    def tab(status: str) -> rx.Component:
        chosen = state.status == status
        return rx.button(
            T(label_key.format(status)),
            rx.badge(
                state.counts[status], size="2", variant="solid", color_scheme=rx.cond(chosen, "gray", "teal")
            ),
            on_click=state.show(status),
            size="3",
            min_height=TOUCH,
            variant=rx.cond(chosen, "solid", "outline"),
            aria_pressed=chosen.to_string(),
        )

    return rx.el.div(
        *[tab(s.value) for s in statuses],
        role="group",
        style={"display": "flex", "flex_wrap": "wrap", "gap": "8px"},
    )


def queue_body(state, statuses, label_key: str, card, empty_key: str, grid_id: str) -> rx.Component:
    """``state`` also holds ``saved``, ``cards`` and the paging vars; ``card`` renders one card."""
    return rx.vstack(
        queue_tabs(state, statuses, label_key),
        success_notice(state.saved),
        rx.cond(
            state.cards.length() > 0,
            rx.grid(
                rx.foreach(state.cards, card),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
                width="100%",
                id=grid_id,
            ),
            rx.text(T(empty_key), size="3", color_scheme="gray", style=CARD),
        ),
        rx.cond(state.has_next | state.has_previous, pager(state)),
        spacing="3",
        width="100%",
    )
