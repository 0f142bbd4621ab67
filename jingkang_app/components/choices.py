"""Radios and checkboxes as large tap targets: the whole tile (box and label) toggles, 44 px high."""

import reflex as rx

from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T

LABEL = {"font_weight": "600", "font_size": "16px"}
FIELDSET = {"border": "none", "padding": "0", "margin": "0", "width": "100%", "min_width": "0"}
BOX = {"width": "24px", "height": "24px", "flex_shrink": "0"}
TILE = {
    "display": "flex",
    "gap": "10px",
    "align_items": "center",
    "min_height": TOUCH,
    "padding": "6px 12px",
    "border": "1px solid var(--gray-6)",
    "border_radius": "8px",
    "font_size": "16px",
    "cursor": "pointer",
}


def choice(kind: str, name: str, value: str, label_key: str, **input_props) -> rx.Component:
    """One radio or checkbox with its label; ``input_props`` carry default_checked and the like."""
    input_id = f"{name}-{value}"
    return rx.el.label(
        rx.el.input(type=kind, name=name, value=value, id=input_id, style=BOX, **input_props),
        T(label_key),
        html_for=input_id,
        style=TILE,
    )


def choice_fieldset(
    legend: rx.Component | str,
    error: rx.Component,
    error_id: str,
    *choices: rx.Component,
    columns: str = "1fr 1fr",
) -> rx.Component:
    """A labelled group of tiles in a grid, its error below; ``legend`` is a catalogue key or a component."""
    return rx.el.fieldset(
        rx.el.legend(
            T(legend) if isinstance(legend, str) else legend, style=LABEL | {"margin_bottom": "6px"}
        ),
        rx.el.div(*choices, style={"display": "grid", "grid_template_columns": columns, "gap": "8px"}),
        error,
        aria_describedby=error_id,
        style=FIELDSET,
    )
