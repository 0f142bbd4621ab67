"""Field forms on the device-outbox path (DESIGN.md "Offline in a Reflex app"): a plain form of uncontrolled
inputs that assets/outbox.js keeps as a draft on the device, queues and posts to /api/v1/sync. Reflex never
handles the submit; errors come back from the sync route and outbox.js writes them into the
``data-error-for`` slot beside each field. Starting values are read from ``values``/``checked`` state vars
once, when the form mounts."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import field_label, help_lines, submit_button
from jingkang_app.components.styles import CARD, INPUT
from jingkang_app.components.text import T

ERROR = {"color": "var(--red-11)", "font_size": "16px"}
COLUMN = {"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"}


def error_slot(name: str) -> rx.Component:
    """Empty until outbox.js writes the server's message for ``name`` into it."""
    return rx.el.span(id=f"{name}-error", role="alert", custom_attrs={"data-error-for": name}, style=ERROR)


def _labelled(label_key: str, name: str, required: bool, *control: rx.Component) -> rx.Component:
    return rx.el.div(field_label(label_key, name, required), *control, error_slot(name), style=COLUMN)


def _props(name: str, values: rx.Var, style: dict = INPUT) -> dict:
    return {
        "id": name,
        "name": name,
        "default_value": values[name].to(str),
        "aria_describedby": f"{name}-error",
        "style": style,
    }


def text_input(
    label_key: str,
    name: str,
    values: rx.Var,
    *,
    type: str = "text",
    required: bool = False,
    help_key: str | None = None,
    **props,
) -> rx.Component:
    return _labelled(
        label_key,
        name,
        required,
        rx.el.input(type=type, required=required, **_props(name, values), **props),
        *help_lines(help_key),
    )


def text_area(label_key: str, name: str, values: rx.Var, *, max_length: int) -> rx.Component:
    return _labelled(
        label_key,
        name,
        False,
        rx.el.textarea(rows=3, max_length=max_length, **_props(name, values, INPUT | {"resize": "vertical"})),
    )


def select_input(label_key: str, name: str, values: rx.Var, options: list[tuple[str, str]]) -> rx.Component:
    """``options``: (value, catalogue key of its label); the value "" is the unanswered first option."""
    return _labelled(
        label_key,
        name,
        False,
        rx.el.select(*[rx.el.option(T(key), value=value) for value, key in options], **_props(name, values)),
    )


def choices(
    kind: str,
    legend_key: str,
    name: str,
    options: list[tuple[str, str]],
    checked: rx.Var,
    *,
    columns: str = "1fr 1fr",
) -> rx.Component:
    """Radio or checkbox tiles; a tile starts ticked when ``checked`` holds "name=value"."""
    return choice_fieldset(
        legend_key,
        error_slot(name),
        f"{name}-error",
        *[
            choice(kind, name, value, key, default_checked=checked.contains(f"{name}={value}"))
            for value, key in options
        ],
        columns=columns,
    )


def tick(name: str, label_key: str, checked: rx.Var) -> rx.Component:
    """One yes/no checkbox, sent as "on" when ticked."""
    return rx.el.div(
        choice("checkbox", name, "on", label_key, default_checked=checked.contains(f"{name}=on")),
        error_slot(name),
        style=COLUMN,
    )


def section(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.el.section(
        rx.heading(T(title_key), size="4", as_="h2"),
        *children,
        style=CARD | {"display": "flex", "flex_direction": "column", "gap": "16px"},
        **props,
    )


def outbox_form(
    kind: str,
    draft_key: rx.Var,
    hidden: dict[str, rx.Var],
    sent_form_id: str,
    submit_key: str,
    *children: rx.Component,
) -> rx.Component:
    """``kind`` is the sync route's record kind; ``hidden`` the values the form carries unseen (the recipient,
    the version an edit is based on). After the server stores the record, outbox.js submits the Reflex form
    ``sent_form_id`` with its client id, so the page can say what was saved."""
    return rx.el.form(
        rx.el.input(type="hidden", name="client_id"),
        *[rx.el.input(type="hidden", name=name, default_value=value) for name, value in hidden.items()],
        *children,
        rx.el.div(
            submit_button(submit_key),
            rx.el.div(
                role="status",
                aria_live="polite",
                custom_attrs={"data-outbox-status": ""},
                style={"font_size": "16px", "min_height": "24px"},
            ),
            style=CARD | COLUMN,
        ),
        # A form per recipient: a new key mounts a new form, which reads its starting values afresh.
        key=draft_key,
        id=f"{kind}-form",
        custom_attrs={"data-outbox": kind, "data-draft-key": draft_key, "data-sent-form": sent_form_id},
        style={"display": "flex", "flex_direction": "column", "gap": "16px", "width": "100%"},
    )
