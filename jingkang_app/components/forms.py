"""One labelled form field: visible label, input, help text, the error beside it, a required mark."""

import reflex as rx

from jingkang_app.components.styles import INPUT, TOUCH
from jingkang_app.components.text import T


def error_text(errors: rx.Var, name: str) -> rx.Component:
    return rx.cond(
        errors.contains(name),
        rx.text(errors[name], color="var(--red-11)", size="3", role="alert", id=f"{name}-error"),
    )


def field(
    label_key: str,
    name: str,
    errors: rx.Var,
    *,
    type: str = "text",
    required: bool = False,
    help_key: str | None = None,
    **input_props,
) -> rx.Component:
    """An uncontrolled input (default values only), so what was typed stays when the server refuses it."""
    return rx.el.div(
        rx.el.label(
            T(label_key),
            rx.cond(required, rx.el.span(" *", color="var(--red-11)", aria_hidden="true")),
            html_for=name,
            style={"font_weight": "600", "font_size": "16px"},
        ),
        rx.el.input(
            id=name,
            name=name,
            type=type,
            required=required,
            aria_invalid=errors.contains(name).to_string(),
            aria_describedby=f"{name}-error",
            style=INPUT,
            **input_props,
        ),
        *([rx.text(T(help_key), size="3", color_scheme="gray")] if help_key else []),
        error_text(errors, name),
        style={"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"},
    )


def select_field(label_key: str, name: str, errors: rx.Var, options: list[tuple[str, str]]) -> rx.Component:
    """A select with fixed options: (value, catalogue key of its label)."""
    return rx.el.div(
        rx.el.label(T(label_key), html_for=name, style={"font_weight": "600", "font_size": "16px"}),
        rx.el.select(
            *[rx.el.option(T(key), value=value) for value, key in options], id=name, name=name, style=INPUT
        ),
        error_text(errors, name),
        style={"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"},
    )


def submit_button(label_key: str, **props) -> rx.Component:
    return rx.button(T(label_key), type="submit", size="3", min_height=TOUCH, width="100%", **props)
