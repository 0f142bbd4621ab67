"""The referral list, /referrals: phone first for field workers, two columns on a coordinator's tablet. Tabs 在办 /
逾期 / 已结案·已退回 with their counts, a kind filter, and one card per referral — who, what kind, where it stands,
its deadlines with a red 「逾期」 badge naming the late step, who holds it now; the whole card opens its page."""

import reflex as rx

from jingkang_app.components.pager import pager
from jingkang_app.components.queue_page import queue_tabs
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, INPUT, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.referral_list import KINDS, ReferralTab
from jingkang_app.state.referral_list import ReferralListState as L


def _kind_filter() -> rx.Component:
    return rx.el.div(
        rx.el.label(T("referral.kind"), html_for="referral-kind", style={"font_weight": "600"}),
        rx.el.select(
            rx.el.option(T("referral_page.all_kinds"), value=""),
            *[rx.el.option(T(f"referral.kind.{kind}"), value=kind) for kind in KINDS],
            id="referral-kind",
            value=L.kind,
            on_change=L.choose_kind,
            style=INPUT | {"max_width": "320px"},
        ),
        style={"display": "flex", "flex_direction": "column", "gap": "6px", "width": "100%"},
    )


def _line(text: rx.Var, **props) -> rx.Component:
    return rx.cond(text != "", rx.text(text, size="3", **props))


def _card(card: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(
                rx.text(card["name"], size="5", weight="bold"),
                rx.spacer(),
                rx.badge(card["status"], size="2", variant="soft", class_name="referral-status"),
                align="center",
                width="100%",
                wrap="wrap",
            ),
            _line(card["id_masked"], color_scheme="gray"),
            rx.text(card["kind"], " · ", card["village"], size="3", weight="medium"),
            _line(card["receiver"]),
            _line(card["applied"]),
            _line(card["register_by"]),
            _line(card["refer_by"]),
            rx.cond(
                card["late"] != "",
                rx.hstack(
                    rx.badge(T("referral.late"), color_scheme="red", variant="solid", size="2"),
                    rx.text(card["late"], size="3", weight="medium", color="var(--red-11)"),
                    align="center",
                    class_name="referral-late",
                ),
            ),
            rx.text(card["holders"], size="3", color_scheme="gray"),
            spacing="1",
            align="start",
            width="100%",
        ),
        href=card["href"],
        underline="none",
        color="inherit",
        id="referral-" + card["id"],
        class_name="referral-card",
        style=CARD | {"display": "block", "min_height": TOUCH},
    )


def referrals_page() -> rx.Component:
    return shell(
        "referral.list_title",
        rx.cond(
            L.allowed,
            rx.vstack(
                queue_tabs(L, ReferralTab, "referral_page.tab.{}"),
                _kind_filter(),
                rx.cond(
                    L.cards.length() > 0,
                    rx.grid(
                        rx.foreach(L.cards, _card),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="3",
                        width="100%",
                        id="referral-list",
                    ),
                    rx.text(T("referral.empty"), size="3", color_scheme="gray", style=CARD),
                ),
                rx.cond(L.has_next | L.has_previous, pager(L)),
                spacing="3",
                width="100%",
            ),
        ),
    )
