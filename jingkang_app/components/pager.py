"""Previous / next for paged lists (a state mixing in PagedListState)."""

import reflex as rx

from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T


def pager(state) -> rx.Component:
    return rx.hstack(
        rx.button(
            T("list.previous"),
            on_click=state.previous_page,
            disabled=~state.has_previous,
            size="3",
            min_height=TOUCH,
            variant="soft",
        ),
        rx.text(state.page_label, size="3"),
        rx.button(
            T("list.next"),
            on_click=state.next_page,
            disabled=~state.has_next,
            size="3",
            min_height=TOUCH,
            variant="soft",
        ),
        justify="between",
        align="center",
        width="100%",
    )
