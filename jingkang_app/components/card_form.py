"""The small form that opens inside a work card (close an alert, approve a request, record a check): its fields,
the version the card was read at, and 确认 beside 取消."""

import reflex as rx

from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T

CARD_FORM = {"width": "100%", "padding_top": "12px", "border_top": "1px solid var(--gray-5)"}


def cancel_button(label_key: str, on_click, **props) -> rx.Component:
    return rx.button(
        T(label_key),
        type="button",
        on_click=on_click,
        size="3",
        min_height=TOUCH,
        variant="soft",
        color_scheme="gray",
        **props,
    )


def card_form(
    *fields: rx.Component,
    version: rx.Var,
    confirm_key: str,
    on_submit,
    on_cancel,
    cancel_key: str = "alerts.cancel",
    can_submit: rx.Var | bool = True,
) -> rx.Component:
    confirm = rx.button(T(confirm_key), type="submit", size="3", min_height=TOUCH, flex="1")
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="version", value=version),
            *fields,
            rx.hstack(
                confirm if can_submit is True else rx.cond(can_submit, confirm),
                cancel_button(cancel_key, on_cancel),
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=on_submit,
        style=CARD_FORM,
    )
