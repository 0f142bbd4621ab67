"""A card-sized link to a page a role reaches without a navigation item (the bar holds five), with an optional
count beside it (how many wait in a queue)."""

import reflex as rx

from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T


def link_card(
    link_id: str, icon: str, label_key: str, href: str, badge: rx.Var | None = None
) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon(icon, size=22),
            rx.text(T(label_key), size="3", weight="medium"),
            rx.spacer(),
            *([rx.badge(badge, size="3", variant="solid")] if badge is not None else []),
            rx.icon("chevron-right", size=20),
            align="center",
            width="100%",
            min_height=TOUCH,
        ),
        href=href,
        underline="none",
        id=link_id,
        style=CARD,
    )
