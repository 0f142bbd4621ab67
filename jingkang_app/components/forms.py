"""One labelled form field: visible label, input, help text, the error beside it, a required mark."""

import reflex as rx

from jingkang_app.components.styles import INPUT, TOUCH
from jingkang_app.components.text import T


def error_text(errors: rx.Var, name: str) -> rx.Component:
    return rx.cond(
        errors.contains(name),
        rx.text(
            errors[name],
            color="var(--red-11)",
            size="3",
            role="alert",
            id=f"{name}-error",
            custom_attrs={"data-error-for": name},
        ),
    )


def field_label(label_key: str, name: str, required: bool) -> rx.Component:
    return rx.el.label(
        T(label_key),
        rx.cond(required, rx.el.span(" *", color="var(--red-11)", aria_hidden="true")),
        html_for=name,
        style={"font_weight": "600", "font_size": "16px"},
    )


def _labelled(
    label_key: str, name: str, errors: rx.Var, required: bool, *control: rx.Component
) -> rx.Component:
    """The label above, the control (and its help text), the error beside it."""
    return rx.el.div(
        field_label(label_key, name, required),
        *control,
        error_text(errors, name),
        style={"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"},
    )


def help_lines(help_key: str | None) -> list[rx.Component]:
    return [rx.text(T(help_key), size="3", color_scheme="gray")] if help_key else []


def _control_props(name: str, errors: rx.Var, required: bool) -> dict:
    return {
        "id": name,
        "name": name,
        "required": required,
        "aria_invalid": errors.contains(name).to_string(),
        "aria_describedby": f"{name}-error",
        "style": INPUT,
    }


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
    return _labelled(
        label_key,
        name,
        errors,
        required,
        rx.el.input(type=type, **_control_props(name, errors, required), **input_props),
        *help_lines(help_key),
    )


def select_field(
    label_key: str,
    name: str,
    errors: rx.Var,
    options: list[tuple[str, str]] | rx.Component,
    *,
    required: bool = False,
    help_key: str | None = None,
    **select_props,
) -> rx.Component:
    """A select with fixed options, (value, catalogue key of its label), or with option elements the caller
    builds (``rx.foreach`` over choices the server loaded). Uncontrolled: ``default_value`` in select_props."""
    items = (
        [options] if isinstance(options, rx.Component) else [rx.el.option(T(k), value=v) for v, k in options]
    )
    return _labelled(
        label_key,
        name,
        errors,
        required,
        rx.el.select(*items, **_control_props(name, errors, required), **select_props),
        *help_lines(help_key),
    )


def textarea_field(
    label_key: str,
    name: str,
    errors: rx.Var,
    *,
    max_length: int,
    help_key: str | None = None,
    required: bool = False,
    rows: int = 3,
    **textarea_props,
) -> rx.Component:
    """Uncontrolled like ``field``: ``default_value`` in textarea_props."""
    props = _control_props(name, errors, required) | {"style": INPUT | {"resize": "vertical"}}
    return _labelled(
        label_key,
        name,
        errors,
        required,
        rx.el.textarea(rows=rows, max_length=max_length, **props, **textarea_props),
        *help_lines(help_key),
    )


def submit_button(label_key: str, **props) -> rx.Component:
    return rx.button(T(label_key), type="submit", size="3", min_height=TOUCH, width="100%", **props)
