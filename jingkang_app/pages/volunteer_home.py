"""我的服务, /volunteer, on a phone: the volunteer's standing while it is not 在册, the shifts ahead with 签到/签退,
verified hours, points and certificates, and 「我的信息」 (availability, skills, insurance)."""

import reflex as rx

from jingkang_app.components.coordination import LINK, action_button
from jingkang_app.components.forms import error_text, submit_button
from jingkang_app.components.link_card import link_card
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.shift_card import BADGE, card_error, shift_facts
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.components.volunteer_profile import insurance_field, profile_fields
from jingkang_app.state.volunteer_home import VolunteerHomeState as H

SECTION = CARD | {"display": "flex", "flex_direction": "column", "gap": "12px"}


def not_volunteer() -> rx.Component:
    """For a user with no volunteer record who opens a volunteer page."""
    return rx.vstack(
        rx.text(T("volunteer_page.not_volunteer"), size="3"),
        rx.link(T("login.become_volunteer"), href="/volunteer/register", size="3", style=LINK),
        style=CARD,
        id="not-volunteer",
    )


def _upcoming(card: rx.Var) -> rx.Component:
    status = rx.badge(card["status"], size="2", color_scheme="green", style=BADGE, class_name="shift-status")
    return rx.vstack(
        shift_facts(card, status),
        rx.cond(card["checked_in"] != "", rx.text(card["checked_in"], size="3", class_name="checked-in-at")),
        rx.cond(card["note"] != "", rx.text(card["note"], size="3", color_scheme="gray")),
        card_error(H.error_for == card["id"], H.card_error),
        rx.cond(
            card["may_check_in"] != "",
            action_button(
                "service.check_in", H.check_in(card["id"]), id="check-in-" + card["id"], width="100%"
            ),
        ),
        rx.cond(
            card["may_check_out"] != "",
            action_button(
                "service.check_out", H.check_out(card["id"]), id="check-out-" + card["id"], width="100%"
            ),
        ),
        rx.cond(
            card["invited"] != "",
            rx.link(T("volunteer_page.answer_invitation"), href="/shifts", size="3", style=LINK),
        ),
        spacing="3",
        class_name="upcoming-shift",
        id="upcoming-" + card["id"],
        style=CARD,
    )


def _figure(label: rx.Var, value: rx.Var, figure_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="3", color_scheme="gray"),
        rx.text(value, size="5", weight="bold", id=figure_id),
        spacing="1",
        flex="1 1 9em",
    )


def _hours_and_points() -> rx.Component:
    return rx.el.section(
        rx.heading(T("volunteer_page.hours"), size="4", as_="h2"),
        rx.flex(
            _figure(H.hours_year_label, H.hours_year, "hours-year"),
            _figure(T("volunteer_home.hours_total"), H.hours_total, "hours-total"),
            _figure(T("points.balance"), H.points, "points-balance"),
            spacing="3",
            wrap="wrap",
        ),
        rx.heading(T("points.ledger"), size="3", as_="h3"),
        rx.cond(
            H.ledger.length() > 0,
            rx.el.ul(
                rx.foreach(
                    H.ledger,
                    lambda line: rx.el.li(
                        rx.text(line["when"], " ", line["what"], size="3", flex="1"),
                        rx.text(
                            line["points"],
                            size="3",
                            weight="bold",
                            color=rx.cond(line["negative"] != "", "var(--red-11)", "var(--green-11)"),
                        ),
                        style={"display": "flex", "gap": "8px", "padding": "4px 0"},
                        class_name="ledger-line",
                    ),
                ),
                style={"list_style": "none", "padding": "0", "margin": "0"},
                id="points-ledger",
            ),
            rx.text(T("volunteer_page.points_none"), size="3", color_scheme="gray"),
        ),
        style=SECTION,
        id="volunteer-hours",
    )


def _certificates() -> rx.Component:
    return rx.el.section(
        rx.heading(T("volunteer_home.certificates"), size="4", as_="h2"),
        rx.cond(
            H.certificates.length() > 0,
            rx.foreach(
                H.certificates,
                lambda c: rx.link(
                    rx.vstack(
                        rx.text(T("certificate.code"), " ", c["code"], size="3", weight="bold"),
                        rx.text(c["line"], size="3"),
                        spacing="1",
                    ),
                    href="/volunteer/certificates/" + c["id"],
                    underline="none",
                    class_name="certificate-link",
                    id="certificate-" + c["id"],
                    style={"display": "block", "min_height": TOUCH, "padding": "6px 0"},
                ),
            ),
            rx.text(T("volunteer_page.certificates_none"), size="3", color_scheme="gray"),
        ),
        style=SECTION,
        id="volunteer-certificates",
    )


def _profile() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            T("volunteer_page.profile"),
            style={"font_weight": "600", "font_size": "18px", "min_height": TOUCH, "cursor": "pointer"},
            id="profile-toggle",
        ),
        rx.form(
            rx.vstack(
                rx.text(T("volunteer_page.profile_help"), size="3", color_scheme="gray"),
                rx.el.input(type="hidden", name="version", value=H.profile_version),
                profile_fields(H.profile_errors, H.profile_ticked, trainings=False),
                insurance_field(H.profile_errors, H.profile_insured_until),
                error_text(H.profile_errors, "form"),
                success_notice(H.profile_saved, id="profile-saved"),
                submit_button("volunteer_page.profile_save", id="profile-submit"),
                spacing="4",
                width="100%",
            ),
            on_submit=H.save_profile,
            # Drawn afresh when the stored profile changes, so the defaults follow it; kept while a refusal shows.
            key=H.profile_version,
            id="profile-form",
            width="100%",
        ),
        open=H.profile_errors.length() > 0,
        style=CARD,
    )


def _serving() -> rx.Component:
    return rx.fragment(
        success_notice(H.saved, id="service-saved"),
        rx.heading(T("volunteer_home.upcoming"), size="4", as_="h2"),
        rx.cond(
            H.shifts.length() > 0,
            rx.vstack(rx.foreach(H.shifts, _upcoming), spacing="3", width="100%", id="upcoming-shifts"),
            rx.text(T("volunteer_home.no_upcoming"), size="3", color_scheme="gray", id="no-upcoming"),
        ),
        link_card("find-shifts", "calendar-check", "volunteer_page.find_shifts", "/shifts"),
        _hours_and_points(),
        _certificates(),
    )


def volunteer_home_page() -> rx.Component:
    return shell(
        "volunteer_home.title",
        rx.cond(
            H.loaded,
            rx.cond(
                H.is_volunteer,
                rx.fragment(
                    rx.cond(H.number_line != "", rx.text(H.number_line, size="3", id="volunteer-no")),
                    rx.cond(
                        H.status_text != "",
                        rx.callout(H.status_text, icon="info", size="3", width="100%", id="volunteer-status"),
                    ),
                    rx.cond(H.has_summary, _serving()),
                    rx.cond(H.profile_editable, _profile()),
                ),
                not_volunteer(),
            ),
        ),
    )
