"""Parts of the recipient page (/recipients/[rid]) beyond the record itself: the 积分 panel with 「兑换」,
「登记为志愿者」 once the recipient consented to volunteering, 「生成走访陪同班次」 on a home visit, and 「发起转介」. Each shows only
what its state's load found this user may do; every handler is authorised again by its service. Phone first."""

import reflex as rx

from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.notice import success_notice
from jingkang_app.components.redeem_form import redeem_form
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.volunteer_registry import NAME_MAX
from jingkang_app.domain.services.users import MIN_PASSWORD_LENGTH
from jingkang_app.state.recipient_points import RecipientPointsState as P
from jingkang_app.state.recipient_timeline import RecipientTimelineState
from jingkang_app.state.recipient_volunteer import RecipientVolunteerState as V
from jingkang_app.state.recipients import RecipientDetailState

ROW = {"width": "100%", "padding": "8px 0", "border_bottom": "1px solid var(--gray-4)"}


def _card(title_key: str, *children: rx.Component, **props) -> rx.Component:
    return rx.vstack(
        rx.heading(T(title_key), size="4", as_="h2"), *children, spacing="3", style=CARD, **props
    )


# --- 积分 ------------------------------------------------------------------------------------------------------


def _ledger_line(line: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(line["what"], size="3"),
            rx.text(line["meta"], size="3", color_scheme="gray"),
            spacing="0",
            align="start",
            min_width="0",
        ),
        rx.spacer(),
        rx.text(line["points"], size="4", weight="bold", color_scheme=line["color"]),
        align="center",
        class_name="ledger-line",
        style=ROW,
    )


def points_panel() -> rx.Component:
    """The balance and latest lines, for those who may read the ledger; 「兑换」 for coordinators."""
    panel = _card(
        "points.title",
        rx.hstack(
            rx.text(T("points.balance"), size="3", color_scheme="gray"),
            rx.heading(P.balance, size="7", as_="p", id="recipient-points-balance"),
            align="baseline",
        ),
        success_notice(P.saved),
        rx.cond(
            P.lines.length() > 0,
            rx.vstack(rx.foreach(P.lines, _ledger_line), spacing="0", width="100%"),
            rx.text(T("coord.ledger_empty"), size="3", color_scheme="gray"),
        ),
        rx.cond(P.can_redeem, redeem_form(P, "recipient-redeem")),
        id="recipient-points",
    )
    return rx.cond(P.visible, panel)


# --- 登记为志愿者 -------------------------------------------------------------------------------------------------


def _volunteer_form() -> rx.Component:
    e = V.errors
    d = RecipientDetailState.detail
    return rx.form(
        rx.vstack(
            rx.heading(T("recipient.volunteer.title"), size="4", as_="h2"),
            rx.text(T("recipient.volunteer.help"), size="3", color_scheme="gray"),
            rx.el.input(type="hidden", name="client_id", value=V.client_id),
            field("volunteer.name", "name", e, required=True, max_length=NAME_MAX, default_value=d["name"]),
            field(
                "volunteer.phone",
                "phone",
                e,
                type="tel",
                required=True,
                input_mode="numeric",
                default_value=d["phone"],
            ),
            field(
                "coord.initial_password",
                "password",
                e,
                type="password",
                required=True,
                min_length=MIN_PASSWORD_LENGTH,
                help_key="coord.initial_password_help",
                auto_complete="new-password",
            ),
            select_field(
                "volunteer.area",
                "area_id",
                e,
                rx.foreach(V.areas, lambda a: rx.el.option(a["label"], value=a["id"])),
                required=True,
                default_value=V.area_id,
            ),
            error_text(e, "volunteer_form"),
            submit_button("recipient.volunteer.submit", id="recipient-volunteer-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=V.register,
        key=V.client_id,
        id="recipient-volunteer-form",
        style=CARD,
    )


def volunteer_panel() -> rx.Component:
    """The form while the recipient may be registered; once they are, a line saying so."""
    done = rx.vstack(
        success_notice(V.saved),
        rx.cond(V.saved == "", rx.text(T("recipient.volunteer.registered"), size="3")),
        spacing="2",
        style=CARD,
        id="recipient-volunteer",
    )
    return rx.cond(V.can_register, _volunteer_form(), rx.cond(V.registered, done))


# --- 生成走访陪同班次 ------------------------------------------------------------------------------------------


def visit_shift_action(entry: rx.Var) -> rx.Component:
    """On a home visit, for coordinators: one tap makes the companion shift and opens it."""
    state = RecipientTimelineState
    return rx.cond(
        state.can_make_shift & (entry["kind"] == "visit"),
        rx.vstack(
            rx.button(
                rx.icon("calendar-plus", size=18),
                T("timeline.visit_shift"),
                on_click=state.make_visit_shift(entry["record_id"]),
                type="button",
                size="3",
                variant="outline",
                min_height=TOUCH,
                width="100%",
            ),
            rx.cond(
                entry["shift_error"] != "",
                rx.text(entry["shift_error"], color="var(--red-11)", size="3", role="alert"),
            ),
            spacing="1",
            width="100%",
        ),
    )


# --- 发起转介 ----------------------------------------------------------------------------------------------------


def start_referral_link() -> rx.Component:
    """To /referrals/new for whoever works referrals on this recipient (which kinds, the form decides)."""
    link = rx.link(
        rx.icon("send", size=20),
        T("referral_page.start"),
        href="/referrals/new?rid=" + RecipientDetailState.detail["id"],
        underline="none",
        id="start-referral",
        style={
            "display": "flex",
            "align_items": "center",
            "justify_content": "center",
            "gap": "8px",
            "min_height": TOUCH,
            "padding": "8px 16px",
            "border_radius": "8px",
            "border": "1px solid var(--teal-8)",
            "color": "var(--teal-11)",
            "font_size": "16px",
            "font_weight": "600",
            "width": "100%",
        },
    )
    return rx.cond(RecipientDetailState.can_refer, link)
