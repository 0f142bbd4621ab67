"""意见反馈 on a coordinator's tablet, /feedback/manage: the public's complaints and suggestions about their area as
two tabs with their counts (to answer, oldest first, overdue ones badged; answered), the answer form opening inside
its card with the sender's number to call back."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.forms import textarea_field
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.feedback import ANSWER_MAX, QUEUES
from jingkang_app.state.feedback_queue import FeedbackQueueState as Q


def _header(card: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(card["reference"], size="4", weight="bold"),
        rx.badge(
            card["kind"],
            size="2",
            color_scheme=rx.cond(card["kind_code"] == "complaint", "orange", "blue"),
        ),
        rx.cond(
            card["overdue"] != "",
            rx.badge(T("feedback.overdue"), size="2", variant="solid", color_scheme="red"),
        ),
        rx.spacer(),
        rx.text(card["area"], size="3", color_scheme="gray"),
        align="center",
        width="100%",
        wrap="wrap",
    )


def _facts(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _header(card),
        rx.text(card["received"], " · ", card["answer_by"], size="3", color_scheme="gray"),
        rx.text(card["content"], size="3", white_space="pre-wrap"),
        rx.text(card["contact"], size="3"),
        rx.cond(
            card["answer"] != "",
            rx.vstack(
                rx.text(card["answered"], size="3", weight="medium"),
                rx.text(card["answer"], size="3", white_space="pre-wrap"),
                spacing="1",
                style={"border_left": "3px solid var(--teal-8)", "padding_left": "10px"},
            ),
        ),
        spacing="2",
        width="100%",
        align="start",
    )


def _answer_form(card: rx.Var) -> rx.Component:
    return card_form(
        rx.cond(Q.contact != "", rx.text(Q.contact, size="3", weight="medium", id="feedback-contact")),
        textarea_field(
            "feedback.answer_text",
            "answer",
            Q.errors,
            max_length=ANSWER_MAX,
            help_key="feedback.answer_help",
            required=True,
            rows=4,
        ),
        version=card["version"],
        confirm_key="feedback.confirm",
        on_submit=Q.submit_step,
        on_cancel=Q.close_step,
        cancel_key="feedback.cancel",
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _facts(card),
        rx.cond(
            Q.error_for == card["id"],
            rx.text(Q.card_error, color="var(--red-11)", size="3", role="alert"),
        ),
        rx.cond(
            Q.acting_id == card["id"],
            _answer_form(card),
            rx.cond(
                Q.status == "open",
                rx.button(
                    T("feedback.answer"),
                    on_click=Q.open_step(card["id"]),
                    size="3",
                    min_height=TOUCH,
                    width="100%",
                    id="answer-" + card["id"],
                ),
            ),
        ),
        spacing="3",
        class_name="feedback-card",
        style=CARD | {"border_color": rx.cond(card["overdue"] != "", "var(--red-7)", "var(--gray-5)")},
    )


def feedback_manage_page() -> rx.Component:
    return shell(
        "feedback.manage_title",
        rx.cond(
            Q.allowed, queue_body(Q, QUEUES, "feedback.tab.{}", _card, "feedback.empty", "feedback-queue")
        ),
    )
