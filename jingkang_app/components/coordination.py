"""Pieces the volunteer pages share: the row of links between the coordinator's pages (coordinators reach them from
the overview, not the navigation bar), a line of facts, a status chip at body-text size, a button and a link styled
as one (44 px high), and 「生成志愿者班次」 on an event's page."""

import operator
from functools import reduce

import reflex as rx

from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.permissions import Action
from jingkang_app.navigation import roles_that
from jingkang_app.state.base import AppState
from jingkang_app.state.event_shift import EventShiftState

PAGES = (
    ("coord-link-volunteers", "users", "coord.volunteers_title", "/volunteers"),
    ("coord-link-shifts", "calendar-clock", "coord.shifts_title", "/shifts/manage"),
    ("coord-link-transport", "car", "coord.transport_title", "/transport"),
)
LINK = {"display": "flex", "align_items": "center", "gap": "6px", "min_height": TOUCH}


def coordination_links(current: str) -> rx.Component:
    """The other volunteer pages, and back to the overview; ``current`` is this page's route."""
    return rx.flex(
        rx.link(rx.icon("chevron-left", size=20), T("nav.overview"), href="/overview", size="3", style=LINK),
        *[
            rx.link(rx.icon(icon, size=18), T(key), href=route, id=link_id, size="3", style=LINK)
            for link_id, icon, key, route in PAGES
            if route != current
        ],
        spacing="4",
        wrap="wrap",
        align="center",
    )


def fact(text: rx.Var, **props) -> rx.Component:
    """One line of a card, shown only when there is something to say."""
    return rx.cond(text != "", rx.text(text, size="3", **props))


def status_chip(text: rx.Var) -> rx.Component:
    """A record's status beside its name, at body-text size."""
    return rx.badge(text, size="3", style={"font_size": "16px"})


def action_button(label_key: str, on_click, **props) -> rx.Component:
    return rx.button(
        T(label_key), on_click=on_click, size="3", min_height=TOUCH, **({"flex": "1 1 auto"} | props)
    )


def link_button(label_key: str, href: rx.Var | str, **props) -> rx.Component:
    return rx.link(
        rx.button(T(label_key), size="3", min_height=TOUCH, width="100%", variant="soft", **props),
        href=href,
        flex="1 1 auto",
    )


def manages_volunteers() -> rx.Var:
    """Whether the user holds a role that manages volunteers somewhere (what to show; the services decide)."""
    return reduce(
        operator.or_, [AppState.roles.contains(r.value) for r in sorted(roles_that(Action.volunteer_manage))]
    )


def event_shift_button(client_id: rx.Var) -> rx.Component:
    """「生成志愿者班次」 on an event's page: its 活动协助 shift in one tap, then the shift's page."""
    return rx.cond(
        manages_volunteers(),
        rx.vstack(
            rx.button(
                rx.icon("hand-helping", size=20),
                T("coord.make_shift"),
                on_click=EventShiftState.make(client_id),
                size="3",
                min_height=TOUCH,
                width="100%",
                variant="soft",
                id="make-event-shift",
            ),
            rx.cond(
                EventShiftState.error != "",
                rx.text(EventShiftState.error, color="var(--red-11)", size="3", role="alert"),
            ),
            spacing="2",
            width="100%",
        ),
    )
