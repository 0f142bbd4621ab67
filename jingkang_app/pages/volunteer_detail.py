"""One volunteer on a coordinator's tablet, /volunteers/<id>: their record in full with 「修改」 for what they offer
and the trainings done; beside it their points (balance, ledger, 「兑换」) and their certificates (「开具志愿服务证明」
for a period, each linked to its page)."""

import reflex as rx

from jingkang_app.components.card_form import cancel_button
from jingkang_app.components.coordination import coordination_links, status_chip
from jingkang_app.components.forms import field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.redeem_form import redeem_form
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.components.volunteer_profile import insurance_field, profile_fields
from jingkang_app.pages.volunteers import labelled, volunteer_facts
from jingkang_app.state.volunteer_detail import VolunteerDetailState as D

TAP = {"display": "flex", "align_items": "center", "min_height": TOUCH}
ROW = {"padding": "8px 0", "border_bottom": "1px solid var(--gray-4)", "width": "100%"}


def _record() -> rx.Component:
    v = D.volunteer
    return rx.vstack(
        rx.hstack(
            rx.heading(v["name"], size="6", as_="h2"),
            rx.spacer(),
            status_chip(v["status_label"]),
            width="100%",
            align="center",
        ),
        volunteer_facts(v),
        rx.cond(v["id_number"] != "", labelled("volunteer.id_number", v["id_type"] + " " + v["id_number"])),
        rx.cond(
            D.editing,
            _edit_form(),
            rx.button(
                T("coord.edit_profile"),
                on_click=D.open_edit,
                size="3",
                min_height=TOUCH,
                variant="soft",
                id="edit-volunteer",
            ),
        ),
        spacing="3",
        width="100%",
        id="volunteer-record",
        style=CARD,
    )


def _edit_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="version", value=D.volunteer["version"]),
            profile_fields(D.errors, D.chosen),
            insurance_field(D.errors, D.volunteer["insured_until"]),
            rx.hstack(
                rx.button(T("coord.save"), type="submit", size="3", min_height=TOUCH, flex="1"),
                cancel_button("coord.cancel", D.close_edit),
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=D.update,
        id="edit-volunteer-form",
        width="100%",
    )


def _line(line: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.cond(
                line["shift_href"] != "",
                rx.link(line["what"], href=line["shift_href"], size="3", style=TAP),
                rx.text(line["what"], size="3"),
            ),
            rx.text(line["when"], " · ", line["by"], size="3", color_scheme="gray"),
            spacing="0",
            align="start",
            min_width="0",
        ),
        rx.spacer(),
        rx.text(line["points"], size="4", weight="bold"),
        align="center",
        class_name="ledger-line",
        style=ROW,
    )


def _points() -> rx.Component:
    return rx.vstack(
        rx.heading(T("points.title"), size="4", as_="h2"),
        rx.hstack(
            rx.text(T("points.balance"), size="3", color_scheme="gray"),
            rx.heading(D.balance, size="7", id="points-balance"),
            align="baseline",
        ),
        rx.cond(
            D.lines.length() > 0,
            rx.vstack(rx.foreach(D.lines, _line), spacing="0", width="100%", id="points-ledger"),
            rx.text(T("coord.ledger_empty"), size="3", color_scheme="gray"),
        ),
        redeem_form(D, "redeem"),
        spacing="3",
        width="100%",
        style=CARD,
    )


def _certificate(cert: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.text(T("certificate.code"), " ", cert["code"], size="3", weight="bold"),
            rx.text(cert["period"], " · ", cert["hours"], size="3"),
            rx.text(cert["issued"], size="3", color_scheme="gray"),
            spacing="0",
            align="start",
        ),
        href=cert["href"],
        id="certificate-" + cert["id"],
        underline="none",
        style=ROW | {"display": "block", "min_height": TOUCH},
    )


def _issue_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T("coord.certificate_title"), size="3", as_="h3"),
            rx.el.input(type="hidden", name="client_id", value=D.client_id),
            rx.flex(
                field("certificate.period_start", "period_start", D.errors, type="date", required=True),
                field("certificate.period_end", "period_end", D.errors, type="date", required=True),
                spacing="3",
                direction=rx.breakpoints(initial="column", sm="row"),
                width="100%",
            ),
            submit_button("coord.issue_certificate", id="issue-certificate"),
            spacing="3",
            width="100%",
        ),
        on_submit=D.issue,
        key=D.client_id,
        id="certificate-form",
        width="100%",
    )


def _certificates() -> rx.Component:
    return rx.vstack(
        rx.heading(T("coord.certificates"), size="4", as_="h2"),
        rx.cond(
            D.issued_href != "",
            rx.link(
                rx.icon("file-check", size=20),
                T("coord.open_certificate"),
                href=D.issued_href,
                id="issued-certificate-link",
                size="3",
                weight="bold",
                style={"display": "flex", "align_items": "center", "gap": "6px", "min_height": TOUCH},
            ),
        ),
        rx.cond(
            D.certificates.length() > 0,
            rx.vstack(
                rx.foreach(D.certificates, _certificate), spacing="0", width="100%", id="certificate-list"
            ),
            rx.text(T("coord.certificates_empty"), size="3", color_scheme="gray"),
        ),
        _issue_form(),
        spacing="3",
        width="100%",
        style=CARD,
    )


def volunteer_detail_page() -> rx.Component:
    return shell(
        "coord.volunteer_title",
        rx.link(
            rx.icon("chevron-left", size=20),
            T("coord.volunteers_title"),
            href="/volunteers",
            size="3",
            style={"display": "flex", "align_items": "center", "gap": "4px", "min_height": TOUCH},
        ),
        rx.cond(
            D.found,
            rx.fragment(
                success_notice(D.saved, id="volunteer-saved"),
                _record(),
                rx.grid(
                    _points(),
                    _certificates(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3",
                    width="100%",
                ),
            ),
        ),
        coordination_links(""),
    )
