"""免费接送/陪伴出行, /transport. A coordinator's tablet: the requests of their area per status, each waiting one
filled with a 接送 shift in one tap (its page opens, to invite a driver). A caregiver's or social worker's phone,
/transport?rid=<id>: the form to ask for a ride and that recipient's requests, cancellable until arranged."""

import reflex as rx

from jingkang_app.components.card_header import recipient_header
from jingkang_app.components.choices import choice
from jingkang_app.components.coordination import (
    action_button,
    coordination_links,
    fact,
    link_button,
    status_chip,
)
from jingkang_app.components.forms import field, submit_button, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD
from jingkang_app.components.text import T
from jingkang_app.domain.rules.transport import NOTE_MAX, PLACE_MAX
from jingkang_app.state.transport import STATUSES
from jingkang_app.state.transport import TransportQueueState as Q
from jingkang_app.state.transport import TransportRequestState as R


def _facts(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(card["when"], size="4", weight="medium"),
        rx.text(card["route"], size="3"),
        fact(card["accompanied"], weight="medium"),
        fact(card["note"], color_scheme="gray"),
        rx.text(card["by"], size="3", color_scheme="gray"),
        spacing="1",
        width="100%",
        align="start",
    )


# --- the coordinator's queue --------------------------------------------------------------------------------


def _queue_card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        recipient_header(card, rx.text(card["area"], size="3", color_scheme="gray")),
        _facts(card),
        rx.cond(
            Q.error_for == card["id"], rx.text(Q.card_error, color="var(--red-11)", size="3", role="alert")
        ),
        rx.match(
            card["status"],
            (
                "requested",
                action_button(
                    "coord.fill_transport",
                    Q.fill(card["id"], card["version"], card["client_id"]),
                    id="fill-" + card["id"],
                ),
            ),
            ("filled", link_button("coord.shift_open", card["shift_href"])),
            rx.fragment(),
        ),
        spacing="3",
        class_name="transport-card",
        style=CARD,
    )


# --- a family's requests ------------------------------------------------------------------------------------


def _request_form() -> rx.Component:
    e = R.errors
    return rx.form(
        rx.vstack(
            rx.heading(T("coord.ask_transport_title"), size="4", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=R.client_id),
            field(
                "transport.pickup",
                "pickup",
                e,
                required=True,
                max_length=PLACE_MAX,
                help_key="transport.pickup_help",
            ),
            field("transport.destination", "destination", e, required=True, max_length=PLACE_MAX),
            field("transport.wanted_at", "wanted_at", e, type="datetime-local", required=True),
            choice("checkbox", "accompanied", "on", "transport.accompanied"),
            textarea_field("transport.note", "note", e, max_length=NOTE_MAX),
            submit_button("coord.ask_transport_submit", id="ask-transport-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=R.ask,
        key=R.client_id,  # a fresh form once a request is stored
        id="transport-request-form",
        style=CARD,
    )


def _request(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(status_chip(card["status_label"]), width="100%"),
        _facts(card),
        rx.cond(
            card["status"] == "requested",
            action_button(
                "coord.cancel_transport",
                R.cancel(card["id"], card["version"]),
                variant="soft",
                color_scheme="gray",
                id="cancel-transport-" + card["id"],
                style={"align_self": "flex-start"},
            ),
        ),
        spacing="2",
        class_name="transport-request",
        style=CARD,
    )


def _requester() -> rx.Component:
    return rx.cond(
        R.found,
        rx.fragment(
            rx.heading(R.recipient_name, size="5", as_="h2"),
            success_notice(R.saved, id="transport-saved"),
            _request_form(),
            rx.heading(T("coord.my_transport"), size="4", as_="h2"),
            rx.cond(
                R.requests.length() > 0,
                rx.vstack(
                    rx.foreach(R.requests, _request), spacing="3", width="100%", id="transport-requests"
                ),
                rx.text(T("coord.no_transport"), size="3", color_scheme="gray"),
            ),
        ),
    )


def transport_page() -> rx.Component:
    return shell(
        "coord.transport_title",
        rx.cond(
            R.rid != "",
            _requester(),
            rx.cond(
                Q.allowed,
                rx.fragment(
                    coordination_links("/transport"),
                    queue_body(
                        Q,
                        STATUSES,
                        "transport_status.{}",
                        _queue_card,
                        "coord.transport_empty",
                        "transport-grid",
                    ),
                ),
            ),
        ),
    )
