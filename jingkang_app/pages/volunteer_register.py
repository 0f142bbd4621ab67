"""成为志愿者, /volunteer/register: the public registration form on a phone. Uncontrolled inputs keep what was typed
when the server refuses it; each refusal shows beside its field. Once sent, the form gives way to 「已提交，等待审核」
and a link to log in (straight to 我的服务 afterwards)."""

import reflex as rx

from jingkang_app.components.coordination import LINK
from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.public_frame import public_frame
from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T
from jingkang_app.components.volunteer_profile import insurance_field, profile_fields
from jingkang_app.domain.rules.volunteer_registry import ID_NUMBER_MAX, ID_TYPES, NAME_MAX
from jingkang_app.state.volunteer_register import VolunteerRegisterState as R

LOGIN_THEN_HOME = "/login?next=/volunteer"


def _area() -> rx.Component:
    return select_field(
        "volunteer.area",
        "area_id",
        R.errors,
        rx.fragment(
            rx.el.option(T("volunteer_page.area_choose"), value=""),
            rx.foreach(R.areas, lambda a: rx.el.option(a["label"], value=a["id"])),
        ),
        required=True,
        help_key="volunteer.area_help",
        default_value="",
    )


def _identity() -> rx.Component:
    return rx.el.div(
        rx.text(T("volunteer_page.id_help"), size="3", color_scheme="gray"),
        select_field(
            "volunteer.id_type",
            "id_type",
            R.errors,
            [("", "volunteer_page.id_type_none")] + [(k, f"id_type.{k}") for k in ID_TYPES],
            default_value="",
        ),
        field("volunteer.id_number", "id_number", R.errors, max_length=ID_NUMBER_MAX, auto_complete="off"),
        style={"display": "flex", "flex_direction": "column", "gap": "12px", "width": "100%"},
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T("volunteer_page.register_intro"), size="3"),
            rx.el.input(type="hidden", name="client_id", value=R.client_id),
            field(
                "volunteer.name", "name", R.errors, required=True, max_length=NAME_MAX, auto_complete="name"
            ),
            field(
                "volunteer.phone",
                "phone",
                R.errors,
                type="tel",
                required=True,
                input_mode="tel",
                auto_complete="tel",
                placeholder="13800000000",
            ),
            field(
                "volunteer.password",
                "password",
                R.errors,
                type="password",
                required=True,
                auto_complete="new-password",
                help_key="volunteer_page.password_help",
            ),
            field(
                "volunteer_page.password_confirm",
                "password_confirm",
                R.errors,
                type="password",
                required=True,
                auto_complete="new-password",
            ),
            _area(),
            profile_fields(R.errors, trainings_help="volunteer_page.trainings_help"),
            insurance_field(R.errors),
            _identity(),
            error_text(R.errors, "form"),
            submit_button("volunteer_page.register_submit", id="register-submit"),
            rx.link(T("volunteer_page.have_account"), href="/login", size="3", style=LINK),
            spacing="4",
            width="100%",
        ),
        on_submit=R.submit,
        id="register-form",
        width="100%",
    )


def _done() -> rx.Component:
    return rx.vstack(
        rx.callout(
            T("volunteer_page.registered_title"),
            icon="circle-check",
            size="3",
            color_scheme="green",
            role="status",
            width="100%",
            id="register-done-title",
        ),
        rx.text(R.registered, size="3", id="register-done"),
        rx.link(
            rx.button(T("volunteer_page.go_login"), size="3", min_height=TOUCH, width="100%"),
            href=LOGIN_THEN_HOME,
            width="100%",
            id="register-login",
        ),
        spacing="4",
        width="100%",
    )


def volunteer_register_page() -> rx.Component:
    return public_frame("volunteer_page.register_title", rx.cond(R.registered != "", _done(), _form()))
