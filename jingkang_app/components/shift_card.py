"""A shift as the volunteer's cards show it (state.volunteer_cards.shift_facts): the kind, the task, whom it serves
by first name, when and where — the least view, nothing more — and a refusal shown on the card it concerns."""

import reflex as rx

from jingkang_app.components.facts import icon_fact

BADGE = {"font_size": "16px"}


def shift_facts(card: rx.Var, *badges: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.badge(card["kind"], size="2", variant="soft", style=BADGE, class_name="shift-kind"),
            *badges,
            spacing="2",
            wrap="wrap",
        ),
        rx.heading(card["task"], size="4", as_="h3", class_name="shift-task"),
        rx.cond(card["serves"] != "", icon_fact("user-round", card["serves"], class_name="shift-serves")),
        icon_fact("clock", card["when"], weight="medium", class_name="shift-when"),
        icon_fact("map-pin", card["place"], class_name="shift-place"),
        spacing="2",
        width="100%",
        align="start",
        min_width="0",
        style={"overflow_wrap": "anywhere"},
    )


def card_error(shown: rx.Var, message: rx.Var) -> rx.Component:
    return rx.cond(
        shown,
        rx.text(message, color="var(--red-11)", size="3", role="alert", class_name="shift-error"),
    )
