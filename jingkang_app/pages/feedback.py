"""意见反馈, /feedback: the public form on a phone, no login — 投诉 or 建议, the county or township it is about, what
happened, and a contact if the sender wants a call back. Each refusal shows beside its field and what was typed
stays; once sent, the form gives way to the reference to note and the promise of an answer."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.coordination import LINK
from jingkang_app.components.forms import error_text, field, select_field, submit_button, textarea_field
from jingkang_app.components.public_frame import public_frame
from jingkang_app.components.styles import TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.rules.feedback import CONTACT_NAME_MAX, CONTACT_PHONE_MAX, CONTENT_MAX, FeedbackKind
from jingkang_app.state.feedback_form import FeedbackFormState as F


def _kind() -> rx.Component:
    return choice_fieldset(
        "feedback.kind",
        error_text(F.errors, "kind"),
        "kind-error",
        *[
            choice(
                "radio",
                "kind",
                kind.value,
                f"feedback.kind.{kind.value}",
                required=True,
                default_checked=F.typed["kind"] == kind.value,
            )
            for kind in FeedbackKind
        ],
    )


def _area() -> rx.Component:
    return select_field(
        "feedback.area",
        "area_id",
        F.errors,
        rx.fragment(
            rx.el.option(T("feedback.area_choose"), value=""),
            rx.foreach(F.areas, lambda a: rx.el.option(a["label"], value=a["id"])),
        ),
        required=True,
        default_value=F.typed["area_id"],
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(T("feedback.intro"), size="3"),
            rx.el.input(type="hidden", name="client_id", value=F.client_id),
            _kind(),
            _area(),
            textarea_field(
                "feedback.content",
                "content",
                F.errors,
                max_length=CONTENT_MAX,
                help_key="feedback.content_help",
                required=True,
                rows=6,
                default_value=F.typed["content"],
            ),
            field(
                "feedback.contact_name",
                "contact_name",
                F.errors,
                max_length=CONTACT_NAME_MAX,
                auto_complete="name",
                default_value=F.typed["contact_name"],
            ),
            field(
                "feedback.contact_phone",
                "contact_phone",
                F.errors,
                type="tel",
                input_mode="tel",
                auto_complete="tel",
                max_length=CONTACT_PHONE_MAX,
                placeholder="13800000000",
                help_key="feedback.contact_help",
                default_value=F.typed["contact_phone"],
            ),
            error_text(F.errors, "form"),
            submit_button("feedback.submit", id="feedback-submit"),
            spacing="4",
            width="100%",
        ),
        on_submit=F.submit,
        id="feedback-form",
        width="100%",
    )


def _done() -> rx.Component:
    return rx.vstack(
        rx.callout(
            T("feedback.done_title"),
            icon="circle-check",
            size="3",
            color_scheme="green",
            role="status",
            width="100%",
        ),
        rx.heading(F.reference, size="6", as_="p", id="feedback-reference"),
        rx.text(F.promise, size="3", id="feedback-promise"),
        rx.text(T("feedback.reference_note"), size="3", color_scheme="gray"),
        rx.button(
            T("feedback.again"),
            on_click=F.write_another,
            size="3",
            min_height=TOUCH,
            variant="soft",
            width="100%",
        ),
        rx.link(T("feedback.back"), href="/login", size="3", style=LINK),
        spacing="4",
        width="100%",
    )


def feedback_page() -> rx.Component:
    return public_frame("feedback.title", rx.cond(F.reference != "", _done(), _form()))
