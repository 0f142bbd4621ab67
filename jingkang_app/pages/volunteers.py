"""志愿者名册 on a coordinator's tablet: one tab per status with its count, the volunteers as cards (two columns on a
tablet, one on a phone) with the steps each status allows, and 「添加志愿者」. A volunteer's points, hours and
certificates are on their own page (pages/volunteer_detail.py)."""

import reflex as rx

from jingkang_app.components.card_form import cancel_button, card_form
from jingkang_app.components.coordination import (
    action_button,
    coordination_links,
    fact,
    link_button,
    status_chip,
)
from jingkang_app.components.forms import field, select_field, submit_button, textarea_field
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.components.volunteer_profile import insurance_field, profile_fields
from jingkang_app.domain.rules.volunteer_registry import ID_NUMBER_MAX, ID_TYPES, NAME_MAX, REASON_MAX
from jingkang_app.domain.services.users import MIN_PASSWORD_LENGTH
from jingkang_app.state.volunteer_registry import STATUSES
from jingkang_app.state.volunteer_registry import VolunteerRegistryState as V


def labelled(label_key: str, value: rx.Var) -> rx.Component:
    return rx.text(rx.el.strong(T(label_key)), " ", value, size="3")


def volunteer_facts(card: rx.Var) -> rx.Component:
    """What a coordinator needs to place a volunteer: where they serve, what they offer, their cover."""
    return rx.vstack(
        rx.text(card["area"], " · ", card["phone"], size="3", color_scheme="gray"),
        rx.cond(card["number"] != "", labelled("volunteer.volunteer_no", card["number"])),
        labelled("volunteer.skills", card["skills"]),
        labelled("volunteer.availability", card["availability"]),
        rx.text(card["insured"], size="3"),
        labelled("volunteer.trainings", card["trainings"]),
        fact(card["reason"], color_scheme="gray"),
        spacing="1",
        width="100%",
        align="start",
    )


def _heading(card: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.link(
            card["name"],
            href="/volunteers/" + card["id"],
            size="5",
            weight="bold",
            id="volunteer-" + card["id"],
            style={"min_height": TOUCH, "display": "flex", "align_items": "center"},
        ),
        rx.spacer(),
        status_chip(card["status_label"]),
        width="100%",
        align="center",
    )


def _step_form(card: rx.Var) -> rx.Component:
    return card_form(
        rx.match(
            V.acting_step,
            (
                "reject",
                textarea_field(
                    "coord.reason.reject", "reason", V.errors, max_length=REASON_MAX, required=True
                ),
            ),
            (
                "pause",
                textarea_field(
                    "coord.reason.pause", "reason", V.errors, max_length=REASON_MAX, required=True
                ),
            ),
            textarea_field("coord.reason.leave", "reason", V.errors, max_length=REASON_MAX, required=True),
        ),
        version=card["version"],
        confirm_key="coord.confirm",
        on_submit=V.submit_step,
        on_cancel=V.close_step,
        cancel_key="coord.cancel",
    )


def _one_tap(card: rx.Var, label_key: str, step: str) -> rx.Component:
    return action_button(label_key, V.take_step(card["id"], step, card["version"]))


def _with_reason(card: rx.Var, label_key: str, step: str, **props) -> rx.Component:
    return action_button(label_key, V.open_step(card["id"], step), variant="soft", **props)


def _actions(card: rx.Var) -> rx.Component:
    """批准 and 恢复 in one tap; 驳回, 暂停 and 退出 ask for the reason the volunteer is told."""
    leave = _with_reason(card, "coord.step.leave", "leave", color_scheme="red")
    return rx.flex(
        rx.match(
            card["status"],
            (
                "pending",
                rx.fragment(
                    _one_tap(card, "coord.step.approve", "approve"),
                    _with_reason(card, "coord.step.reject", "reject", color_scheme="red"),
                ),
            ),
            ("active", rx.fragment(_with_reason(card, "coord.step.pause", "pause"), leave)),
            ("paused", rx.fragment(_one_tap(card, "coord.step.resume", "resume"), leave)),
            rx.fragment(),
        ),
        link_button("coord.volunteer_open", "/volunteers/" + card["id"]),
        spacing="2",
        wrap="wrap",
        width="100%",
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(card),
        volunteer_facts(card),
        rx.cond(
            V.error_for == card["id"], rx.text(V.card_error, color="var(--red-11)", size="3", role="alert")
        ),
        rx.cond(V.acting_id == card["id"], _step_form(card), _actions(card)),
        spacing="3",
        class_name="volunteer-card",
        style=CARD,
    )


def _add_form() -> rx.Component:
    e = V.add_errors
    return rx.form(
        rx.vstack(
            rx.heading(T("coord.add_volunteer"), size="4", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=V.add_client_id),
            field("volunteer.name", "name", e, required=True, max_length=NAME_MAX),
            field("volunteer.phone", "phone", e, type="tel", required=True, input_mode="numeric"),
            field(
                "coord.initial_password",
                "password",
                e,
                type="password",
                required=True,
                min_length=MIN_PASSWORD_LENGTH,
                help_key="coord.initial_password_help",
                auto_complete="new-password",
            ),
            select_field(
                "volunteer.area",
                "area_id",
                e,
                rx.foreach(V.areas, lambda a: rx.el.option(a["label"], value=a["id"])),
                required=True,
            ),
            select_field(
                "volunteer.id_type",
                "id_type",
                e,
                [("", "coord.not_given")] + [(k, f"id_type.{k}") for k in ID_TYPES],
            ),
            field("volunteer.id_number", "id_number", e, max_length=ID_NUMBER_MAX),
            profile_fields(e),
            insurance_field(e),
            rx.flex(
                submit_button("coord.add_volunteer_submit", id="add-volunteer-submit"),
                cancel_button("coord.cancel", V.close_add, width="100%"),
                spacing="2",
                direction=rx.breakpoints(initial="column", sm="row"),
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=V.add,
        id="add-volunteer-form",
        style=CARD,
    )


def volunteers_page() -> rx.Component:
    return shell(
        "coord.volunteers_title",
        coordination_links("/volunteers"),
        rx.cond(
            V.allowed,
            rx.fragment(
                rx.cond(
                    V.adding,
                    _add_form(),
                    rx.button(
                        rx.icon("user-plus", size=20),
                        T("coord.add_volunteer"),
                        on_click=V.open_add,
                        size="3",
                        min_height=TOUCH,
                        id="add-volunteer",
                        style={"align_self": "flex-start"},
                    ),
                ),
                queue_body(
                    V, STATUSES, "volunteer_status.{}", _card, "coord.volunteers_empty", "volunteer-grid"
                ),
            ),
        ),
    )
