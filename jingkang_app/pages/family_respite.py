"""The caregiver's burden check (照护负担自评) and respite requests (喘息服务) on a phone."""

import reflex as rx

from jingkang_app.components.choices import LABEL, choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, submit_button, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.burden import ANSWERS
from jingkang_app.domain.rules.respite import RATINGS, RespiteKind
from jingkang_app.state.family_respite import ANSWER_FIELD, BurdenState, RespiteFamilyState

REASON_MAX = 500
ANSWER_TILE = {
    "display": "flex",
    "flex_direction": "column",
    "align_items": "center",
    "justify_content": "center",
    "gap": "2px",
    "min_height": TOUCH,
    "padding": "4px 2px",
    "border": "1px solid var(--gray-6)",
    "border_radius": "8px",
    "font_size": "16px",
    "cursor": "pointer",
}


def _answer(question: rx.Var, value: int, defaults: rx.Var) -> rx.Component:
    """One of 从不 … 总是 as a tile; five fit across a 360 px phone."""
    name = ANSWER_FIELD + question["key"]
    input_id = name + f"-{value}"
    return rx.el.label(
        rx.el.input(
            type="radio",
            name=name,
            value=str(value),
            id=input_id,
            default_checked=defaults[question["key"]] == str(value),
            style={"width": "22px", "height": "22px"},
        ),
        T(f"burden.answer.{value}"),
        html_for=input_id,
        style=ANSWER_TILE,
    )


def _question(question: rx.Var, defaults: rx.Var) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(question["label"], style=LABEL | {"margin_bottom": "6px"}),
        rx.el.div(
            *[_answer(question, value, defaults) for value in ANSWERS],
            style={"display": "grid", "grid_template_columns": "repeat(5, 1fr)", "gap": "4px"},
        ),
        style={"border": "none", "padding": "0", "margin": "0", "min_width": "0", "width": "100%"},
    )


def burden_questions(state, defaults: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(T("burden.intro"), size="3", color_scheme="gray"),
        rx.foreach(state.questions, lambda q: _question(q, defaults)),
        error_text(state.errors, "burden_answers"),
        spacing="4",
        width="100%",
    )


def burden_page() -> rx.Component:
    return shell(
        "burden.title",
        rx.cond(
            BurdenState.rid != "",
            rx.fragment(
                rx.form(
                    rx.vstack(
                        rx.heading(BurdenState.relative_name, size="5", as_="h2"),
                        burden_questions(BurdenState, BurdenState.answers),
                        submit_button("burden.submit"),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=BurdenState.assess,
                    style=CARD,
                ),
                rx.cond(
                    BurdenState.result != "",
                    rx.vstack(
                        rx.text(
                            BurdenState.result, size="4", weight="medium", role="status", id="burden-result"
                        ),
                        rx.cond(
                            BurdenState.high,
                            rx.link(
                                rx.button(T("family.ask_respite"), size="3", min_height=TOUCH, width="100%"),
                                href="/family/respite" + BurdenState.query,
                                width="100%",
                            ),
                        ),
                        spacing="3",
                        style=CARD
                        | {"background": rx.cond(BurdenState.high, "var(--amber-2)", "var(--teal-2)")},
                    ),
                ),
            ),
        ),
    )


def _kind() -> rx.Component:
    return choice_fieldset(
        rx.fragment(T("respite.kind"), rx.el.span(" *", color="var(--red-11)", aria_hidden="true")),
        error_text(RespiteFamilyState.errors, "kind"),
        "kind-error",
        *[choice("radio", "kind", k.value, f"respite.kind.{k.value}") for k in RespiteKind],
        columns="1fr",
    )


def _request_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T("respite.new"), size="5", as_="h2"),
            rx.text(RespiteFamilyState.quota_line, size="3", weight="medium", id="respite-quota"),
            rx.el.input(type="hidden", name="client_id", value=RespiteFamilyState.client_id),
            _kind(),
            rx.flex(
                field(
                    "respite.start_date", "start_date", RespiteFamilyState.errors, type="date", required=True
                ),
                field("respite.end_date", "end_date", RespiteFamilyState.errors, type="date", required=True),
                spacing="3",
                direction=rx.breakpoints(initial="column", xs="row"),
                width="100%",
            ),
            textarea_field(
                "respite.reason", "reason", RespiteFamilyState.errors, max_length=REASON_MAX, required=True
            ),
            rx.el.details(
                rx.el.summary(
                    T("respite.burden_optional"), style=LABEL | {"min_height": TOUCH, "cursor": "pointer"}
                ),
                burden_questions(RespiteFamilyState, RespiteFamilyState.burden_defaults),
                open=RespiteFamilyState.burden_defaults.length() > 0,
            ),
            submit_button("respite.submit"),
            spacing="4",
            width="100%",
        ),
        on_submit=RespiteFamilyState.submit,
        id="respite-form",
        style=CARD,
    )


