"""One shift on a coordinator's tablet, /shifts/<id>: what it asks (and 「取消班次」 with a reason before it starts),
the roster — each volunteer's status and times, with 「更正时间」, 「核实时长」 and 「未到」 opening inside their row —
and 「匹配志愿者」: who fits, ranked, each reason on its own line, the weekly hours warning, and 「邀请」."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.coordination import action_button, coordination_links, fact, status_chip
from jingkang_app.components.forms import field, select_field, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules import volunteer_hours
from jingkang_app.domain.rules.volunteer_shifts import REASON_MAX
from jingkang_app.pages.shifts_manage import PAIR, shift_facts
from jingkang_app.state.shift_detail import ShiftDetailState as D

ROW = {"padding": "12px 0", "border_bottom": "1px solid var(--gray-4)", "width": "100%"}
ALERT = {"color": "var(--red-11)", "size": "3", "role": "alert"}
RATINGS = [("", "coord.no_rating")] + [(str(n), f"coord.rating.{n}") for n in volunteer_hours.RATINGS]


def _form(*fields: rx.Component, version: rx.Var, confirm_key: str) -> rx.Component:
    return card_form(
        *fields,
        version=version,
        confirm_key=confirm_key,
        on_submit=D.submit_step,
        on_cancel=D.close_step,
        cancel_key="coord.cancel",
    )


# --- the shift ----------------------------------------------------------------------------------------------


def _cancel_form() -> rx.Component:
    return _form(
        textarea_field(
            "shift.cancel_reason",
            "reason",
            D.errors,
            max_length=REASON_MAX,
            required=True,
            help_key="coord.cancel_shift_help",
        ),
        version=D.shift["version"],
        confirm_key="coord.confirm_cancel_shift",
    )


def _shift() -> rx.Component:
    return rx.vstack(
        rx.heading(D.shift["kind"], size="6", as_="h2"),
        shift_facts(D.shift),
        rx.cond(
            ~D.started & ~D.cancelled,
            rx.cond(
                D.acting_step == "cancel",
                _cancel_form(),
                action_button(
                    "coord.cancel_shift",
                    D.open_step("shift", "cancel"),
                    variant="soft",
                    color_scheme="red",
                    id="cancel-shift",
                    style={"align_self": "flex-start"},
                ),
            ),
        ),
        spacing="3",
        width="100%",
        id="shift-facts",
        style=CARD,
    )


# --- the roster ---------------------------------------------------------------------------------------------


def _correct_form(row: rx.Var) -> rx.Component:
    return _form(
        rx.flex(
            field(
                "service.checked_in_at",
                "check_in_at",
                D.errors,
                type="datetime-local",
                required=True,
                default_value=row["check_in_value"],
            ),
            field(
                "service.checked_out_at",
                "check_out_at",
                D.errors,
                type="datetime-local",
                required=True,
                default_value=row["check_out_value"],
            ),
            **PAIR,
        ),
        textarea_field(
            "coord.correct_reason", "reason", D.errors, max_length=volunteer_hours.REASON_MAX, required=True
        ),
        version=row["version"],
        confirm_key="coord.confirm",
    )


def _verify_form(row: rx.Var) -> rx.Component:
    return _form(
        rx.text(row["proposed_text"], size="3", weight="medium"),
        field(
            "service.verified_minutes",
            "verified_minutes",
            D.errors,
            type="number",
            min=0,
            default_value=row["proposed"],
            help_key="coord.verify_help",
        ),
        textarea_field("coord.verify_reason", "reason", D.errors, max_length=volunteer_hours.REASON_MAX),
        select_field("service.rating", "rating", D.errors, RATINGS),
        version=row["version"],
        confirm_key="coord.confirm_verify",
    )


def _row_actions(row: rx.Var) -> rx.Component:
    return rx.flex(
        rx.cond(
            row["can_verify"] != "",
            action_button("coord.verify", D.open_step(row["id"], "verify"), id="verify-" + row["id"]),
        ),
        rx.cond(
            row["can_correct"] != "",
            action_button(
                "coord.correct", D.open_step(row["id"], "correct"), variant="soft", id="correct-" + row["id"]
            ),
        ),
        rx.cond(
            row["can_no_show"] != "",
            action_button(
                "coord.no_show",
                D.no_show(row["id"], row["version"]),
                variant="soft",
                color_scheme="red",
                id="no-show-" + row["id"],
            ),
        ),
        spacing="2",
        wrap="wrap",
        width="100%",
    )


def _roster_row(row: rx.Var) -> rx.Component:
    acting = D.acting_id == row["id"]
    return rx.vstack(
        rx.hstack(
            rx.text(row["name"], size="4", weight="bold"),
            status_chip(row["status_label"]),
            rx.spacer(),
            rx.text(row["phone"], size="3", color_scheme="gray"),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        fact(row["invited"], color_scheme="gray"),
        fact(row["times"]),
        fact(row["proposed_text"]),
        fact(row["verified"], weight="medium"),
        fact(row["correction"], color_scheme="gray"),
        rx.cond(D.error_for == row["id"], rx.text(D.card_error, **ALERT)),
        rx.cond(
            acting,
            rx.match(
                D.acting_step, ("verify", _verify_form(row)), ("correct", _correct_form(row)), rx.fragment()
            ),
            _row_actions(row),
        ),
        spacing="1",
        id="sign-up-" + row["id"],
        class_name="roster-row",
        style=ROW,
    )


def _roster() -> rx.Component:
    return rx.vstack(
        rx.heading(T("coord.roster"), size="4", as_="h2"),
        rx.cond(
            D.cards.length() > 0,
            rx.vstack(rx.foreach(D.cards, _roster_row), spacing="0", width="100%"),
            rx.text(T("coord.roster_empty"), size="3", color_scheme="gray"),
        ),
        spacing="2",
        width="100%",
        id="shift-roster",
        style=CARD,
    )


# --- matching -----------------------------------------------------------------------------------------------


def _match(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row["name"], size="4", weight="bold"),
            rx.text(row["area"], size="3", color_scheme="gray"),
            width="100%",
            align="baseline",
            wrap="wrap",
        ),
        rx.text(row["why"], size="3", white_space="pre-line"),
        fact(row["weekly"], color="var(--amber-11)", weight="medium"),
        rx.cond(D.error_for == row["id"], rx.text(D.card_error, **ALERT)),
        rx.cond(
            row["signed"] != "",
            status_chip(row["signed"]),
            action_button(
                "coord.invite",
                D.invite(row["volunteer_id"]),
                variant=rx.cond(row["qualifies"] != "", "solid", "soft"),
                id="invite-" + row["volunteer_id"],
                style={"align_self": "flex-start"},
            ),
        ),
        spacing="1",
        class_name="match-row",
        style=ROW,
    )


def _matching() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(T("coord.matches"), size="4", as_="h2"),
            rx.spacer(),
            rx.cond(
                D.matching,
                action_button("coord.hide_matches", D.hide_matches, variant="soft", flex="none"),
                action_button("coord.match", D.show_matches, id="match-volunteers", flex="none"),
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            D.matching,
            rx.cond(
                D.matches.length() > 0,
                rx.vstack(rx.foreach(D.matches, _match), spacing="0", width="100%", id="match-list"),
                rx.text(T("coord.matches_empty"), size="3", color_scheme="gray"),
            ),
            rx.text(T("coord.match_help"), size="3", color_scheme="gray"),
        ),
        spacing="2",
        width="100%",
        style=CARD,
    )


def shift_detail_page() -> rx.Component:
    return shell(
        "coord.shift_title",
        rx.link(
            rx.icon("chevron-left", size=20),
            T("coord.shifts_title"),
            href="/shifts/manage",
            size="3",
            style={"display": "flex", "align_items": "center", "gap": "4px", "min_height": TOUCH},
        ),
        rx.cond(
            D.found,
            rx.fragment(
                success_notice(D.saved, id="shift-saved"),
                rx.cond(
                    D.warning != "",
                    rx.callout(
                        D.warning, icon="triangle-alert", color_scheme="amber", role="status", width="100%"
                    ),
                ),
                rx.grid(
                    rx.vstack(_shift(), _roster(), spacing="3", width="100%"),
                    rx.cond(~D.started & ~D.cancelled, _matching()),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3",
                    width="100%",
                ),
            ),
        ),
        coordination_links(""),
    )
