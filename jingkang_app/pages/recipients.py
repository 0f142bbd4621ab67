"""The recipient list and the recipient page (/recipients/[rid]): header, what the user may record, 入组评估,
service records, care team, and consents with their withdrawal. Phone first."""

import reflex as rx

from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.pager import pager
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.pages.recipient_extras import (
    points_panel,
    start_referral_link,
    visit_shift_action,
    volunteer_panel,
)
from jingkang_app.state.paging import PAGE_SIZE
from jingkang_app.state.recipient_timeline import RecipientTimelineState
from jingkang_app.state.recipients import RecipientDetailState, RecipientListState

# One row of a list inside a card: records, consents, team members.
LIST_ITEM = {"width": "100%", "padding": "8px 0", "border_bottom": "1px solid var(--gray-4)"}
# The first tap of a destructive action (withdraw a consent, take someone off the team): outlined in red like a
# destructive button; it only opens the confirmation below it.
DANGER_SUMMARY = {
    "display": "inline-flex",
    "align_items": "center",
    "min_height": TOUCH,
    "padding": "0 16px",
    "border": "1px solid var(--red-7)",
    "border_radius": "8px",
    "color": "var(--red-11)",
    "font_weight": "600",
    "list_style": "none",
    "cursor": "pointer",
}


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


def _link_button(label_key: str, href, icon: str, **props) -> rx.Component:
    """A link that looks like a button: one tap target, no button nested inside a link."""
    return rx.link(
        rx.icon(icon, size=20),
        T(label_key),
        href=href,
        underline="none",
        style={
            "display": "inline-flex",
            "align_items": "center",
            "justify_content": "center",
            "gap": "8px",
            "min_height": TOUCH,
            "padding": "8px 16px",
            "border_radius": "8px",
            "background": "var(--teal-9)",
            "color": "white",
            "font_size": "16px",
            "font_weight": "600",
        },
        **props,
    )


