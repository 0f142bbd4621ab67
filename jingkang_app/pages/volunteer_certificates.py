"""志愿服务记录证明: the public check, /certificates/<code> (no login, the ID number masked), and the volunteer's own
copy to print, /volunteer/certificates/<id>: a plain A4-friendly layout whose buttons and links do not print."""

import reflex as rx

from jingkang_app.components.coordination import LINK
from jingkang_app.components.notice import error_notice
from jingkang_app.components.public_frame import public_frame
from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.base import AppState
from jingkang_app.state.volunteer_certificates import CertificateCheckState as C
from jingkang_app.state.volunteer_certificates import MyCertificateState as M

NO_PRINT = {"@media print": {"display": "none"}}
# What the certificate states (DOMAIN.md §3.11), in order: (catalogue key of the label, the field).
IDENTITY = (
    ("certificate.volunteer_name", "name"),
    ("certificate.id_type", "id_type"),
    ("certificate.id_number", "id_number"),
    ("certificate.volunteer_no", "volunteer_no"),
)
SERVICE = (
    ("certificate.period", "period"),
    ("certificate.hours", "hours"),
    ("certificate.shifts", "shifts"),
    ("certificate.content", "content"),
)
ISSUER = (
    ("certificate.issuer", "issuer"),
    ("certificate.person_in_charge", "person_in_charge"),
    ("certificate.handler", "handler"),
    ("certificate.contact", "contact"),
    ("certificate.issued_on", "issued_on"),
    ("certificate.code", "code"),
)
CELL = {"padding": "6px 8px", "border": "1px solid var(--gray-6)", "font_size": "16px", "text_align": "start"}


def _row(label_key: str, name: str, cert: rx.Var) -> rx.Component:
    return rx.cond(
        cert[name] != "",
        rx.el.tr(
            rx.el.th(T(label_key), scope="row", style=CELL | {"width": "7.5em", "font_weight": "600"}),
            rx.el.td(cert[name], style=CELL | {"overflow_wrap": "anywhere"}, id=f"certificate-{name}"),
        ),
    )


def certificate_body(cert: rx.Var) -> rx.Component:
    """The sentence, then identity, service and issuer as a table: what both pages show."""
    return rx.vstack(
        rx.text(cert["body"], size="3", id="certificate-body"),
        rx.el.table(
            rx.el.tbody(*[_row(key, name, cert) for key, name in (*IDENTITY, *SERVICE, *ISSUER)]),
            style={"border_collapse": "collapse", "width": "100%"},
        ),
        spacing="3",
        width="100%",
    )


def certificate_check_page() -> rx.Component:
    return public_frame(
        "certificate.check_title",
        rx.cond(
            C.found,
            rx.vstack(
                rx.callout(
                    T("certificate.check_valid"),
                    icon="badge-check",
                    color_scheme="green",
                    size="3",
                    width="100%",
                    id="certificate-valid",
                ),
                certificate_body(C.certificate),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                C.checked,
                rx.callout(
                    T("certificate.check_not_found"),
                    icon="circle-alert",
                    color_scheme="red",
                    size="3",
                    width="100%",
                    role="alert",
                    id="certificate-not-found",
                ),
            ),
        ),
    )


def _toolbar() -> rx.Component:
    return rx.hstack(
        rx.link(
            T("volunteer_page.back_home"), href="/volunteer", size="3", id="certificate-back", style=LINK
        ),
        rx.spacer(),
        rx.button(
            rx.icon("printer", size=18),
            T("volunteer_page.print"),
            on_click=rx.call_script("window.print()"),
            size="3",
            min_height=TOUCH,
            id="certificate-print",
        ),
        width="100%",
        align="center",
        style=NO_PRINT,
    )


def my_certificate_page() -> rx.Component:
    """Signed in, but without the app's bars: the page is the certificate, ready to print."""
    return rx.box(
        rx.box(error_notice(AppState.page_error), style=NO_PRINT),
        rx.cond(
            M.found,
            rx.vstack(
                _toolbar(),
                rx.heading(T("certificate.title"), size="7", as_="h1", align="center", width="100%"),
                certificate_body(M.certificate),
                rx.text(
                    M.check_url, size="3", id="certificate-check-url", style={"overflow_wrap": "anywhere"}
                ),
                spacing="4",
                width="100%",
                id="certificate",
            ),
        ),
        style={
            "max_width": "720px",
            "margin": "0 auto",
            "padding": "16px",
            "@media print": {"padding": "0", "max_width": "none"},
        },
    )
