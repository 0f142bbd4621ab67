"""One line of facts on a card: a small icon, then the text (when, where, seats …)."""

import reflex as rx


def icon_fact(icon: str, text: rx.Var, **props) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=18, color="var(--gray-10)", flex_shrink="0", aria_hidden="true"),
        rx.text(text, size="3", **props),
        align="start",
        spacing="2",
    )
