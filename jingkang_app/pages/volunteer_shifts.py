"""志愿岗位, /shifts, on a phone: the open shifts a volunteer may take, each card with what they can do — 报名, what
they still lack, their own place with 取消报名 (or why it can no longer be cancelled here), or an invitation to
accept or decline."""

import reflex as rx

from jingkang_app.components.coordination import action_button
from jingkang_app.components.facts import icon_fact
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.shift_card import BADGE, card_error, shift_facts
from jingkang_app.components.styles import CARD
from jingkang_app.components.text import T
from jingkang_app.pages.volunteer_home import not_volunteer
from jingkang_app.state.volunteer_shifts import ShiftOffersState as S

ROW = {"gap": "2", "width": "100%", "wrap": "wrap"}


def _sign_up(card: rx.Var) -> rx.Component:
    return action_button(
        "volunteer_page.sign_up",
        S.sign_up(card["id"], card["client_id"]),
        id="sign-up-" + card["id"],
        width="100%",
    )


def _mine(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(card["cancel_line"], size="3", class_name="shift-cancel-line"),
        rx.cond(
            card["may_cancel"] != "",
            action_button(
                "volunteer_page.cancel",
                S.cancel(card["id"], card["mine_id"], card["mine_version"]),
                id="cancel-" + card["id"],
                variant="soft",
                color_scheme="gray",
            ),
        ),
        spacing="2",
        width="100%",
    )


def _invited(card: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(T("volunteer_page.invited"), size="3", weight="medium"),
        rx.flex(
            action_button(
                "volunteer_page.accept",
                S.accept(card["id"], card["mine_id"], card["mine_version"]),
                id="accept-" + card["id"],
            ),
            action_button(
                "volunteer_page.decline",
                S.decline(card["id"], card["mine_id"], card["mine_version"]),
                id="decline-" + card["id"],
                variant="soft",
                color_scheme="gray",
            ),
            **ROW,
        ),
        spacing="2",
        width="100%",
    )


def _card(card: rx.Var) -> rx.Component:
    mine_badge = rx.cond(
        card["mine_status"] != "",
        rx.badge(card["mine_status"], size="2", color_scheme="green", style=BADGE, class_name="shift-mine"),
    )
    return rx.vstack(
        shift_facts(card, mine_badge),
        icon_fact("users", card["seats"], class_name="shift-seats"),
        rx.cond(
            card["lacks"] != "",
            icon_fact("circle-alert", card["lacks"], color="var(--amber-11)", class_name="shift-lacks"),
        ),
        card_error(S.error_for == card["id"], S.card_error),
        rx.match(
            card["action"],
            ("sign_up", _sign_up(card)),
            ("mine", _mine(card)),
            ("invited", _invited(card)),
            rx.fragment(),
        ),
        spacing="3",
        class_name="offered-shift",
        id="shift-" + card["id"],
        style=CARD,
    )


def volunteer_shifts_page() -> rx.Component:
    return shell(
        "nav.volunteer_shifts",
        rx.cond(
            S.loaded & ~S.is_volunteer,
            not_volunteer(),
        ),
        rx.cond(
            S.loaded & S.is_volunteer,
            rx.cond(
                S.status_text != "",
                rx.callout(S.status_text, icon="info", size="3", width="100%", id="volunteer-status"),
                rx.fragment(
                    success_notice(S.saved, id="shift-saved"),
                    rx.text(T("volunteer_page.shifts_intro"), size="3", color_scheme="gray"),
                    rx.cond(
                        S.cards.length() > 0,
                        rx.vstack(rx.foreach(S.cards, _card), spacing="3", width="100%", id="offered-shifts"),
                        rx.text(T("volunteer_page.shifts_empty"), size="3", style=CARD, id="shifts-empty"),
                    ),
                ),
            ),
        ),
    )
