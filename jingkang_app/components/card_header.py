"""The first line of a work card about one recipient: their name, linking to their page (a 44 px target), and
what the card is (a status badge, a kind, a year) on the right."""

import reflex as rx

from jingkang_app.components.styles import TOUCH


def recipient_header(card: rx.Var, right: rx.Component) -> rx.Component:
    """``card`` carries "name" and "recipient_id"."""
    return rx.hstack(
        rx.link(
            card["name"],
            href="/recipients/" + card["recipient_id"],
            size="5",
            weight="bold",
            style={"min_height": TOUCH, "display": "flex", "align_items": "center"},
        ),
        rx.spacer(),
        right,
        align="center",
        width="100%",
    )
