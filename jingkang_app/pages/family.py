import reflex as rx

from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.family import FamilyState


def _relative(item: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.heading(item["name"], size="6", as_="h2"),
        rx.text(item["village"], size="3", color_scheme="gray"),
        rx.hstack(
            rx.icon("calendar", size=18), rx.text(T("family.next_visit"), ": ", item["next"], size="3")
        ),
        style=CARD,
    )


def _member(member: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(member["name"], weight="bold", size="3"),
            rx.text(member["role"], size="3", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.link(
            rx.button(rx.icon("phone", size=18), T("family.call"), size="3", min_height=TOUCH),
            href="tel:" + member["phone"],
        ),
        width="100%",
        align="center",
        padding_y="8px",
        border_bottom="1px solid var(--gray-4)",
    )


def family_page() -> rx.Component:
    return shell(
        "nav.family",
        rx.cond(
            FamilyState.relatives.length() > 0,
            rx.fragment(
                rx.foreach(FamilyState.relatives, _relative),
                rx.vstack(
                    rx.heading(T("family.care_team"), size="4", as_="h2"),
                    rx.cond(
                        FamilyState.team.length() > 0,
                        rx.foreach(FamilyState.team, _member),
                        rx.text(T("family.no_team"), size="3", color_scheme="gray"),
                    ),
                    style=CARD,
                ),
            ),
            rx.text(T("family.no_relative"), size="3", color_scheme="gray", style=CARD),
        ),
    )
