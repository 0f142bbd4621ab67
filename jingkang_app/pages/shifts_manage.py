"""志愿服务班次 on a coordinator's tablet, /shifts/manage: tabs for the shifts to come, all shifts and the service
records waiting for review (待核实时长), as cards (two columns on a tablet); 「新建班次」 opens the form, and a stored
shift opens its own page (pages/shift_detail.py), where its volunteers are invited and their hours verified."""

import reflex as rx

from jingkang_app.components.card_form import cancel_button
from jingkang_app.components.choices import choice
from jingkang_app.components.coordination import coordination_links, fact, link_button, status_chip
from jingkang_app.components.forms import field, select_field, submit_button
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules import volunteer_shifts as rules
from jingkang_app.domain.rules.volunteers import TRAININGS, ShiftKind
from jingkang_app.state.shift_manage import TABS
from jingkang_app.state.shift_manage import ShiftManageState as S

PAIR = {"direction": rx.breakpoints(initial="column", sm="row"), "gap": "3", "width": "100%"}


def shift_facts(card: rx.Var) -> rx.Component:
    """What a shift asks, for its card here and the top of its own page."""
    return rx.vstack(
        rx.text(card["when"], size="4", weight="medium"),
        rx.text(card["place"], " · ", card["area"], size="3"),
        rx.text(card["seats"], size="3", weight="medium"),
        fact(card["invited"], color_scheme="gray"),
        fact(card["needs"]),
        fact(card["task"]),
        fact(card["first_name"]),
        fact(card["source"], color_scheme="gray"),
        fact(card["cancelled"], color="var(--red-11)", weight="medium"),
        spacing="1",
        width="100%",
        align="start",
    )


def _shift_card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link(
                card["kind"],
                href="/shifts/" + card["id"],
                size="5",
                weight="bold",
                id="shift-" + card["id"],
                style={"min_height": TOUCH, "display": "flex", "align_items": "center"},
            ),
            width="100%",
        ),
        shift_facts(card),
        link_button("coord.shift_open", "/shifts/" + card["id"]),
        spacing="3",
        class_name="shift-card",
        style=CARD,
    )


def _review_card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(card["name"], size="5", weight="bold"),
            rx.spacer(),
            status_chip(card["status"]),
            width="100%",
            align="center",
        ),
        rx.text(card["kind"], " · ", card["when"], size="3"),
        rx.text(card["place"], size="3", color_scheme="gray"),
        fact(card["times"]),
        fact(card["proposed"], weight="medium"),
        rx.text(card["todo"], size="3", color="var(--amber-11)"),
        link_button("coord.review_open", "/shifts/" + card["shift_id"] + "#sign-up-" + card["id"]),
        spacing="2",
        class_name="review-card",
        id="review-" + card["id"],
        style=CARD,
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.cond(S.status == "review", _review_card(card), _shift_card(card))


def _create_form() -> rx.Component:
    e = S.errors
    return rx.form(
        rx.vstack(
            rx.heading(T("coord.new_shift"), size="4", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=S.client_id),
            rx.flex(
                select_field(
                    "shift.kind",
                    "kind",
                    e,
                    [(k.value, f"shift_kind.{k.value}") for k in ShiftKind],
                    required=True,
                ),
                select_field(
                    "shift.area",
                    "area_id",
                    e,
                    rx.fragment(
                        rx.el.option(T("coord.own_area"), value=""),
                        rx.foreach(S.areas, lambda a: rx.el.option(a["label"], value=a["id"])),
                    ),
                ),
                **PAIR,
            ),
            field("shift.place", "place", e, required=True, max_length=rules.PLACE_MAX),
            rx.flex(
                field("shift.starts_at", "starts_at", e, type="datetime-local", required=True),
                field("shift.ends_at", "ends_at", e, type="datetime-local", required=True),
                **PAIR,
            ),
            rx.flex(
                field(
                    "shift.capacity",
                    "capacity",
                    e,
                    type="number",
                    required=True,
                    min=1,
                    max=rules.MAX_CAPACITY,
                    default_value="1",
                ),
                select_field(
                    "shift.needs_training",
                    "needs_training",
                    e,
                    [("", "coord.no_training")] + [(t, f"training.{t}") for t in TRAININGS],
                ),
                **PAIR,
            ),
            choice("checkbox", "needs_insurance", "on", "shift.needs_insurance"),
            field("shift.task", "task", e, max_length=rules.TASK_MAX, help_key="coord.task_help"),
            field("shift.first_name", "first_name", e, max_length=rules.FIRST_NAME_MAX),
            rx.flex(
                submit_button("coord.create_shift", id="create-shift-submit"),
                cancel_button("coord.cancel", S.close_create, width="100%"),
                **PAIR,
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.create,
        id="create-shift-form",
        style=CARD,
    )


def shifts_manage_page() -> rx.Component:
    return shell(
        "coord.shifts_title",
        coordination_links("/shifts/manage"),
        rx.cond(
            S.allowed,
            rx.fragment(
                rx.cond(
                    S.creating,
                    _create_form(),
                    rx.button(
                        rx.icon("calendar-plus", size=20),
                        T("coord.new_shift"),
                        on_click=S.open_create,
                        size="3",
                        min_height=TOUCH,
                        id="new-shift",
                        style={"align_self": "flex-start"},
                    ),
                ),
                queue_body(S, TABS, "coord.tab.{}", _card, "coord.shifts_empty", "shift-grid"),
            ),
        ),
    )
