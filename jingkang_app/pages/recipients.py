import reflex as rx

from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.recipients import RecipientDetailState, RecipientListState


def search_form(state, label_key: str) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.label(
                T(label_key),
                html_for="search",
                class_name="rt-sr-only",
                style={
                    "position": "absolute",
                    "width": "1px",
                    "height": "1px",
                    "overflow": "hidden",
                    "clip": "rect(0 0 0 0)",
                },
            ),
            rx.el.input(
                id="search",
                name="search",
                type="search",
                default_value=state.search,
                placeholder=T(label_key),
                style=INPUT | {"flex": "1", "min_width": "0", "width": "auto"},
            ),
            rx.button(
                rx.icon("search", size=18), T("list.search"), type="submit", size="3", min_height=TOUCH
            ),
            width="100%",
        ),
        on_submit=state.submit_search,
        width="100%",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    rx.text(row["name"], weight="bold", size="4"),
                    rx.cond(row["risk"] != "", rx.badge(row["risk"], color_scheme="red", size="2")),
                ),
                rx.text(row["who"], " · ", row["village"], size="3", color_scheme="gray"),
                rx.cond(
                    row["id_masked"] != "",
                    rx.text(row["id_masked"], size="2", color_scheme="gray", font_family="monospace"),
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.vstack(
                rx.text(T("recipient.next_followup"), size="2", color_scheme="gray"),
                rx.text(row["next"], size="3"),
                align="end",
                spacing="0",
            ),
            rx.icon("chevron-right", size=20, color="var(--gray-9)"),
            align="center",
            width="100%",
        ),
        href="/recipients/" + row["id"],
        underline="none",
        color="inherit",
        style=CARD | {"min_height": TOUCH, "display": "block"},
    )


def recipients_page() -> rx.Component:
    return shell(
        "nav.recipients",
        search_form(RecipientListState, "recipient.search_hint"),
        rx.cond(
            RecipientListState.rows.length() > 0,
            rx.vstack(rx.foreach(RecipientListState.rows, _row), spacing="2", width="100%"),
            rx.text(T("list.empty"), size="3", color_scheme="gray"),
        ),
        pager(RecipientListState),
    )


def _fact(label_key: str, value: rx.Var) -> rx.Component:
    return rx.cond(
        value != "",
        rx.hstack(
            rx.text(T(label_key), size="3", color_scheme="gray", min_width="7em"),
            rx.text(value, size="3", style={"overflow_wrap": "anywhere"}),
            width="100%",
            align="start",
        ),
    )


def _consent_form() -> rx.Component:
    errors = RecipientDetailState.consent_errors
    return rx.form(
        rx.vstack(
            rx.heading(T("consent.title"), size="4", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=RecipientDetailState.consent_client_id),
            select_field(
                "consent.kind",
                "kind",
                errors,
                [
                    (kind, f"consent.kind.{kind}")
                    for kind in ("service_agreement", "sensitive_information", "followup_management")
                ],
            ),
            field("consent.signed_on", "signed_on", errors, type="date", required=True),
            rx.el.fieldset(
                rx.el.legend(T("consent.signed_by"), style={"font_weight": "600"}),
                *[
                    rx.el.label(
                        rx.el.input(
                            type="checkbox", name=name, id=name, style={"width": "24px", "height": "24px"}
                        ),
                        T(f"consent.{name}"),
                        html_for=name,
                        style={
                            "display": "flex",
                            "gap": "10px",
                            "align_items": "center",
                            "min_height": TOUCH,
                        },
                    )
                    for name in ("signed_by_recipient", "signed_by_guardian")
                ],
                style={"border": "none", "padding": "0", "margin": "0"},
            ),
            error_text(errors, "signed_by"),
            field("consent.scope", "scope", errors, max_length=500),
            submit_button("consent.submit"),
            success_notice(RecipientDetailState.consent_saved),
            spacing="3",
            width="100%",
        ),
        id="consent-form",
        # Re-keyed with each new client id: a saved form starts empty, a refused one keeps what was typed.
        key=RecipientDetailState.consent_client_id,
        on_submit=RecipientDetailState.record_consent,
        style=CARD,
    )


def _team_member(member: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(member["name"], weight="bold", size="3"),
        rx.text(member["role"], size="3", color_scheme="gray"),
        rx.spacer(),
        rx.link(
            rx.icon("phone", size=20),
            href="tel:" + member["phone"],
            aria_label=member["phone"],
            style={
                "min_width": TOUCH,
                "min_height": TOUCH,
                "display": "flex",
                "align_items": "center",
                "justify_content": "center",
            },
        ),
        width="100%",
        align="center",
    )


def recipient_detail_page() -> rx.Component:
    d = RecipientDetailState.detail
    return shell(
        "recipient.title",
        rx.cond(
            RecipientDetailState.found,
            rx.fragment(
                rx.vstack(
                    rx.hstack(
                        rx.heading(d["name"], size="6", as_="h2"),
                        rx.cond(d["risk"] != "", rx.badge(d["risk"], color_scheme="red", size="3")),
                        align="center",
                    ),
                    rx.text(d["who"], " · ", d["village"], " · ", d["status"], size="3", color_scheme="gray"),
                    _fact("recipient.next_followup", d["next"]),
                    _fact("recipient.id_number", d["id_number"]),
                    _fact("recipient.phone", d["phone"]),
                    _fact("recipient.address", d["address"]),
                    _fact("recipient.diagnosis", d["diagnosis"]),
                    _fact("recipient.disability", d["disability"]),
                    _fact("recipient.guardian", d["guardian"]),
                    _fact("recipient.guardian_phone", d["guardian_phone"]),
                    spacing="2",
                    style=CARD,
                    id="recipient-header",
                ),
                rx.vstack(
                    rx.heading(T("recipient.care_team"), size="4", as_="h2"),
                    rx.foreach(RecipientDetailState.team, _team_member),
                    style=CARD,
                ),
                _consent_form(),
            ),
        ),
    )
