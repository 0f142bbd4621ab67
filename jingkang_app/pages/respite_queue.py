"""喘息服务 queue on a coordinator's tablet: three queues (to decide, to arrange, to complete) as tabs with their
counts, the oldest request first; each step's form opens inside its card."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.card_header import recipient_header
from jingkang_app.components.forms import field, textarea_field
from jingkang_app.components.queue_page import queue_body
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.respite import QUEUES
from jingkang_app.state.respite_queue import RespiteQueueState as Q

REASON_MAX = 500
ARRANGEMENT_MAX = 100


def _facts(card: rx.Var) -> rx.Component:
    return rx.vstack(
        recipient_header(card, rx.badge(card["kind"], size="2")),
        rx.text(card["dates"], size="3", weight="medium"),
        rx.text(card["waited"], size="3", color_scheme="gray"),
        rx.text(card["reason"], size="3"),
        rx.text(
            card["burden"],
            size="3",
            weight=rx.cond(card["burden_high"] != "", "bold", "regular"),
            color=rx.cond(card["burden_high"] != "", "var(--amber-11)", "var(--gray-11)"),
        ),
        rx.cond(card["over"] != "", rx.text(card["over"], size="3", weight="medium", color="var(--red-11)")),
        rx.cond(card["arrangement"] != "", rx.text(card["arrangement"], size="3")),
        spacing="1",
        width="100%",
        align="start",
    )


def _step_fields(card: rx.Var) -> rx.Component:
    return rx.match(
        Q.acting_step,
        (
            "approve",
            textarea_field(
                "queue.approve_reason",
                "reason",
                Q.errors,
                max_length=REASON_MAX,
                help_key="queue.approve_help",
            ),
        ),
        ("reject", textarea_field("queue.reject_reason", "reason", Q.errors, max_length=REASON_MAX)),
        rx.cond(
            card["kind_code"] == "home",
            field("queue.carer", "carer", Q.errors, required=True, max_length=ARRANGEMENT_MAX),
            field("queue.place", "place", Q.errors, required=True, max_length=ARRANGEMENT_MAX),
        ),
    )


def _step_form(card: rx.Var) -> rx.Component:
    return card_form(
        _step_fields(card),
        version=card["version"],
        confirm_key="queue.confirm",
        on_submit=Q.submit_step,
        on_cancel=Q.close_step,
    )


def _button(label_key: str, on_click, **props) -> rx.Component:
    return rx.button(T(label_key), on_click=on_click, size="3", min_height=TOUCH, flex="1", **props)


def _actions(card: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.match(
            Q.status,
            (
                "pending",
                rx.fragment(
                    _button("queue.approve", Q.open_step(card["id"], "approve")),
                    _button(
                        "queue.reject", Q.open_step(card["id"], "reject"), variant="soft", color_scheme="red"
                    ),
                ),
            ),
            ("approved", _button("queue.arrange", Q.open_step(card["id"], "arrange"))),
            _button("queue.complete", Q.complete(card["id"], card["version"])),
        ),
        # 居家喘息 approved or arranged: a volunteer to help at home, in one tap (then the shift's page).
        rx.cond(
            (Q.status != "pending") & (card["kind_code"] == "home"),
            _button(
                "coord.make_shift",
                Q.make_shift(card["id"], card["shift_client_id"]),
                variant="soft",
                id="make-shift-" + card["id"],
            ),
        ),
        width="100%",
        wrap="wrap",
    )


def _card(card: rx.Var) -> rx.Component:
    return rx.vstack(
        _facts(card),
        rx.cond(
            Q.error_for == card["id"],
            rx.text(Q.card_error, color="var(--red-11)", size="3", role="alert"),
        ),
        rx.cond(Q.acting_id == card["id"], _step_form(card), _actions(card)),
        spacing="3",
        class_name="respite-card",
        style=CARD,
    )


def respite_queue_page() -> rx.Component:
    return shell(
        "queue.title",
        rx.cond(Q.allowed, queue_body(Q, QUEUES, "queue.tab.{}", _card, "queue.empty", "respite-queue")),
    )