def _rating_form(card: rx.Var) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="version", value=card["version"]),
            choice_fieldset(
                "respite.rating",
                rx.fragment(),
                "rating-error",
                *[choice("radio", "rating", str(n), f"respite.stars.{n}") for n in RATINGS],
                columns="repeat(5, 1fr)",
            ),
            textarea_field("respite.comment", "comment", RespiteFamilyState.errors, max_length=REASON_MAX),
            submit_button("respite.rate"),
            spacing="3",
            width="100%",
        ),
        on_submit=RespiteFamilyState.rate,
        width="100%",
    )


def _request(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(card["kind"], size="4", weight="bold"),
            rx.spacer(),
            rx.badge(
                card["status"],
                size="2",
                color_scheme=rx.match(
                    card["status_code"],
                    ("pending", "gray"),
                    ("rejected", "red"),
                    ("cancelled", "gray"),
                    "green",
                ),
                class_name="respite-status",
            ),
            width="100%",
            align="center",
        ),
        rx.text(card["dates"], size="3"),
        rx.cond(card["decision"] != "", rx.text(card["decision"], size="3", color="var(--red-11)")),
        rx.cond(card["arrangement"] != "", rx.text(card["arrangement"], size="3")),
        rx.cond(card["rating"] != "", rx.text(card["rating"], size="3")),
        rx.cond(
            RespiteFamilyState.error_for == card["id"],
            rx.text(RespiteFamilyState.card_error, color="var(--red-11)", size="3", role="alert"),
        ),
        rx.cond(
            RespiteFamilyState.rating_id == card["id"],
            _rating_form(card),
            rx.hstack(
                rx.cond(
                    card["can_rate"] != "",
                    rx.button(
                        T("respite.rate"),
                        on_click=RespiteFamilyState.start_rating(card["id"]),
                        size="3",
                        min_height=TOUCH,
                    ),
                ),
                rx.cond(
                    card["can_cancel"] != "",
                    rx.button(
                        T("respite.cancel"),
                        on_click=RespiteFamilyState.cancel(card["id"], card["version"]),
                        size="3",
                        min_height=TOUCH,
                        variant="soft",
                        color_scheme="gray",
                    ),
                ),
            ),
        ),
        spacing="2",
        class_name="respite-request",
        style=CARD,
    )


def respite_page() -> rx.Component:
    return shell(
        "respite.title",
        rx.cond(
            RespiteFamilyState.rid != "",
            rx.fragment(
                success_notice(RespiteFamilyState.saved, id="respite-saved"),
                _request_form(),
                rx.heading(T("respite.mine"), size="4", as_="h2"),
                rx.cond(
                    RespiteFamilyState.requests.length() > 0,
                    rx.foreach(RespiteFamilyState.requests, _request),
                    rx.text(T("respite.none"), size="3", color_scheme="gray"),
                ),
                rx.link(T("family.back_home"), href="/family" + RespiteFamilyState.query, size="3"),
            ),
        ),
    )