def recipients_page() -> rx.Component:
    return shell(
        "nav.recipients",
        rx.cond(
            RecipientListState.can_register,
            _link_button("recipient.register", "/recipients/new", "user-plus", id="register-recipient"),
        ),
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


def _section(title_key: str, *children: rx.Component, **props) -> rx.Component:
    """One card of the recipient page, under its heading."""
    return rx.vstack(
        rx.heading(T(title_key), size="4", as_="h2"), *children, spacing="3", style=CARD, **props
    )


def _listing(rows: rx.Var, render, empty_key: str) -> rx.Component:
    """The rows of a section, or a line saying there are none."""
    return rx.cond(
        rows.length() > 0,
        rx.vstack(rx.foreach(rows, render), spacing="0", width="100%"),
        rx.text(T(empty_key), size="3", color_scheme="gray"),
    )


def _header() -> rx.Component:
    d = RecipientDetailState.detail
    return rx.vstack(
        rx.hstack(
            rx.heading(d["name"], size="6", as_="h2"),
            rx.cond(d["risk"] != "", rx.badge(d["risk"], color_scheme=d["risk_color"], size="3")),
            rx.cond(
                d["open_alert"] != "",
                rx.badge(
                    rx.icon("siren", size=16), d["open_alert"], color_scheme="red", variant="solid", size="3"
                ),
            ),
            align="center",
            wrap="wrap",
        ),
        rx.cond(d["id_masked"] != "", rx.text(d["id_masked"], size="3", font_family="monospace")),
        rx.text(d["who"], " · ", d["village"], " · ", d["status"], size="3", color_scheme="gray"),
        _fact("recipient.classification", d["classification"]),
        _fact("recipient.next_followup", d["next"]),
        _fact("visit.next_visit_date", d["next_visit"]),
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
    )


def _actions() -> rx.Component:
    """What this user may record for the recipient; the server decided each flag when the page loaded."""
    state = RecipientDetailState
    base = "/recipients/" + state.detail["id"]
    links = rx.el.nav(
        rx.cond(state.can_visit, _link_button("recipient.action.visit", base + "/visit", "house")),
        rx.cond(
            state.can_followup,
            _link_button("recipient.action.followup", base + "/followup", "stethoscope"),
        ),
        rx.cond(
            state.can_rehab,
            _link_button("recipient.action.rehab", "/rehab/new?rid=" + state.detail["id"], "heart-handshake"),
        ),
        aria_label=T("recipient.actions"),
        id="recipient-actions",
        style={"display": "flex", "flex_wrap": "wrap", "gap": "8px", "width": "100%"},
    )
    return rx.cond(state.can_visit | state.can_followup | state.can_rehab, links)


def _criterion(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(row["label"], size="3"),
        rx.spacer(),
        rx.badge(row["verdict"], color_scheme=row["color"], size="3"),
        align="center",
        width="100%",
        min_height=TOUCH,
    )


def _admit_form() -> rx.Component:
    state = RecipientDetailState
    outside_rules = rx.cond(
        state.can_admit_outside_rules,
        field(
            "eligibility.reason",
            "reason",
            state.admit_errors,
            required=True,
            help_key="eligibility.reason_help",
            max_length=200,
        ),
        rx.text(T("eligibility.coordinator_only"), size="3", color_scheme="gray"),
    )
    return rx.form(
        rx.vstack(
            rx.cond(state.eligible, rx.fragment(), outside_rules),
            error_text(state.admit_errors, "status"),
            error_text(state.admit_errors, "form"),
            rx.cond(state.eligible | state.can_admit_outside_rules, submit_button("eligibility.admit")),
            spacing="3",
            width="100%",
        ),
        on_submit=state.admit,
        width="100%",
    )


def _screening() -> rx.Component:
    """入组评估, while the recipient is applying: each criterion met, not met or to be checked."""
    state = RecipientDetailState
    return _section(
        "eligibility.title",
        rx.vstack(rx.foreach(state.screening, _criterion), spacing="1", width="100%"),
        rx.text(
            rx.cond(state.eligible, T("eligibility.eligible"), T("eligibility.not_eligible")),
            size="3",
            weight="medium",
        ),
        rx.cond(state.can_admit, _admit_form()),
        id="eligibility",
    )


def _entry(entry: rx.Var) -> rx.Component:
    tone = rx.match(entry["kind"], ("alert", "red"), ("followup", "teal"), ("service", "violet"), "blue")
    return rx.vstack(
        rx.hstack(
            rx.badge(entry["kind_label"], color_scheme=tone, size="3"),
            rx.text(entry["day"], size="3", weight="medium"),
            rx.spacer(),
            rx.cond(entry["risk"] != "", rx.badge(entry["risk"], color_scheme=entry["risk_color"], size="2")),
            align="center",
            width="100%",
        ),
        rx.cond(entry["summary"] != "", rx.text(entry["summary"], size="3")),
        rx.hstack(
            rx.text(entry["by"], size="3", color_scheme="gray"),
            rx.spacer(),
            rx.cond(
                RecipientDetailState.can_followup & (entry["edit"] != ""),
                rx.link(
                    T("timeline.edit"),
                    href=entry["edit"],
                    size="3",
                    style={
                        "min_height": TOUCH,
                        "display": "flex",
                        "align_items": "center",
                        "padding": "0 8px",
                    },
                ),
            ),
            align="center",
            width="100%",
        ),
        visit_shift_action(entry),
        spacing="1",
        style=LIST_ITEM,
    )


def _timeline() -> rx.Component:
    state = RecipientTimelineState
    return _section(
        "timeline.title",
        _listing(state.entries, _entry, "timeline.empty"),
        rx.cond(state.total > PAGE_SIZE, pager(state)),
        id="timeline",
    )


def _row_error(message: rx.Var, error_id) -> rx.Component:
    return rx.cond(
        message != "", rx.text(message, color="var(--red-11)", size="3", role="alert", id=error_id)
    )


def _withdraw_input(row: rx.Var, name: str, label_key: str, **input_props) -> rx.Component:
    """A labelled input of one consent's withdrawal form; ids carry the consent id, as several forms share a page."""
    input_id = name + "-" + row["id"]
    message = row[f"{name}_error"]
    return rx.el.div(
        rx.el.label(T(label_key), html_for=input_id, style={"font_weight": "600", "font_size": "16px"}),
        rx.el.input(
            id=input_id,
            name=name,
            required=True,
            aria_invalid=rx.cond(message != "", "true", "false"),
            aria_describedby=input_id + "-error",
            style=INPUT,
            **input_props,
        ),
        _row_error(message, input_id + "-error"),
        style={"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"},
    )


def _confirm_first(label_key: str, on_submit, *fields: rx.Component) -> rx.Component:
    """A destructive action in two taps: the red outlined label opens the form that confirms it."""
    return rx.el.details(
        rx.el.summary(T(label_key), style=DANGER_SUMMARY),
        rx.form(rx.vstack(*fields, spacing="3", width="100%"), on_submit=on_submit, width="100%"),
        style={"width": "100%"},
    )


def _withdraw_form(row: rx.Var) -> rx.Component:
    return _confirm_first(
        "consent.withdraw",
        RecipientDetailState.withdraw_consent,
        rx.el.input(type="hidden", name="consent_id", value=row["id"]),
        _withdraw_input(
            row,
            "withdrawn_on",
            "consent.withdrawn_on",
            type="date",
            default_value=RecipientDetailState.today,
            max=RecipientDetailState.today,
        ),
        _withdraw_input(row, "reason", "consent.withdraw_reason", type="text", max_length=200),
        _row_error(row["form_error"], "withdraw-" + row["id"] + "-error"),
        submit_button("consent.withdraw_submit", color_scheme="red"),
    )


def _consent(row: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row["kind"], weight="bold", size="3"),
            rx.spacer(),
            rx.cond(row["withdrawn"] == "", rx.badge(T("consent.in_force"), color_scheme="green", size="2")),
            align="center",
            width="100%",
        ),
        rx.text(row["signed"], size="3", color_scheme="gray"),
        rx.cond(
            row["withdrawn"] != "",
            rx.text(row["withdrawn"], size="3", color="var(--red-11)"),
            _withdraw_form(row),
        ),
        spacing="1",
        style=LIST_ITEM,
    )


