import reflex as rx

from jingkang_app.components.forms import field, submit_button
from jingkang_app.components.notice import error_notice
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.state.base import AppState
from jingkang_app.state.login import LoginState

# The public pages anyone reaches from here without an account: 44 px targets.
PUBLIC_LINK = {"display": "inline-flex", "align_items": "center", "min_height": TOUCH}


def language_switch() -> rx.Component:
    """Both languages are always named in their own script, so anyone can find theirs."""
    return rx.hstack(
        rx.button(
            "中文",
            variant=rx.cond(AppState.is_en, "outline", "solid"),
            size="3",
            min_height=TOUCH,
            on_click=AppState.set_language("zh-CN"),
            aria_pressed=(~AppState.is_en).to_string(),
        ),
        rx.button(
            "English",
            variant=rx.cond(AppState.is_en, "solid", "outline"),
            size="3",
            min_height=TOUCH,
            on_click=AppState.set_language("en"),
            aria_pressed=AppState.is_en.to_string(),
            lang="en",
        ),
        spacing="2",
    )


def login_page() -> rx.Component:
    no_errors = rx.Var.create({}).to(dict[str, str])
    return rx.center(
        rx.vstack(
            rx.hstack(rx.spacer(), language_switch(), width="100%"),
            rx.vstack(
                rx.image(
                    src="/icons/icon-192.png", width="72px", height="72px", alt="", border_radius="16px"
                ),
                rx.heading(T("app.name"), size="8", as_="h1"),
                rx.text(T("app.tagline"), size="3", color_scheme="gray", text_align="center"),
                align="center",
                spacing="2",
            ),
            rx.cond(
                LoginState.expired_notice,
                rx.callout(T("error.session_expired"), icon="clock", color_scheme="amber", width="100%"),
            ),
            rx.form(
                rx.vstack(
                    field(
                        "login.phone",
                        "phone",
                        no_errors,
                        type="tel",
                        required=True,
                        auto_complete="username",
                        input_mode="tel",
                        placeholder="13800000000",
                    ),
                    field(
                        "login.password",
                        "password",
                        no_errors,
                        type="password",
                        required=True,
                        auto_complete="current-password",
                    ),
                    error_notice(LoginState.login_error, id="login-error"),
                    submit_button("login.submit", loading=LoginState.busy),
                    spacing="4",
                    width="100%",
                ),
                on_submit=LoginState.submit,
                width="100%",
            ),
            rx.hstack(
                rx.link(
                    T("login.become_volunteer"),
                    href="/volunteer/register",
                    size="3",
                    id="become-volunteer",
                    style=PUBLIC_LINK,
                ),
                rx.link(
                    T("login.feedback"), href="/feedback", size="3", id="feedback-link", style=PUBLIC_LINK
                ),
                spacing="5",
                wrap="wrap",
            ),
            spacing="5",
            style=CARD | {"max_width": "420px", "padding": "24px 20px"},
        ),
        min_height="100vh",
        padding="16px",
        background="var(--teal-2)",
    )
