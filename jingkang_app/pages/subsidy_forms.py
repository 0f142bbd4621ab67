"""The step forms of the 监护补贴 page, opened inside a card: the village committee's 看护管理记录, the township's
approval or rejection, and the yearly payment. Uncontrolled inputs, errors beside their fields."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, textarea_field
from jingkang_app.components.text import T
from jingkang_app.domain.rules.subsidy import CHECK_DUTIES, QUARTERS
from jingkang_app.state.subsidy import SubsidyState as S

NOTE_MAX = 500  # the services keep at most this much of a reason or note


def _required(label_key: str) -> rx.Component:
    return rx.fragment(T(label_key), rx.el.span(" *", color="var(--red-11)", aria_hidden="true"))


def _quarter() -> rx.Component:
    """Only the quarters the service says are open now; the latest one is chosen to begin with."""
    return choice_fieldset(
        _required("subsidy.quarter"),
        error_text(S.errors, "quarter"),
        "quarter-error",
        *[
            rx.cond(
                S.quarters.contains(str(q)),
                choice(
                    "radio",
                    "quarter",
                    str(q),
                    f"subsidy.quarter.{q}",
                    default_checked=S.default_quarter == str(q),
                ),
            )
            for q in QUARTERS
        ],
    )


def _duties() -> rx.Component:
    return choice_fieldset(
        "subsidy.duties",
        rx.fragment(),
        "duties-error",
        *[choice("checkbox", duty, "on", f"subsidy.{duty}") for duty in CHECK_DUTIES],
        columns="1fr",
    )


def _verdict() -> rx.Component:
    return choice_fieldset(
        _required("subsidy.verdict"),
        error_text(S.errors, "passed"),
        "passed-error",
        choice("radio", "passed", "yes", "subsidy.verdict.yes"),
        choice("radio", "passed", "no", "subsidy.verdict.no"),
    )


def _check_fields() -> rx.Component:
    return rx.cond(
        S.quarters.length() > 0,
        rx.fragment(
            rx.heading(T("subsidy.check"), size="4", as_="h3"),
            _quarter(),
            _duties(),
            _verdict(),
            textarea_field(
                "subsidy.check_note",
                "note",
                S.errors,
                max_length=NOTE_MAX,
                help_key="subsidy.check_note_help",
            ),
        ),
        rx.text(T("subsidy.no_quarter_open"), size="3"),
    )


def _payment_fields() -> rx.Component:
    return rx.fragment(
        field(
            "subsidy.paid_on",
            "paid_on",
            S.errors,
            type="date",
            default_value=S.today,
            max=S.today,
            help_key="subsidy.paid_on_help",
        ),
        textarea_field("subsidy.payment_note", "note", S.errors, max_length=NOTE_MAX),
    )


def _step_fields() -> rx.Component:
    return rx.match(
        S.acting_step,
        (
            "approve",
            textarea_field(
                "subsidy.approve_reason",
                "reason",
                S.errors,
                max_length=NOTE_MAX,
                help_key="subsidy.approve_help",
            ),
        ),
        (
            "reject",
            textarea_field("subsidy.reject_reason", "reason", S.errors, max_length=NOTE_MAX),
        ),
        ("pay", _payment_fields()),
        _check_fields(),
    )


def _can_submit() -> rx.Var:
    return (S.acting_step != "check") | (S.quarters.length() > 0)


def step_form(card: rx.Var) -> rx.Component:
    return card_form(
        rx.el.input(type="hidden", name="client_id", value=S.client_id),
        _step_fields(),
        version=card["version"],
        confirm_key="subsidy.confirm",
        cancel_key="subsidy.cancel",
        on_submit=S.submit_step,
        on_cancel=S.close_step,
        can_submit=_can_submit(),
    )
