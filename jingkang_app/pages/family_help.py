"""紧急求助 on a phone: tick what is happening (large tiles), send. Emergency numbers stay one tap away, and the
family's recent calls show who took each one."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import error_text, textarea_field
from jingkang_app.components.notice import success_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.services.help_request import OTHER_TEXT_MAX, SIGNS
from jingkang_app.pages.family import help_call
from jingkang_app.state.family_help import SIGN_FIELD, HelpState


def _emergency_numbers() -> rx.Component:
    return rx.vstack(
        rx.text(T("help.emergency_hint"), size="3", weight="medium", color="var(--red-11)"),
        rx.hstack(
            *[
                rx.link(
                    rx.button(
                        rx.icon("phone", size=18), number, size="3", min_height=TOUCH, color_scheme="red"
                    ),
                    href=f"tel:{number}",
                )
                for number in ("110", "120")
            ],
            spacing="3",
        ),
        spacing="2",
        style=CARD | {"background": "var(--red-2)"},
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(HelpState.relative_name, size="5", as_="h2"),
            rx.el.input(type="hidden", name="client_id", value=HelpState.client_id),
            choice_fieldset(
                "help.what_is_happening",
                error_text(HelpState.errors, "signs"),
                "signs-error",
                *[choice("checkbox", SIGN_FIELD + sign, "on", f"help.sign.{sign}") for sign in SIGNS],
            ),
            textarea_field("help.other_text", "other_text", HelpState.errors, max_length=OTHER_TEXT_MAX),
            rx.button(
                rx.icon("send", size=22),
                T("help.send"),
                type="submit",
                size="4",
                color_scheme="red",
                width="100%",
                min_height="60px",
                style={"font_size": "20px"},
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=HelpState.send,
        id="help-form",
        style=CARD,
    )


def help_page() -> rx.Component:
    return shell(
        "help.button",
        success_notice(HelpState.sent, id="help-sent"),
        rx.cond(
            HelpState.rid != "",
            rx.fragment(
                _form(),
                _emergency_numbers(),
                rx.heading(T("help.recent"), size="4", as_="h2"),
                rx.cond(
                    HelpState.calls.length() > 0,
                    rx.foreach(HelpState.calls, help_call),
                    rx.text(T("help.none"), size="3", color_scheme="gray"),
                ),
                rx.link(T("family.back_home"), href="/family" + HelpState.query, size="3"),
            ),
        ),
    )
