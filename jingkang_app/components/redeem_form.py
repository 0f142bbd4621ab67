"""「兑换」: a coordinator records what a volunteer or a recipient got for their points (services.points.redeem,
which refuses an overdraw beside the points field)."""

import reflex as rx

from jingkang_app.components.forms import error_text, field, submit_button
from jingkang_app.components.text import T
from jingkang_app.domain.services.points import MAX_REDEMPTION, REDEMPTION_MAX


def redeem_form(state, id_prefix: str) -> rx.Component:
    """``state`` holds ``client_id``, ``errors`` and the ``redeem`` event; the form is ``<id_prefix>-form`` and its
    button ``<id_prefix>-submit``."""
    return rx.form(
        rx.vstack(
            rx.heading(T("coord.redeem_title"), size="3", as_="h3"),
            rx.el.input(type="hidden", name="client_id", value=state.client_id),
            field(
                "coord.redeem_points",
                "points",
                state.errors,
                type="number",
                required=True,
                min=1,
                max=MAX_REDEMPTION,
                input_mode="numeric",
            ),
            field("points.redemption", "redemption", state.errors, required=True, max_length=REDEMPTION_MAX),
            error_text(state.errors, "redeem_form"),
            submit_button("coord.redeem", id=f"{id_prefix}-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=state.redeem,
        key=state.client_id,  # a fresh form after each redemption, so a second tap cannot redeem the same again
        id=f"{id_prefix}-form",
        width="100%",
    )
