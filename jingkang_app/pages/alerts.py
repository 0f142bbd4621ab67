"""复发预警: the open alerts a doctor, social worker or coordinator may handle, as cards for a phone. 接单 takes
one; 处置完毕 opens the outcome form inside its card."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.card_header import recipient_header
from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import error_text, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.models import AlertOutcome
from jingkang_app.state.alerts import AlertsState

NOTE_MAX = 500  # services.alerts.close keeps at most this much
LABEL = {"font_weight": "600", "font_size": "16px"}


def _header(card: rx.Var) -> rx.Component:
    return recipient_header(
        card,
        rx.badge(
            card["status"], color_scheme=rx.cond(card["open"] != "", "red", "blue"), size="2", variant="solid"
        ),
    )


def _deadline(card: rx.Var) -> rx.Component:
    """Only an untaken alert runs against its deadline; late, it is red and says so in words."""
    return rx.cond(
        card["open"] != "",
        rx.hstack(
            rx.text(
                card["deadline"],
                size="3",
                weight="medium",
                color=rx.cond(card["late"] != "", "var(--red-11)", "var(--gray-12)"),
            ),
            rx.cond(card["late"] != "", rx.badge(T("alerts.late"), color_scheme="red", size="2")),
            align="center",
            wrap="wrap",
        ),
    )


def _facts(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(card["village"], size="3", color_scheme="gray"),
        rx.text(card["why"], size="3", weight="medium", color="var(--orange-11)"),
        rx.text(card["raised"], size="3"),
        _deadline(card),
        rx.text(card["owner"], size="3"),
        rx.cond(card["taken_by"] != "", rx.text(card["taken_by"], size="3")),
        rx.badge(card["level"], color_scheme=rx.cond(card["escalated"] != "", "amber", "gray"), size="2"),
        spacing="1",
        align="start",
        width="100%",
    )


def _actions(card: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.cond(
            card["open"] != "",
            rx.button(
                T("alerts.accept"),
                on_click=AlertsState.take(card["id"], card["version"]),
                size="3",
                min_height=TOUCH,
                flex="1",
            ),
        ),
        rx.button(
            T("alerts.finish"),
            on_click=AlertsState.start_closing(card["id"]),
            size="3",
            min_height=TOUCH,
            flex="1",
            variant="soft",
        ),
        width="100%",
    )


def _outcome() -> rx.Component:
    return choice_fieldset(
        rx.fragment(T("alerts.outcome"), rx.el.span(" *", color="var(--red-11)", aria_hidden="true")),
        error_text(AlertsState.errors, "outcome"),
        "outcome-error",
        *[choice("radio", "outcome", o.value, f"alerts.outcome.{o.value}") for o in AlertOutcome],
        columns="1fr",
    )


def _note() -> rx.Component:
    return textarea_field(
        "alerts.note", "note", AlertsState.errors, max_length=NOTE_MAX, help_key="alerts.note_help"
    )


def _close_form(card: rx.Var) -> rx.Component:
    return card_form(
        rx.heading(T("alerts.finish_title"), size="4", as_="h3"),
        _outcome(),
        _note(),
        version=card["version"],
        confirm_key="alerts.confirm_finish",
        on_submit=AlertsState.close,
        on_cancel=AlertsState.cancel_closing,
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _header(card),
        _facts(card),
        rx.cond(
            AlertsState.error_for == card["id"],
            rx.text(AlertsState.card_error, color="var(--red-11)", size="3", role="alert"),
        ),
        rx.cond(AlertsState.closing_id == card["id"], _close_form(card), _actions(card)),
        spacing="3",
        class_name="alert-card",
        style=CARD
        | {"border_left": rx.cond(card["late"] != "", "6px solid var(--red-9)", "1px solid var(--gray-5)")},
    )


def _empty() -> rx.Component:
    return rx.vstack(
        rx.icon("circle-check-big", size=48, color="var(--teal-9)"),
        rx.text(T("alerts.empty"), size="3", text_align="center"),
        align="center",
        spacing="3",
        style=CARD | {"padding": "32px 16px"},
    )


def alerts_page() -> rx.Component:
    return shell(
        "alerts.title",
        rx.cond(
            AlertsState.allowed,
            rx.vstack(
                success_notice(AlertsState.saved),
                rx.cond(
                    AlertsState.cards.length() > 0,
                    rx.vstack(rx.foreach(AlertsState.cards, _card), spacing="3", width="100%", id="alerts"),
                    _empty(),
                ),
                # Only when there is more than one page: most townships have a handful of open alerts.
                rx.cond(AlertsState.has_next | AlertsState.has_previous, pager(AlertsState)),
                spacing="3",
                width="100%",
            ),
        ),
    )
