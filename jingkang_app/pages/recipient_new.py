"""服务对象登记: one form on a phone, in the sections of the paper form. Uncontrolled inputs keep what was typed
when the server refuses; the 身份证号 is checked when the field is left, and sex and birth date shown from it."""

import reflex as rx

from jingkang_app.components.choices import choice, choice_fieldset
from jingkang_app.components.forms import error_text, field, select_field, submit_button
from jingkang_app.components.notice import error_notice
from jingkang_app.components.shell import shell
from jingkang_app.components.styles import CARD, TOUCH
from jingkang_app.components.text import T
from jingkang_app.domain.services.recipients import DIAGNOSES, GUARDIAN_RELATIONS
from jingkang_app.state.recipient_new import RecipientNewState as State

FORM_ID = "recipient-new-form"
DISABILITY = (
    ("", "recipient.new.disability.none"),
    ("1", "recipient.new.disability.grade_one"),
    ("2", "recipient.new.disability.grade_two"),
    ("3", "recipient.new.disability.grade_three"),
    ("4", "recipient.new.disability.grade_four"),
)
# 就业情况, coded 1–9 as on the national form.
EMPLOYMENT = (
    ("1", "recipient.new.employment.worker"),
    ("2", "recipient.new.employment.manager"),
    ("3", "recipient.new.employment.farmer"),
    ("4", "recipient.new.employment.unemployed"),
    ("5", "recipient.new.employment.student"),
    ("6", "recipient.new.employment.retired"),
    ("7", "recipient.new.employment.professional"),
    ("8", "recipient.new.employment.other"),
    ("9", "recipient.new.employment.unknown"),
)


def _section(heading_key: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(rx.heading(T(heading_key), size="4", as_="h2"), *children, spacing="3", style=CARD)


def _derived(label_key: str, value: rx.Var) -> rx.Component:
    return rx.hstack(rx.text(T(label_key), size="3", color_scheme="gray"), rx.text(value, size="3"))


def _phone(label_key: str, name: str) -> rx.Component:
    # Room for "+86 139-1234-5678": the service strips the prefix and separators.
    return field(label_key, name, State.errors, type="tel", input_mode="tel", max_length=20)


def _optional_code(label_key: str, name: str, key_prefix: str, codes: tuple[str, ...]) -> rx.Component:
    """A select of domain codes, each labelled ``key_prefix.code``; left on 请选择 it sends nothing."""
    options = [("", "recipient.new.choose"), *[(code, f"{key_prefix}.{code}") for code in codes]]
    return select_field(label_key, name, State.errors, options)


def _identity() -> rx.Component:
    """The ID number, what it says about sex and birth date, and a link to a record already holding it."""
    return rx.vstack(
        field(
            "recipient.id_number",
            "id_number",
            State.errors,
            required=True,
            help_key="recipient.new.id_number_help",
            max_length=24,
            auto_complete="off",
            spell_check=False,
            on_blur=State.check_id_number,
        ),
        rx.el.div(
            rx.cond(
                State.derived.contains("sex"),
                rx.hstack(
                    _derived("recipient.new.sex", State.derived["sex"]),
                    _derived("recipient.new.birth_date", State.derived["birth_date"]),
                    spacing="5",
                ),
            ),
            aria_live="polite",
        ),
        rx.cond(
            State.duplicate_id != "",
            rx.link(
                T("recipient.new.open_existing"),
                href="/recipients/" + State.duplicate_id,
                id="duplicate-link",
                style={"display": "flex", "align_items": "center", "min_height": TOUCH, "font_size": "16px"},
            ),
        ),
        spacing="2",
        width="100%",
    )


def _village() -> rx.Component:
    # A user with one village (a village committee) finds it chosen; others pick from their scope.
    options = rx.fragment(
        rx.cond(State.villages.length() > 1, rx.el.option(T("recipient.new.choose"), value="")),
        rx.foreach(State.villages, lambda v: rx.el.option(v["name"], value=v["id"])),
    )
    return select_field("recipient.new.village", "area_id", State.errors, options, required=True)


def _basic() -> rx.Component:
    errors = State.errors
    return _section(
        "recipient.new.basic",
        field("recipient.new.name", "name", errors, required=True, max_length=32, auto_complete="off"),
        _identity(),
        _phone("recipient.phone", "phone"),
        _village(),
        field("recipient.address", "address", errors, max_length=200),
        select_field(
            "recipient.new.hukou",
            "hukou_local",
            errors,
            [("yes", "recipient.new.hukou.local"), ("no", "recipient.new.hukou.other")],
        ),
        select_field(
            "recipient.new.household_type",
            "household_type",
            errors,
            [("urban", "recipient.new.household.urban"), ("rural", "recipient.new.household.rural")],
            default_value="rural",
        ),
    )


def _diagnosis() -> rx.Component:
    errors = State.errors
    return _section(
        "recipient.new.diagnosis_section",
        _optional_code("recipient.new.diagnosis", "diagnosis", "diagnosis", DIAGNOSES),
        field("recipient.new.diagnosis_hospital", "diagnosis_hospital", errors, max_length=100),
        field("recipient.new.diagnosis_date", "diagnosis_date", errors, type="date", max=State.today),
        select_field("recipient.disability", "disability_level", errors, list(DISABILITY)),
    )


def _guardian() -> rx.Component:
    errors = State.errors
    return _section(
        "recipient.guardian",
        field("recipient.new.guardian_name", "guardian_name", errors, max_length=32),
        _optional_code(
            "recipient.new.guardian_relation", "guardian_relation", "relation", GUARDIAN_RELATIONS
        ),
        _phone("recipient.guardian_phone", "guardian_phone"),
        field("recipient.new.guardian_address", "guardian_address", errors, max_length=200),
        field("recipient.new.village_contact_name", "village_contact_name", errors, max_length=32),
        _phone("recipient.new.village_contact_phone", "village_contact_phone"),
    )


def _economy() -> rx.Component:
    errors = State.errors
    return _section(
        "recipient.new.economy_section",
        select_field(
            "recipient.new.economic_status",
            "economic_status",
            errors,
            [(s, f"recipient.new.economic.{s}") for s in ("poor", "not_poor", "unknown")],
            default_value="unknown",
        ),
        choice_fieldset(
            "recipient.new.assistance",
            rx.fragment(),
            "",
            choice("checkbox", "low_income", "on", "recipient.new.low_income"),
            choice("checkbox", "extreme_poverty", "on", "recipient.new.extreme_poverty"),
        ),
        select_field("recipient.new.employment", "employment", errors, list(EMPLOYMENT), default_value="9"),
    )


def _form() -> rx.Component:
    summary = rx.cond(
        State.page_error != "",
        State.page_error,
        rx.cond(State.errors.length() > 0, T("error.validation_failed"), ""),
    )
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name="client_id", value=State.client_id),
            _basic(),
            _diagnosis(),
            _guardian(),
            _economy(),
            error_text(State.errors, "client_id"),
            error_notice(summary),
            submit_button("recipient.new.submit"),
            spacing="4",
            width="100%",
        ),
        id=FORM_ID,
        # Keyed by the client id, which changes only when the page is opened again: a refused form keeps
        # what was typed; a saved one leaves for the new record's page.
        key=State.client_id,
        on_submit=State.register,
        width="100%",
    )


def recipient_new_page() -> rx.Component:
    return shell("recipient.new.title", rx.cond(State.allowed, _form()))