def _consents() -> rx.Component:
    state = RecipientDetailState
    return _section(
        "consent.records",
        success_notice(state.withdraw_saved),
        _listing(state.consents, _consent, "consent.none"),
        id="consents",
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
                    for kind in (
                        "service_agreement",
                        "sensitive_information",
                        "followup_management",
                        "volunteering",
                    )
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


def _remove_member_form(member: rx.Var) -> rx.Component:
    return _confirm_first(
        "recipient.team.remove",
        RecipientDetailState.remove_team_member,
        rx.el.input(type="hidden", name="user_id", value=member["user_id"]),
        rx.el.input(type="hidden", name="team_role", value=member["team_role"]),
        rx.text(member["question"], size="3"),
        submit_button("recipient.team.remove_confirm", color_scheme="red"),
    )


def _team_member(member: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
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
        ),
        rx.cond(RecipientDetailState.can_manage_team, _remove_member_form(member)),
        spacing="1",
        style=LIST_ITEM,
        # Keyed by the membership, not the row's place: after a removal no other member's row inherits an open
        # confirmation.
        key=member["user_id"] + ":" + member["team_role"],
    )


def _candidate_option(candidate: rx.Var) -> rx.Component:
    return rx.el.option(candidate["label"], value=candidate["value"])


def _add_member_form() -> rx.Component:
    """One choice per (person, team role) that fits: the server listed only who may join."""
    state = RecipientDetailState
    form = rx.form(
        rx.vstack(
            rx.heading(T("recipient.team.add_title"), size="3", as_="h3"),
            select_field(
                "recipient.team.member",
                "member",
                state.team_errors,
                rx.fragment(
                    rx.el.option(T("recipient.team.choose"), value=""),
                    rx.foreach(state.team_candidates, _candidate_option),
                ),
                required=True,
                help_key="recipient.team.member_help",
                default_value="",
            ),
            submit_button("recipient.team.add"),
            spacing="3",
            width="100%",
        ),
        # Re-keyed whenever the team changes, so the choice starts empty again.
        key=state.team.length().to_string(),
        on_submit=state.add_team_member,
        width="100%",
    )
    return rx.cond(
        state.team_candidates.length() > 0,
        form,
        rx.text(T("recipient.team.no_candidates"), size="3", color_scheme="gray"),
    )


def _care_team() -> rx.Component:
    state = RecipientDetailState
    return _section(
        "recipient.care_team",
        success_notice(state.team_saved),
        _listing(state.team, _team_member, "recipient.team.empty"),
        rx.cond(state.can_manage_team, _add_member_form()),
        id="care-team",
    )


def recipient_detail_page() -> rx.Component:
    state = RecipientDetailState
    return shell(
        "recipient.title",
        rx.cond(
            state.found,
            rx.fragment(
                _header(),
                _actions(),
                start_referral_link(),
                success_notice(state.admit_saved),
                rx.cond(state.show_screening, _screening()),
                _timeline(),
                points_panel(),
                _care_team(),
                rx.cond(state.can_consent, rx.fragment(_consents(), _consent_form())),
                volunteer_panel(),
            ),
        ),
    )
