"""One referral, /referrals/[rid], on a phone or a coordinator's tablet: what it is and where it stands, its dates
and deadlines (a late one in red), the history as a timeline, who holds it now, the steps the reader may take —
each opens a small form inside the card — and, for the receiving side only, the handover pack (交接单)."""

import reflex as rx

from jingkang_app.components.card_form import card_form
from jingkang_app.components.forms import field, textarea_field
from jingkang_app.components.notice import error_notice, success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.referrals import RETURN_REASON_MAX
from jingkang_app.domain.services.referrals import NOTE_MAX, REASON_MAX, RECEIVER_MAX
from jingkang_app.state.referral_detail import ReferralDetailState as D

ROW = {"width": "100%", "padding": "8px 0", "border_bottom": "1px solid var(--gray-4)"}


def _section(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.vstack(
        rx.heading(T(title_key), size="4", as_="h2"), *children, spacing="2", style=CARD, **props
    )


def _fact(label_key: str, value: rx.Var) -> rx.Component:
    return rx.cond(
        value != "",
        rx.hstack(
            rx.text(T(label_key), size="3", color_scheme="gray", min_width="6em"),
            rx.text(value, size="3", style={"overflow_wrap": "anywhere"}),
            align="start",
            style=ROW,
        ),
    )


def _header() -> rx.Component:
    r = D.referral
    return rx.vstack(
        rx.hstack(
            rx.link(
                r["name"],
                href="/recipients/" + r["recipient_id"],
                size="5",
                weight="bold",
                style={"min_height": TOUCH, "display": "flex", "align_items": "center"},
            ),
            rx.spacer(),
            rx.badge(r["status"], size="3", variant="soft", id="referral-status"),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.cond(r["id_masked"] != "", rx.text(r["id_masked"], size="3", color_scheme="gray")),
        rx.text(r["kind"], " · ", r["village"], size="3", weight="medium"),
        rx.cond(r["from_alert"] != "", rx.text(T("referral.from_alert"), size="3", color="var(--red-11)")),
        _fact("referral.route", r["route"]),
        _fact("referral.reason", r["reason"]),
        _fact("referral.receiver", r["receiver"]),
        _fact("referral.receiver_area", r["receiver_area"]),
        _fact("referral.return_reason", r["return_reason"]),
        _fact("referral_page.created_by", r["created_by"]),
        spacing="1",
        style=CARD,
    )


def _date(row: rx.Var) -> rx.Component:
    late = row["late"] != ""
    return rx.hstack(
        rx.text(row["label"], size="3", color_scheme="gray", min_width="6em"),
        rx.text(row["value"], size="3", weight=rx.cond(late, "bold", "regular")),
        rx.cond(late, rx.badge(T("referral.late"), color_scheme="red", variant="solid", size="2")),
        align="center",
        class_name=rx.cond(late, "referral-date late", "referral-date"),
        style=ROW,
    )


def _history_line(line: rx.Var) -> rx.Component:
    """One step on the timeline: a dot, the step, who and when, its note (退回's reason in red)."""
    returned = line["returned"] != ""
    return rx.el.li(
        rx.text(line["label"], size="3", weight="bold"),
        rx.text(line["by"], size="3", color_scheme="gray"),
        rx.cond(
            line["note"] != "",
            rx.text(line["note"], size="3", color=rx.cond(returned, "var(--red-11)", "inherit")),
        ),
        class_name="referral-step",
        style={
            "position": "relative",
            "padding": "0 0 12px 20px",
            "border_left": "2px solid var(--teal-6)",
            "margin_left": "6px",
            "list_style": "none",
            "_before": {
                "content": '""',
                "position": "absolute",
                "left": "-7px",
                "top": "6px",
                "width": "12px",
                "height": "12px",
                "border_radius": "6px",
                "background": rx.cond(returned, "var(--red-9)", "var(--teal-9)"),
            },
        },
    )


def _step_fields() -> rx.Component:
    """What the open step asks: 退回 its reason (required); filing again what was filed; any other, a note."""
    r, e = D.referral, D.errors
    return rx.match(
        D.acting_step,
        (
            "return",
            textarea_field(
                "referral.return_reason",
                "reason",
                e,
                max_length=RETURN_REASON_MAX,
                required=True,
                help_key="referral_page.return_help",
            ),
        ),
        rx.fragment(
            rx.cond(
                D.acting_files,
                rx.fragment(
                    rx.text(T("referral_page.resubmit_help"), size="3", color_scheme="gray"),
                    textarea_field(
                        "referral.reason",
                        "reason",
                        e,
                        max_length=REASON_MAX,
                        required=True,
                        default_value=r["reason"],
                    ),
                    field(
                        "referral.receiver",
                        "receiver",
                        e,
                        required=True,
                        max_length=RECEIVER_MAX,
                        default_value=r["receiver"],
                    ),
                ),
            ),
            textarea_field("referral.note", "note", e, max_length=NOTE_MAX),
        ),
    )


def _step_button(step: rx.Var) -> rx.Component:
    return rx.button(
        step["label"],
        on_click=D.open_step(step["step"]),
        size="3",
        min_height=TOUCH,
        variant=rx.cond(step["returns"] != "", "soft", "solid"),
        color_scheme=rx.cond(step["returns"] != "", "red", "teal"),
        id="step-" + step["step"],
        flex="1",
    )


def _actions() -> rx.Component:
    return _section(
        "referral.next_steps",
        rx.text(D.holders, size="3", weight="medium", id="referral-holders"),
        success_notice(D.saved, id="referral-saved"),
        error_notice(D.step_error, id="referral-step-error"),
        rx.cond(
            D.acting_step != "",
            card_form(
                rx.heading(D.acting_label, size="4", as_="h3"),
                _step_fields(),
                version=D.referral["version"],
                confirm_key="referral_page.confirm",
                cancel_key="referral_page.cancel",
                on_submit=D.submit_step,
                on_cancel=D.close_step,
            ),
            rx.cond(
                D.steps.length() > 0,
                rx.hstack(rx.foreach(D.steps, _step_button), width="100%", wrap="wrap"),
                rx.text(T("referral_page.no_steps"), size="3", color_scheme="gray"),
            ),
        ),
        id="referral-actions",
    )


def _handover_line(line: rx.Var) -> rx.Component:
    return rx.cond(
        line["kind"] == "heading",
        rx.heading(line["label"], size="3", as_="h3", padding_top="8px"),
        rx.hstack(
            rx.text(line["label"], size="3", color_scheme="gray", min_width="6em"),
            rx.text(line["value"], size="3", style={"overflow_wrap": "anywhere"}),
            align="start",
            style=ROW,
        ),
    )


def referral_detail_page() -> rx.Component:
    return shell(
        "referral.title",
        rx.cond(
            D.found,
            rx.fragment(
                _header(),
                _actions(),
                _section("referral_page.dates", rx.foreach(D.dates, _date), id="referral-dates"),
                _section(
                    "referral.history",
                    rx.cond(
                        D.history.length() > 0,
                        rx.el.ol(rx.foreach(D.history, _history_line), style={"margin": "0", "padding": "0"}),
                        rx.text(T("referral_page.history_empty"), size="3", color_scheme="gray"),
                    ),
                    id="referral-history",
                ),
                rx.cond(
                    D.handover.length() > 0,
                    _section(
                        "referral.handover.title",
                        rx.foreach(D.handover, _handover_line),
                        id="referral-handover",
                    ),
                ),
            ),
        ),
        rx.link(
            T("referral_page.back_to_list"),
            href="/referrals",
            size="3",
            style={"display": "inline-flex", "align_items": "center", "min_height": TOUCH},
        ),
    )
