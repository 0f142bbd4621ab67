"""监护补贴 (以奖代补) for staff: applications waiting for a decision and approved ones as tabs with their counts, the
oldest first, as cards (two columns on a tablet, one on a phone). The village committee records each quarter's
看护管理记录 on them; the township or county approves, rejects and records the yearly payment. Each step's form
opens inside its card (pages/subsidy_forms.py)."""

import reflex as rx

from jingkang_app.components.card_header import recipient_header
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.subsidy import QUEUES
from jingkang_app.pages.subsidy_forms import step_form
from jingkang_app.state.subsidy import SubsidyState as S


def _facts(card: rx.Var) -> rx.Component:
    return rx.vstack(
        recipient_header(card, rx.text(card["year"], size="3", weight="medium")),
        rx.text(card["applied"], size="3", color_scheme="gray"),
        rx.text(card["passed"], size="3", weight="medium"),
        rx.cond(card["pay_later"] != "", rx.text(card["pay_later"], size="3", color_scheme="gray")),
        spacing="1",
        width="100%",
        align="start",
    )


def _button(label_key: str, step: str, card: rx.Var, **props) -> rx.Component:
    return rx.cond(
        S.steps.contains(step),
        rx.button(
            T(label_key),
            on_click=S.open_step(card["id"], step),
            size="3",
            min_height=TOUCH,
            flex="1 1 auto",
            **props,
        ),
    )


def _actions(card: rx.Var) -> rx.Component:
    """Pending: decide; approved: pay once the year is over. The committee's check on both."""
    return rx.flex(
        rx.cond(
            S.status == "pending",
            rx.fragment(
                _button("subsidy.approve", "approve", card),
                _button("subsidy.reject", "reject", card, variant="soft", color_scheme="red"),
            ),
            rx.cond(card["pay_later"] == "", _button("subsidy.record_payment", "pay", card)),
        ),
        _button("subsidy.record_check", "check", card, variant="outline"),
        spacing="2",
        wrap="wrap",
        width="100%",
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _facts(card),
        rx.cond(
            S.error_for == card["id"],
            rx.text(S.card_error, color="var(--red-11)", size="3", role="alert"),
        ),
        rx.cond(S.acting_id == card["id"], step_form(card), _actions(card)),
        spacing="3",
        class_name="subsidy-card",
        style=CARD | {"min_width": "0"},
    )


def subsidy_page() -> rx.Component:
    return shell(
        "subsidy.title",
        rx.cond(
            S.allowed,
            rx.vstack(
                rx.text(T("subsidy.intro"), size="3", color_scheme="gray"),
                queue_body(S, QUEUES, "subsidy.status.{}", _card, "subsidy.empty", "subsidy-queue"),
                spacing="3",
                width="100%",
            ),
        ),
    )
